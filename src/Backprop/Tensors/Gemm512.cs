using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Backprop.Tensors;

/// <summary>
/// The fast path of <see cref="Gemm"/>'s inner blocks, in float (16 lanes) and double (8 lanes): 512-bit vectors and
/// fused multiply-adds, used when the processor has them. Tiles are counted in vectors, so a tile of four vectors is
/// 64 floats or 32 doubles wide. Each block sums in a fixed order, so results are deterministic on a given machine.
/// </summary>
internal static partial class Gemm512
{
    public static bool Supported => Vector512.IsHardwareAccelerated;

    /// <summary>
    /// Four rows of A (<paramref name="rows"/> of them real; the others repeat the last and are not stored) against four
    /// rows of B: sixteen dot products, each load feeding two to four fused multiply-adds.
    /// </summary>
    public static void DotBlock4<T>(ReadOnlySpan<T> a, int i, int rows, ReadOnlySpan<T> b, int j, int k, Span<T> c, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector512<T>.Count;
        ref T pa = ref MemoryMarshal.GetReference(a);
        ref T x0 = ref Unsafe.Add(ref pa, i * k);
        ref T x1 = ref Unsafe.Add(ref pa, (i + Math.Min(1, rows - 1)) * k);
        ref T x2 = ref Unsafe.Add(ref pa, (i + Math.Min(2, rows - 1)) * k);
        ref T x3 = ref Unsafe.Add(ref pa, (i + Math.Min(3, rows - 1)) * k);
        ref T pb = ref MemoryMarshal.GetReference(b);
        ref T y0 = ref Unsafe.Add(ref pb, j * k);
        ref T y1 = ref Unsafe.Add(ref pb, (j + 1) * k);
        ref T y2 = ref Unsafe.Add(ref pb, (j + 2) * k);
        ref T y3 = ref Unsafe.Add(ref pb, (j + 3) * k);
        Vector512<T> s00 = default, s01 = default, s02 = default, s03 = default, s10 = default, s11 = default, s12 = default, s13 = default;
        Vector512<T> s20 = default, s21 = default, s22 = default, s23 = default, s30 = default, s31 = default, s32 = default, s33 = default;
        int t = 0;
        for (; t + w <= k; t += w)
        {
            var v0 = Vector512.LoadUnsafe(ref y0, (nuint)t);
            var v1 = Vector512.LoadUnsafe(ref y1, (nuint)t);
            var v2 = Vector512.LoadUnsafe(ref y2, (nuint)t);
            var v3 = Vector512.LoadUnsafe(ref y3, (nuint)t);
            var u = Vector512.LoadUnsafe(ref x0, (nuint)t);
            s00 = Fma(u, v0, s00); s01 = Fma(u, v1, s01); s02 = Fma(u, v2, s02); s03 = Fma(u, v3, s03);
            u = Vector512.LoadUnsafe(ref x1, (nuint)t);
            s10 = Fma(u, v0, s10); s11 = Fma(u, v1, s11); s12 = Fma(u, v2, s12); s13 = Fma(u, v3, s13);
            u = Vector512.LoadUnsafe(ref x2, (nuint)t);
            s20 = Fma(u, v0, s20); s21 = Fma(u, v1, s21); s22 = Fma(u, v2, s22); s23 = Fma(u, v3, s23);
            u = Vector512.LoadUnsafe(ref x3, (nuint)t);
            s30 = Fma(u, v0, s30); s31 = Fma(u, v1, s31); s32 = Fma(u, v2, s32); s33 = Fma(u, v3, s33);
        }
        Span<T> r = stackalloc T[16];
        if (typeof(T) == typeof(float) && Avx512F.IsSupported)
        {
            // The sixteen horizontal sums at once, row-major: about three shuffles and adds per sum instead of ten.
            var sums = Sum16(s00.AsSingle(), s01.AsSingle(), s02.AsSingle(), s03.AsSingle(), s10.AsSingle(), s11.AsSingle(), s12.AsSingle(),
                s13.AsSingle(), s20.AsSingle(), s21.AsSingle(), s22.AsSingle(), s23.AsSingle(), s30.AsSingle(), s31.AsSingle(), s32.AsSingle(),
                s33.AsSingle());
            // The last k mod 16 terms for the sixteen sums at once: lane 4r + c gains x_r[t]·y_c[t], the product rounded and then
            // added, as the scalar loop below does (a narrow layer, 54 inputs, has 6 such terms for 48 in vectors).
            for (; t < k; t++)
            {
                var q = Vector128.Create(F(ref y0, t), F(ref y1, t), F(ref y2, t), F(ref y3, t));
                var p = Vector512.Create(Vector256.Create(Vector128.Create(F(ref x0, t)), Vector128.Create(F(ref x1, t))),
                    Vector256.Create(Vector128.Create(F(ref x2, t)), Vector128.Create(F(ref x3, t))));
                sums += p * Vector512.Create(Vector256.Create(q, q), Vector256.Create(q, q));
            }
            sums.As<float, T>().StoreUnsafe(ref MemoryMarshal.GetReference(r));
        }
        else
        {
            r[0] = Vector512.Sum(s00); r[1] = Vector512.Sum(s01); r[2] = Vector512.Sum(s02); r[3] = Vector512.Sum(s03);
            r[4] = Vector512.Sum(s10); r[5] = Vector512.Sum(s11); r[6] = Vector512.Sum(s12); r[7] = Vector512.Sum(s13);
            r[8] = Vector512.Sum(s20); r[9] = Vector512.Sum(s21); r[10] = Vector512.Sum(s22); r[11] = Vector512.Sum(s23);
            r[12] = Vector512.Sum(s30); r[13] = Vector512.Sum(s31); r[14] = Vector512.Sum(s32); r[15] = Vector512.Sum(s33);
        }
        for (; t < k; t++)
        {
            T q0 = Unsafe.Add(ref y0, t), q1 = Unsafe.Add(ref y1, t), q2 = Unsafe.Add(ref y2, t), q3 = Unsafe.Add(ref y3, t);
            T p0 = Unsafe.Add(ref x0, t), p1 = Unsafe.Add(ref x1, t), p2 = Unsafe.Add(ref x2, t), p3 = Unsafe.Add(ref x3, t);
            r[0] += p0 * q0; r[1] += p0 * q1; r[2] += p0 * q2; r[3] += p0 * q3;
            r[4] += p1 * q0; r[5] += p1 * q1; r[6] += p1 * q2; r[7] += p1 * q3;
            r[8] += p2 * q0; r[9] += p2 * q1; r[10] += p2 * q2; r[11] += p2 * q3;
            r[12] += p3 * q0; r[13] += p3 * q1; r[14] += p3 * q2; r[15] += p3 * q3;
        }
        for (int row = 0; row < rows; row++) r.Slice(4 * row, 4).CopyTo(c.Slice((i + row) * n + j, 4));
    }

    /// <summary>Element <paramref name="t"/> after <paramref name="start"/>, read as a float (T is float where this is called).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float F<T>(ref T start, int t) => Unsafe.As<T, float>(ref Unsafe.Add(ref start, t));

    /// <summary>
    /// The sums of sixteen vectors (four rows of four), as one vector: lane 4r + c holds the sum of the lanes of vector
    /// (r, c). Within each 128-bit quarter the four vectors of a row are folded together by unpacking (Sum4), then the
    /// quarters are added across the rows by 128-bit shuffles.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Sum16(
        Vector512<float> a0, Vector512<float> a1, Vector512<float> a2, Vector512<float> a3,
        Vector512<float> b0, Vector512<float> b1, Vector512<float> b2, Vector512<float> b3,
        Vector512<float> c0, Vector512<float> c1, Vector512<float> c2, Vector512<float> c3,
        Vector512<float> d0, Vector512<float> d1, Vector512<float> d2, Vector512<float> d3)
    {
        // Quarter q of Sum4(v0…v3) is (Σ quarter q of v0, …, Σ quarter q of v3).
        var a = Sum4(a0, a1, a2, a3);
        var b = Sum4(b0, b1, b2, b3);
        var c = Sum4(c0, c1, c2, c3);
        var d = Sum4(d0, d1, d2, d3);
        // Quarters (0 + 1, 2 + 3) of a, then of b: ab = (a01, a23, b01, b23); likewise cd; then (a, b, c, d) totals.
        var ab = Avx512F.Shuffle4x128(a, b, 0b10_00_10_00) + Avx512F.Shuffle4x128(a, b, 0b11_01_11_01);
        var cd = Avx512F.Shuffle4x128(c, d, 0b10_00_10_00) + Avx512F.Shuffle4x128(c, d, 0b11_01_11_01);
        return Avx512F.Shuffle4x128(ab, cd, 0b10_00_10_00) + Avx512F.Shuffle4x128(ab, cd, 0b11_01_11_01);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Sum4(Vector512<float> v0, Vector512<float> v1, Vector512<float> v2, Vector512<float> v3)
    {
        // Per quarter: (v0₀ + v0₂, v1₀ + v1₂, v0₁ + v0₃, v1₁ + v1₃) and the same for v2, v3; then pairs of floats moved as doubles.
        var t0 = Avx512F.UnpackLow(v0, v1) + Avx512F.UnpackHigh(v0, v1);
        var t1 = Avx512F.UnpackLow(v2, v3) + Avx512F.UnpackHigh(v2, v3);
        return Avx512F.UnpackLow(t0.AsDouble(), t1.AsDouble()).AsSingle() + Avx512F.UnpackHigh(t0.AsDouble(), t1.AsDouble()).AsSingle();
    }

    /// <summary>a·b + c, lane by lane, rounded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c) where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float)
            ? Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>()
            : Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();

    /// <summary>Σ x[t]·y[t].</summary>
    public static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector512<T>.Count;
        ref T px = ref MemoryMarshal.GetReference(x);
        ref T py = ref MemoryMarshal.GetReference(y);
        Vector512<T> sum = default;
        int t = 0;
        for (; t + w <= x.Length; t += w) sum = Fma(Vector512.LoadUnsafe(ref px, (nuint)t), Vector512.LoadUnsafe(ref py, (nuint)t), sum);
        T result = Vector512.Sum(sum);
        for (; t < x.Length; t++) result += x[t] * y[t];
        return result;
    }

    /// <summary>
    /// C[i, j] (+)= Σₜ A(i, t)·B[t, j] for rows [first, last) of C (n columns), with A(i, t) = a[i·ai + t·at] and B row-major
    /// (n columns): δᵀ·X when A is δ read transposed, δ·W when A is δ read by rows. A tile of 4 rows × 64 columns of C stays
    /// in registers while every t streams through it, so each loaded vector of B feeds four fused multiply-adds.
    /// </summary>
    public static void Product<T>(ReadOnlySpan<T> a, int ai, int at, ReadOnlySpan<T> b, Span<T> c, int first, int last, int n, int depth,
        bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector512<T>.Count;
        ref T pa = ref MemoryMarshal.GetReference(a);
        ref T pb = ref MemoryMarshal.GetReference(b);
        ref T pc = ref MemoryMarshal.GetReference(c);
        int rows4 = first + (last - first) / 4 * 4, full = n / (4 * w) * (4 * w);
        if (Pack && rows4 - first >= PackMinimum && depth >= PackMinimum && full > 0)
            ProductPacked(a, ai, at, b, c, first, rows4, full, n, depth, accumulate);
        // A strip of 64 columns of B (depth × 256 bytes) stays in the core's cache while every tile of rows passes it.
        else for (int j = 0; j < full; j += 4 * w)
        {
            for (int i4 = first; i4 < rows4; i4 += 4)
            {
                ref T c0 = ref Unsafe.Add(ref pc, i4 * n);
                ref T c1 = ref Unsafe.Add(ref pc, (i4 + 1) * n);
                ref T c2 = ref Unsafe.Add(ref pc, (i4 + 2) * n);
                ref T c3 = ref Unsafe.Add(ref pc, (i4 + 3) * n);
                Vector512<T> r00, r01, r02, r03, r10, r11, r12, r13, r20, r21, r22, r23, r30, r31, r32, r33;
                if (accumulate)
                {
                    r00 = Vector512.LoadUnsafe(ref c0, (nuint)j); r01 = Vector512.LoadUnsafe(ref c0, (nuint)(j + w)); r02 =
                        Vector512.LoadUnsafe(ref c0, (nuint)(j + 2 * w)); r03 = Vector512.LoadUnsafe(ref c0, (nuint)(j + 3 * w));
                    r10 = Vector512.LoadUnsafe(ref c1, (nuint)j); r11 = Vector512.LoadUnsafe(ref c1, (nuint)(j + w)); r12 =
                        Vector512.LoadUnsafe(ref c1, (nuint)(j + 2 * w)); r13 = Vector512.LoadUnsafe(ref c1, (nuint)(j + 3 * w));
                    r20 = Vector512.LoadUnsafe(ref c2, (nuint)j); r21 = Vector512.LoadUnsafe(ref c2, (nuint)(j + w)); r22 =
                        Vector512.LoadUnsafe(ref c2, (nuint)(j + 2 * w)); r23 = Vector512.LoadUnsafe(ref c2, (nuint)(j + 3 * w));
                    r30 = Vector512.LoadUnsafe(ref c3, (nuint)j); r31 = Vector512.LoadUnsafe(ref c3, (nuint)(j + w)); r32 =
                        Vector512.LoadUnsafe(ref c3, (nuint)(j + 2 * w)); r33 = Vector512.LoadUnsafe(ref c3, (nuint)(j + 3 * w));
                }
                else r00 = r01 = r02 = r03 = r10 = r11 = r12 = r13 = r20 = r21 = r22 = r23 = r30 = r31 = r32 = r33 = Vector512<T>.Zero;
                for (int t = 0; t < depth; t++)
                {
                    ref T bt = ref Unsafe.Add(ref pb, t * n + j);
                    var b0 = Vector512.LoadUnsafe(ref bt);
                    var b1 = Vector512.LoadUnsafe(ref bt, (nuint)w);
                    var b2 = Vector512.LoadUnsafe(ref bt, (nuint)(2 * w));
                    var b3 = Vector512.LoadUnsafe(ref bt, (nuint)(3 * w));
                    var x = Vector512.Create(Unsafe.Add(ref pa, i4 * ai + t * at));
                    r00 = Fma(x, b0, r00); r01 = Fma(x, b1, r01); r02 = Fma(x, b2, r02); r03 = Fma(x, b3, r03);
                    x = Vector512.Create(Unsafe.Add(ref pa, (i4 + 1) * ai + t * at));
                    r10 = Fma(x, b0, r10); r11 = Fma(x, b1, r11); r12 = Fma(x, b2, r12); r13 = Fma(x, b3, r13);
                    x = Vector512.Create(Unsafe.Add(ref pa, (i4 + 2) * ai + t * at));
                    r20 = Fma(x, b0, r20); r21 = Fma(x, b1, r21); r22 = Fma(x, b2, r22); r23 = Fma(x, b3, r23);
                    x = Vector512.Create(Unsafe.Add(ref pa, (i4 + 3) * ai + t * at));
                    r30 = Fma(x, b0, r30); r31 = Fma(x, b1, r31); r32 = Fma(x, b2, r32); r33 = Fma(x, b3, r33);
                }
                r00.StoreUnsafe(ref c0, (nuint)j); r01.StoreUnsafe(ref c0, (nuint)(j + w)); r02.StoreUnsafe(ref c0,
                    (nuint)(j + 2 * w)); r03.StoreUnsafe(ref c0, (nuint)(j + 3 * w));
                r10.StoreUnsafe(ref c1, (nuint)j); r11.StoreUnsafe(ref c1, (nuint)(j + w)); r12.StoreUnsafe(ref c1,
                    (nuint)(j + 2 * w)); r13.StoreUnsafe(ref c1, (nuint)(j + 3 * w));
                r20.StoreUnsafe(ref c2, (nuint)j); r21.StoreUnsafe(ref c2, (nuint)(j + w)); r22.StoreUnsafe(ref c2,
                    (nuint)(j + 2 * w)); r23.StoreUnsafe(ref c2, (nuint)(j + 3 * w));
                r30.StoreUnsafe(ref c3, (nuint)j); r31.StoreUnsafe(ref c3, (nuint)(j + w)); r32.StoreUnsafe(ref c3,
                    (nuint)(j + 2 * w)); r33.StoreUnsafe(ref c3, (nuint)(j + 3 * w));
            }
        }
        if (full < n) ProductNarrow(a, ai, at, b, c, first, rows4, n, depth, accumulate, full);
        if (rows4 < last) ProductColumns(a, ai, at, b, c, rows4, last, n, depth, accumulate, 0);
    }

    /// <summary>Rows [first, last) of C from column <paramref name="from"/> on, two rows at a time.</summary>
    private static void ProductColumns<T>(ReadOnlySpan<T> a, int ai, int at, ReadOnlySpan<T> b, Span<T> c, int first, int last, int n, int depth,
        bool accumulate, int from)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector512<T>.Count;
        ref T pa = ref MemoryMarshal.GetReference(a);
        ref T pb = ref MemoryMarshal.GetReference(b);
        ref T pc = ref MemoryMarshal.GetReference(c);
        for (int i = first; i < last; i += 2)
        {
            bool pair = i + 1 < last;
            int i1 = pair ? i + 1 : i;
            ref T c0 = ref Unsafe.Add(ref pc, i * n);
            ref T c1 = ref Unsafe.Add(ref pc, i1 * n);
            int j = from;
            for (; j + 4 * w <= n; j += 4 * w)
            {
                Vector512<T> r00, r01, r02, r03, r10, r11, r12, r13;
                if (accumulate)
                {
                    r00 = Vector512.LoadUnsafe(ref c0, (nuint)j); r01 = Vector512.LoadUnsafe(ref c0, (nuint)(j + w));
                    r02 = Vector512.LoadUnsafe(ref c0, (nuint)(j + 2 * w)); r03 = Vector512.LoadUnsafe(ref c0, (nuint)(j + 3 * w));
                    r10 = Vector512.LoadUnsafe(ref c1, (nuint)j); r11 = Vector512.LoadUnsafe(ref c1, (nuint)(j + w));
                    r12 = Vector512.LoadUnsafe(ref c1, (nuint)(j + 2 * w)); r13 = Vector512.LoadUnsafe(ref c1, (nuint)(j + 3 * w));
                }
                else r00 = r01 = r02 = r03 = r10 = r11 = r12 = r13 = Vector512<T>.Zero;
                for (int t = 0; t < depth; t++)
                {
                    ref T bt = ref Unsafe.Add(ref pb, t * n + j);
                    var b0 = Vector512.LoadUnsafe(ref bt);
                    var b1 = Vector512.LoadUnsafe(ref bt, (nuint)w);
                    var b2 = Vector512.LoadUnsafe(ref bt, (nuint)(2 * w));
                    var b3 = Vector512.LoadUnsafe(ref bt, (nuint)(3 * w));
                    var x0 = Vector512.Create(Unsafe.Add(ref pa, i * ai + t * at));
                    var x1 = Vector512.Create(Unsafe.Add(ref pa, i1 * ai + t * at));
                    r00 = Fma(x0, b0, r00); r01 = Fma(x0, b1, r01);
                    r02 = Fma(x0, b2, r02); r03 = Fma(x0, b3, r03);
                    r10 = Fma(x1, b0, r10); r11 = Fma(x1, b1, r11);
                    r12 = Fma(x1, b2, r12); r13 = Fma(x1, b3, r13);
                }
                r00.StoreUnsafe(ref c0, (nuint)j); r01.StoreUnsafe(ref c0, (nuint)(j + w));
                r02.StoreUnsafe(ref c0, (nuint)(j + 2 * w)); r03.StoreUnsafe(ref c0, (nuint)(j + 3 * w));
                if (pair)
                {
                    r10.StoreUnsafe(ref c1, (nuint)j); r11.StoreUnsafe(ref c1, (nuint)(j + w));
                    r12.StoreUnsafe(ref c1, (nuint)(j + 2 * w)); r13.StoreUnsafe(ref c1, (nuint)(j + 3 * w));
                }
            }
            for (; j + w <= n; j += w)
            {
                var r0 = accumulate ? Vector512.LoadUnsafe(ref c0, (nuint)j) : Vector512<T>.Zero;
                var r1 = accumulate ? Vector512.LoadUnsafe(ref c1, (nuint)j) : Vector512<T>.Zero;
                for (int t = 0; t < depth; t++)
                {
                    var bv = Vector512.LoadUnsafe(ref Unsafe.Add(ref pb, t * n + j));
                    r0 = Fma(Vector512.Create(Unsafe.Add(ref pa, i * ai + t * at)), bv, r0);
                    r1 = Fma(Vector512.Create(Unsafe.Add(ref pa, i1 * ai + t * at)), bv, r1);
                }
                r0.StoreUnsafe(ref c0, (nuint)j);
                if (pair) r1.StoreUnsafe(ref c1, (nuint)j);
            }
            for (; j < n; j++)
            {
                T s0 = accumulate ? Unsafe.Add(ref c0, j) : T.Zero, s1 = accumulate ? Unsafe.Add(ref c1, j) : T.Zero;
                for (int t = 0; t < depth; t++)
                {
                    T bv = Unsafe.Add(ref pb, t * n + j);
                    s0 = T.FusedMultiplyAdd(Unsafe.Add(ref pa, i * ai + t * at), bv, s0);
                    s1 = T.FusedMultiplyAdd(Unsafe.Add(ref pa, i1 * ai + t * at), bv, s1);
                }
                Unsafe.Add(ref c0, j) = s0;
                if (pair) Unsafe.Add(ref c1, j) = s1;
            }
        }
    }
}

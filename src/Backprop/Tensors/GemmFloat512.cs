using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Backprop.Tensors;

/// <summary>
/// The float fast path of <see cref="Gemm"/>'s inner blocks: 512-bit vectors and fused multiply-adds, used when the
/// processor has them. Each block sums in a fixed order, so results are deterministic on a given machine.
/// </summary>
internal static class GemmFloat512
{
    public static bool Supported => Vector512.IsHardwareAccelerated;

    /// <summary>
    /// Four rows of A (<paramref name="rows"/> of them real; the others repeat the last and are not stored) against four
    /// rows of B: sixteen dot products, each load feeding two to four fused multiply-adds.
    /// </summary>
    public static void DotBlock4(ReadOnlySpan<float> a, int i, int rows, ReadOnlySpan<float> b, int j, int k, Span<float> c, int n)
    {
        ref float pa = ref MemoryMarshal.GetReference(a);
        ref float x0 = ref Unsafe.Add(ref pa, i * k);
        ref float x1 = ref Unsafe.Add(ref pa, (i + Math.Min(1, rows - 1)) * k);
        ref float x2 = ref Unsafe.Add(ref pa, (i + Math.Min(2, rows - 1)) * k);
        ref float x3 = ref Unsafe.Add(ref pa, (i + Math.Min(3, rows - 1)) * k);
        ref float pb = ref MemoryMarshal.GetReference(b);
        ref float y0 = ref Unsafe.Add(ref pb, j * k);
        ref float y1 = ref Unsafe.Add(ref pb, (j + 1) * k);
        ref float y2 = ref Unsafe.Add(ref pb, (j + 2) * k);
        ref float y3 = ref Unsafe.Add(ref pb, (j + 3) * k);
        Vector512<float> s00 = default, s01 = default, s02 = default, s03 = default, s10 = default, s11 = default, s12 = default, s13 = default;
        Vector512<float> s20 = default, s21 = default, s22 = default, s23 = default, s30 = default, s31 = default, s32 = default, s33 = default;
        int t = 0;
        for (; t + 16 <= k; t += 16)
        {
            var v0 = Vector512.LoadUnsafe(ref y0, (nuint)t);
            var v1 = Vector512.LoadUnsafe(ref y1, (nuint)t);
            var v2 = Vector512.LoadUnsafe(ref y2, (nuint)t);
            var v3 = Vector512.LoadUnsafe(ref y3, (nuint)t);
            var u = Vector512.LoadUnsafe(ref x0, (nuint)t);
            s00 = Vector512.FusedMultiplyAdd(u, v0, s00); s01 = Vector512.FusedMultiplyAdd(u, v1, s01); s02 = Vector512.FusedMultiplyAdd(u, v2, s02); s03 = Vector512.FusedMultiplyAdd(u, v3, s03);
            u = Vector512.LoadUnsafe(ref x1, (nuint)t);
            s10 = Vector512.FusedMultiplyAdd(u, v0, s10); s11 = Vector512.FusedMultiplyAdd(u, v1, s11); s12 = Vector512.FusedMultiplyAdd(u, v2, s12); s13 = Vector512.FusedMultiplyAdd(u, v3, s13);
            u = Vector512.LoadUnsafe(ref x2, (nuint)t);
            s20 = Vector512.FusedMultiplyAdd(u, v0, s20); s21 = Vector512.FusedMultiplyAdd(u, v1, s21); s22 = Vector512.FusedMultiplyAdd(u, v2, s22); s23 = Vector512.FusedMultiplyAdd(u, v3, s23);
            u = Vector512.LoadUnsafe(ref x3, (nuint)t);
            s30 = Vector512.FusedMultiplyAdd(u, v0, s30); s31 = Vector512.FusedMultiplyAdd(u, v1, s31); s32 = Vector512.FusedMultiplyAdd(u, v2, s32); s33 = Vector512.FusedMultiplyAdd(u, v3, s33);
        }
        Span<float> r = stackalloc float[16];
        if (Avx512F.IsSupported)
        {
            // The sixteen horizontal sums at once, row-major: about three shuffles and adds per sum instead of ten.
            Sum16(s00, s01, s02, s03, s10, s11, s12, s13, s20, s21, s22, s23, s30, s31, s32, s33).StoreUnsafe(ref MemoryMarshal.GetReference(r));
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
            float q0 = Unsafe.Add(ref y0, t), q1 = Unsafe.Add(ref y1, t), q2 = Unsafe.Add(ref y2, t), q3 = Unsafe.Add(ref y3, t);
            float p0 = Unsafe.Add(ref x0, t), p1 = Unsafe.Add(ref x1, t), p2 = Unsafe.Add(ref x2, t), p3 = Unsafe.Add(ref x3, t);
            r[0] += p0 * q0; r[1] += p0 * q1; r[2] += p0 * q2; r[3] += p0 * q3;
            r[4] += p1 * q0; r[5] += p1 * q1; r[6] += p1 * q2; r[7] += p1 * q3;
            r[8] += p2 * q0; r[9] += p2 * q1; r[10] += p2 * q2; r[11] += p2 * q3;
            r[12] += p3 * q0; r[13] += p3 * q1; r[14] += p3 * q2; r[15] += p3 * q3;
        }
        for (int row = 0; row < rows; row++) r.Slice(4 * row, 4).CopyTo(c.Slice((i + row) * n + j, 4));
    }

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

    /// <summary>Σ x[t]·y[t].</summary>
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        ref float px = ref MemoryMarshal.GetReference(x);
        ref float py = ref MemoryMarshal.GetReference(y);
        Vector512<float> sum = default;
        int t = 0;
        for (; t + 16 <= x.Length; t += 16) sum = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref px, (nuint)t), Vector512.LoadUnsafe(ref py, (nuint)t), sum);
        float result = Vector512.Sum(sum);
        for (; t < x.Length; t++) result += x[t] * y[t];
        return result;
    }

    /// <summary>row += f0·x0 + f1·x1 + f2·x2 + f3·x3.</summary>
    public static void Axpy4(Span<float> row, float f0, ReadOnlySpan<float> x0, float f1, ReadOnlySpan<float> x1, float f2, ReadOnlySpan<float> x2, float f3, ReadOnlySpan<float> x3)
    {
        ref float r = ref MemoryMarshal.GetReference(row);
        ref float p0 = ref MemoryMarshal.GetReference(x0);
        ref float p1 = ref MemoryMarshal.GetReference(x1);
        ref float p2 = ref MemoryMarshal.GetReference(x2);
        ref float p3 = ref MemoryMarshal.GetReference(x3);
        var v0 = Vector512.Create(f0);
        var v1 = Vector512.Create(f1);
        var v2 = Vector512.Create(f2);
        var v3 = Vector512.Create(f3);
        int j = 0, n = row.Length;
        for (; j + 16 <= n; j += 16)
        {
            var sum = Vector512.LoadUnsafe(ref r, (nuint)j);
            sum = Vector512.FusedMultiplyAdd(v0, Vector512.LoadUnsafe(ref p0, (nuint)j), sum);
            sum = Vector512.FusedMultiplyAdd(v1, Vector512.LoadUnsafe(ref p1, (nuint)j), sum);
            sum = Vector512.FusedMultiplyAdd(v2, Vector512.LoadUnsafe(ref p2, (nuint)j), sum);
            sum = Vector512.FusedMultiplyAdd(v3, Vector512.LoadUnsafe(ref p3, (nuint)j), sum);
            sum.StoreUnsafe(ref r, (nuint)j);
        }
        for (; j < n; j++) row[j] = row[j] + f0 * x0[j] + f1 * x1[j] + f2 * x2[j] + f3 * x3[j];
    }

    /// <summary>row += f·x.</summary>
    public static void Axpy(Span<float> row, float f, ReadOnlySpan<float> x)
    {
        ref float r = ref MemoryMarshal.GetReference(row);
        ref float p = ref MemoryMarshal.GetReference(x);
        var v = Vector512.Create(f);
        int j = 0, n = row.Length;
        for (; j + 16 <= n; j += 16) Vector512.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref p, (nuint)j), Vector512.LoadUnsafe(ref r, (nuint)j)).StoreUnsafe(ref r, (nuint)j);
        for (; j < n; j++) row[j] += f * x[j];
    }

    /// <summary>
    /// C[i, j] (+)= Σₜ A(i, t)·B[t, j] for rows [first, last) of C (n columns), with A(i, t) = a[i·ai + t·at] and B row-major
    /// (n columns): δᵀ·X when A is δ read transposed, δ·W when A is δ read by rows. A tile of 4 rows × 64 columns of C stays
    /// in registers while every t streams through it, so each loaded vector of B feeds four fused multiply-adds.
    /// </summary>
    public static void Product(ReadOnlySpan<float> a, int ai, int at, ReadOnlySpan<float> b, Span<float> c, int first, int last, int n, int depth, bool accumulate)
    {
        ref float pa = ref MemoryMarshal.GetReference(a);
        ref float pb = ref MemoryMarshal.GetReference(b);
        ref float pc = ref MemoryMarshal.GetReference(c);
        int rows4 = first + (last - first) / 4 * 4, full = n / 64 * 64;
        // A strip of 64 columns of B (depth × 256 bytes) stays in the core's cache while every tile of rows passes it.
        for (int j = 0; j < full; j += 64)
        {
            for (int i4 = first; i4 < rows4; i4 += 4)
            {
                ref float c0 = ref Unsafe.Add(ref pc, i4 * n);
                ref float c1 = ref Unsafe.Add(ref pc, (i4 + 1) * n);
                ref float c2 = ref Unsafe.Add(ref pc, (i4 + 2) * n);
                ref float c3 = ref Unsafe.Add(ref pc, (i4 + 3) * n);
                Vector512<float> r00, r01, r02, r03, r10, r11, r12, r13, r20, r21, r22, r23, r30, r31, r32, r33;
                if (accumulate)
                {
                    r00 = Vector512.LoadUnsafe(ref c0, (nuint)j); r01 = Vector512.LoadUnsafe(ref c0, (nuint)(j + 16)); r02 = Vector512.LoadUnsafe(ref c0, (nuint)(j + 32)); r03 = Vector512.LoadUnsafe(ref c0, (nuint)(j + 48));
                    r10 = Vector512.LoadUnsafe(ref c1, (nuint)j); r11 = Vector512.LoadUnsafe(ref c1, (nuint)(j + 16)); r12 = Vector512.LoadUnsafe(ref c1, (nuint)(j + 32)); r13 = Vector512.LoadUnsafe(ref c1, (nuint)(j + 48));
                    r20 = Vector512.LoadUnsafe(ref c2, (nuint)j); r21 = Vector512.LoadUnsafe(ref c2, (nuint)(j + 16)); r22 = Vector512.LoadUnsafe(ref c2, (nuint)(j + 32)); r23 = Vector512.LoadUnsafe(ref c2, (nuint)(j + 48));
                    r30 = Vector512.LoadUnsafe(ref c3, (nuint)j); r31 = Vector512.LoadUnsafe(ref c3, (nuint)(j + 16)); r32 = Vector512.LoadUnsafe(ref c3, (nuint)(j + 32)); r33 = Vector512.LoadUnsafe(ref c3, (nuint)(j + 48));
                }
                else r00 = r01 = r02 = r03 = r10 = r11 = r12 = r13 = r20 = r21 = r22 = r23 = r30 = r31 = r32 = r33 = Vector512<float>.Zero;
                for (int t = 0; t < depth; t++)
                {
                    ref float bt = ref Unsafe.Add(ref pb, t * n + j);
                    var b0 = Vector512.LoadUnsafe(ref bt);
                    var b1 = Vector512.LoadUnsafe(ref bt, 16);
                    var b2 = Vector512.LoadUnsafe(ref bt, 32);
                    var b3 = Vector512.LoadUnsafe(ref bt, 48);
                    var x = Vector512.Create(Unsafe.Add(ref pa, i4 * ai + t * at));
                    r00 = Vector512.FusedMultiplyAdd(x, b0, r00); r01 = Vector512.FusedMultiplyAdd(x, b1, r01); r02 = Vector512.FusedMultiplyAdd(x, b2, r02); r03 = Vector512.FusedMultiplyAdd(x, b3, r03);
                    x = Vector512.Create(Unsafe.Add(ref pa, (i4 + 1) * ai + t * at));
                    r10 = Vector512.FusedMultiplyAdd(x, b0, r10); r11 = Vector512.FusedMultiplyAdd(x, b1, r11); r12 = Vector512.FusedMultiplyAdd(x, b2, r12); r13 = Vector512.FusedMultiplyAdd(x, b3, r13);
                    x = Vector512.Create(Unsafe.Add(ref pa, (i4 + 2) * ai + t * at));
                    r20 = Vector512.FusedMultiplyAdd(x, b0, r20); r21 = Vector512.FusedMultiplyAdd(x, b1, r21); r22 = Vector512.FusedMultiplyAdd(x, b2, r22); r23 = Vector512.FusedMultiplyAdd(x, b3, r23);
                    x = Vector512.Create(Unsafe.Add(ref pa, (i4 + 3) * ai + t * at));
                    r30 = Vector512.FusedMultiplyAdd(x, b0, r30); r31 = Vector512.FusedMultiplyAdd(x, b1, r31); r32 = Vector512.FusedMultiplyAdd(x, b2, r32); r33 = Vector512.FusedMultiplyAdd(x, b3, r33);
                }
                r00.StoreUnsafe(ref c0, (nuint)j); r01.StoreUnsafe(ref c0, (nuint)(j + 16)); r02.StoreUnsafe(ref c0, (nuint)(j + 32)); r03.StoreUnsafe(ref c0, (nuint)(j + 48));
                r10.StoreUnsafe(ref c1, (nuint)j); r11.StoreUnsafe(ref c1, (nuint)(j + 16)); r12.StoreUnsafe(ref c1, (nuint)(j + 32)); r13.StoreUnsafe(ref c1, (nuint)(j + 48));
                r20.StoreUnsafe(ref c2, (nuint)j); r21.StoreUnsafe(ref c2, (nuint)(j + 16)); r22.StoreUnsafe(ref c2, (nuint)(j + 32)); r23.StoreUnsafe(ref c2, (nuint)(j + 48));
                r30.StoreUnsafe(ref c3, (nuint)j); r31.StoreUnsafe(ref c3, (nuint)(j + 16)); r32.StoreUnsafe(ref c3, (nuint)(j + 32)); r33.StoreUnsafe(ref c3, (nuint)(j + 48));
            }
        }
        if (full < n) ProductColumns(a, ai, at, b, c, first, rows4, n, depth, accumulate, full);
        if (rows4 < last) ProductColumns(a, ai, at, b, c, rows4, last, n, depth, accumulate, 0);
    }

    /// <summary>Rows [first, last) of C from column <paramref name="from"/> on, two rows at a time.</summary>
    private static void ProductColumns(ReadOnlySpan<float> a, int ai, int at, ReadOnlySpan<float> b, Span<float> c, int first, int last, int n, int depth, bool accumulate, int from)
    {
        ref float pa = ref MemoryMarshal.GetReference(a);
        ref float pb = ref MemoryMarshal.GetReference(b);
        ref float pc = ref MemoryMarshal.GetReference(c);
        for (int i = first; i < last; i += 2)
        {
            bool pair = i + 1 < last;
            int i1 = pair ? i + 1 : i;
            ref float c0 = ref Unsafe.Add(ref pc, i * n);
            ref float c1 = ref Unsafe.Add(ref pc, i1 * n);
            int j = from;
            for (; j + 64 <= n; j += 64)
            {
                Vector512<float> r00, r01, r02, r03, r10, r11, r12, r13;
                if (accumulate)
                {
                    r00 = Vector512.LoadUnsafe(ref c0, (nuint)j); r01 = Vector512.LoadUnsafe(ref c0, (nuint)(j + 16));
                    r02 = Vector512.LoadUnsafe(ref c0, (nuint)(j + 32)); r03 = Vector512.LoadUnsafe(ref c0, (nuint)(j + 48));
                    r10 = Vector512.LoadUnsafe(ref c1, (nuint)j); r11 = Vector512.LoadUnsafe(ref c1, (nuint)(j + 16));
                    r12 = Vector512.LoadUnsafe(ref c1, (nuint)(j + 32)); r13 = Vector512.LoadUnsafe(ref c1, (nuint)(j + 48));
                }
                else r00 = r01 = r02 = r03 = r10 = r11 = r12 = r13 = Vector512<float>.Zero;
                for (int t = 0; t < depth; t++)
                {
                    ref float bt = ref Unsafe.Add(ref pb, t * n + j);
                    var b0 = Vector512.LoadUnsafe(ref bt);
                    var b1 = Vector512.LoadUnsafe(ref bt, 16);
                    var b2 = Vector512.LoadUnsafe(ref bt, 32);
                    var b3 = Vector512.LoadUnsafe(ref bt, 48);
                    var x0 = Vector512.Create(Unsafe.Add(ref pa, i * ai + t * at));
                    var x1 = Vector512.Create(Unsafe.Add(ref pa, i1 * ai + t * at));
                    r00 = Vector512.FusedMultiplyAdd(x0, b0, r00); r01 = Vector512.FusedMultiplyAdd(x0, b1, r01);
                    r02 = Vector512.FusedMultiplyAdd(x0, b2, r02); r03 = Vector512.FusedMultiplyAdd(x0, b3, r03);
                    r10 = Vector512.FusedMultiplyAdd(x1, b0, r10); r11 = Vector512.FusedMultiplyAdd(x1, b1, r11);
                    r12 = Vector512.FusedMultiplyAdd(x1, b2, r12); r13 = Vector512.FusedMultiplyAdd(x1, b3, r13);
                }
                r00.StoreUnsafe(ref c0, (nuint)j); r01.StoreUnsafe(ref c0, (nuint)(j + 16));
                r02.StoreUnsafe(ref c0, (nuint)(j + 32)); r03.StoreUnsafe(ref c0, (nuint)(j + 48));
                if (pair)
                {
                    r10.StoreUnsafe(ref c1, (nuint)j); r11.StoreUnsafe(ref c1, (nuint)(j + 16));
                    r12.StoreUnsafe(ref c1, (nuint)(j + 32)); r13.StoreUnsafe(ref c1, (nuint)(j + 48));
                }
            }
            for (; j + 16 <= n; j += 16)
            {
                var r0 = accumulate ? Vector512.LoadUnsafe(ref c0, (nuint)j) : Vector512<float>.Zero;
                var r1 = accumulate ? Vector512.LoadUnsafe(ref c1, (nuint)j) : Vector512<float>.Zero;
                for (int t = 0; t < depth; t++)
                {
                    var bv = Vector512.LoadUnsafe(ref Unsafe.Add(ref pb, t * n + j));
                    r0 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref pa, i * ai + t * at)), bv, r0);
                    r1 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref pa, i1 * ai + t * at)), bv, r1);
                }
                r0.StoreUnsafe(ref c0, (nuint)j);
                if (pair) r1.StoreUnsafe(ref c1, (nuint)j);
            }
            for (; j < n; j++)
            {
                float s0 = accumulate ? Unsafe.Add(ref c0, j) : 0, s1 = accumulate ? Unsafe.Add(ref c1, j) : 0;
                for (int t = 0; t < depth; t++)
                {
                    float bv = Unsafe.Add(ref pb, t * n + j);
                    s0 = MathF.FusedMultiplyAdd(Unsafe.Add(ref pa, i * ai + t * at), bv, s0);
                    s1 = MathF.FusedMultiplyAdd(Unsafe.Add(ref pa, i1 * ai + t * at), bv, s1);
                }
                Unsafe.Add(ref c0, j) = s0;
                if (pair) Unsafe.Add(ref c1, j) = s1;
            }
        }
    }
}

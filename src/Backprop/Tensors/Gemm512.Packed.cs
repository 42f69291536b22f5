using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Backprop.Tensors;

internal static partial class Gemm512
{
    /// <summary>
    /// How many terms of each sum one pass over the packed blocks adds: a strip of B (this many rows × 64 floats, 32 KiB)
    /// fits the core's L1. A property so that a benchmark can compare depths.
    /// </summary>
    internal static int PackDepth { get; set; } = 128;

    /// <summary>
    /// The fewest rows of C (on one thread) and terms of each sum for which packing pays: a smaller product (the 10-unit layer's
    /// δᵀ·X and δ·W at batch 64) reads little enough to stay in cache unpacked, and copying would cost more than it saves.
    /// </summary>
    private const int PackMinimum = 32;

    /// <summary>Whether <see cref="Product{T}"/> packs its blocks first (on unless a benchmark turns it off to compare).</summary>
    internal static bool Pack { get; set; } = true;

    /// <summary>
    /// The whole-tile part of <see cref="Product{T}"/> (rows [first, rows4) × columns [0, full)) through packed copies: a
    /// block of <see cref="PackDepth"/> terms of A's four-row tiles laid out t by t (4 numbers each) and of B's 64-column
    /// strips laid out row after row (64 numbers each), so that the tile loop reads both in order from contiguous memory
    /// instead of one cache line per term at a stride of a whole row (δᵀ·X reads δ by columns; on 1024 columns the rows of
    /// both fall into the same few cache sets). Each element is still the one chain C[i, j] (+)= A(i, t)·B[t, j] for
    /// t = 0, 1, …: between blocks it is stored to C and loaded back, which keeps every bit.
    /// </summary>
    private static void ProductPacked<T>(ReadOnlySpan<T> a, int ai, int at, ReadOnlySpan<T> b, Span<T> c, int first, int rows4, int full,
        int n, int depth, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector512<T>.Count, strip = 4 * w, rows = rows4 - first, kc = Math.Min(depth, PackDepth);
        var (bufferA, bufferB) = PackBuffers<T>.Get(rows * kc, kc * full);
        ref T pa = ref MemoryMarshal.GetReference(a);
        ref T pb = ref MemoryMarshal.GetReference(b);
        ref T pc = ref MemoryMarshal.GetReference(c);
        ref T qa = ref MemoryMarshal.GetArrayDataReference(bufferA);
        ref T qb = ref MemoryMarshal.GetArrayDataReference(bufferB);
        for (int t0 = 0; t0 < depth; t0 += kc)
        {
            int kd = Math.Min(kc, depth - t0);
            bool load = accumulate || t0 > 0;
            // A's tiles: tile r4 at r4·kd·4, then term t's four rows together.
            for (int t = 0; t < kd; t++)
            {
                ref T source = ref Unsafe.Add(ref pa, (t0 + t) * at);
                for (int r = 0; r < rows; r++)
                    Unsafe.Add(ref qa, (r >> 2) * kd * 4 + t * 4 + (r & 3)) = Unsafe.Add(ref source, (first + r) * ai);
            }
            // B's strips: strip s at s·kd·64, then each term's 64 numbers.
            for (int t = 0; t < kd; t++)
            {
                ref T source = ref Unsafe.Add(ref pb, (t0 + t) * n);
                for (int j = 0; j < full; j += strip)
                {
                    ref T target = ref Unsafe.Add(ref qb, j * kd + t * strip);
                    Vector512.LoadUnsafe(ref source, (nuint)j).StoreUnsafe(ref target);
                    Vector512.LoadUnsafe(ref source, (nuint)(j + w)).StoreUnsafe(ref target, (nuint)w);
                    Vector512.LoadUnsafe(ref source, (nuint)(j + 2 * w)).StoreUnsafe(ref target, (nuint)(2 * w));
                    Vector512.LoadUnsafe(ref source, (nuint)(j + 3 * w)).StoreUnsafe(ref target, (nuint)(3 * w));
                }
            }
            for (int j = 0; j < full; j += strip)
            {
                ref T bs = ref Unsafe.Add(ref qb, j * kd);
                for (int r4 = 0; r4 < rows; r4 += 4)
                    Tile4x4(ref Unsafe.Add(ref qa, r4 * kd), ref bs, ref Unsafe.Add(ref pc, (first + r4) * n + j), n, kd, load);
            }
        }
    }

    /// <summary>C's 4 × 64 tile at <paramref name="c0"/> (rows n apart) (+)= the packed A tile times the packed B strip, kd terms.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x4<T>(ref T ta, ref T tb, ref T c0, int n, int kd, bool load)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector512<T>.Count;
        ref T c1 = ref Unsafe.Add(ref c0, n);
        ref T c2 = ref Unsafe.Add(ref c0, 2 * n);
        ref T c3 = ref Unsafe.Add(ref c0, 3 * n);
        Vector512<T> r00, r01, r02, r03, r10, r11, r12, r13, r20, r21, r22, r23, r30, r31, r32, r33;
        if (load)
        {
            r00 = Vector512.LoadUnsafe(ref c0); r01 = Vector512.LoadUnsafe(ref c0, (nuint)w);
            r02 = Vector512.LoadUnsafe(ref c0, (nuint)(2 * w)); r03 = Vector512.LoadUnsafe(ref c0, (nuint)(3 * w));
            r10 = Vector512.LoadUnsafe(ref c1); r11 = Vector512.LoadUnsafe(ref c1, (nuint)w);
            r12 = Vector512.LoadUnsafe(ref c1, (nuint)(2 * w)); r13 = Vector512.LoadUnsafe(ref c1, (nuint)(3 * w));
            r20 = Vector512.LoadUnsafe(ref c2); r21 = Vector512.LoadUnsafe(ref c2, (nuint)w);
            r22 = Vector512.LoadUnsafe(ref c2, (nuint)(2 * w)); r23 = Vector512.LoadUnsafe(ref c2, (nuint)(3 * w));
            r30 = Vector512.LoadUnsafe(ref c3); r31 = Vector512.LoadUnsafe(ref c3, (nuint)w);
            r32 = Vector512.LoadUnsafe(ref c3, (nuint)(2 * w)); r33 = Vector512.LoadUnsafe(ref c3, (nuint)(3 * w));
        }
        else r00 = r01 = r02 = r03 = r10 = r11 = r12 = r13 = r20 = r21 = r22 = r23 = r30 = r31 = r32 = r33 = Vector512<T>.Zero;
        for (int t = 0; t < kd; t++)
        {
            ref T bt = ref Unsafe.Add(ref tb, t * 4 * w);
            ref T xt = ref Unsafe.Add(ref ta, t * 4);
            var b0 = Vector512.LoadUnsafe(ref bt);
            var b1 = Vector512.LoadUnsafe(ref bt, (nuint)w);
            var b2 = Vector512.LoadUnsafe(ref bt, (nuint)(2 * w));
            var b3 = Vector512.LoadUnsafe(ref bt, (nuint)(3 * w));
            var x = Vector512.Create(xt);
            r00 = Fma(x, b0, r00); r01 = Fma(x, b1, r01); r02 = Fma(x, b2, r02); r03 = Fma(x, b3, r03);
            x = Vector512.Create(Unsafe.Add(ref xt, 1));
            r10 = Fma(x, b0, r10); r11 = Fma(x, b1, r11); r12 = Fma(x, b2, r12); r13 = Fma(x, b3, r13);
            x = Vector512.Create(Unsafe.Add(ref xt, 2));
            r20 = Fma(x, b0, r20); r21 = Fma(x, b1, r21); r22 = Fma(x, b2, r22); r23 = Fma(x, b3, r23);
            x = Vector512.Create(Unsafe.Add(ref xt, 3));
            r30 = Fma(x, b0, r30); r31 = Fma(x, b1, r31); r32 = Fma(x, b2, r32); r33 = Fma(x, b3, r33);
        }
        r00.StoreUnsafe(ref c0); r01.StoreUnsafe(ref c0, (nuint)w); r02.StoreUnsafe(ref c0, (nuint)(2 * w)); r03.StoreUnsafe(ref c0, (nuint)(3 * w));
        r10.StoreUnsafe(ref c1); r11.StoreUnsafe(ref c1, (nuint)w); r12.StoreUnsafe(ref c1, (nuint)(2 * w)); r13.StoreUnsafe(ref c1, (nuint)(3 * w));
        r20.StoreUnsafe(ref c2); r21.StoreUnsafe(ref c2, (nuint)w); r22.StoreUnsafe(ref c2, (nuint)(2 * w)); r23.StoreUnsafe(ref c2, (nuint)(3 * w));
        r30.StoreUnsafe(ref c3); r31.StoreUnsafe(ref c3, (nuint)w); r32.StoreUnsafe(ref c3, (nuint)(2 * w)); r33.StoreUnsafe(ref c3, (nuint)(3 * w));
    }

    /// <summary>Each thread's packing buffers, grown to the largest product it has run and then reused: nothing allocated per call.</summary>
    private static class PackBuffers<T>
    {
        [ThreadStatic] private static T[]? t_a;
        [ThreadStatic] private static T[]? t_b;

        public static (T[] A, T[] B) Get(int lengthA, int lengthB)
        {
            if (t_a is null || t_a.Length < lengthA) t_a = GC.AllocateUninitializedArray<T>(lengthA);
            if (t_b is null || t_b.Length < lengthB) t_b = GC.AllocateUninitializedArray<T>(lengthB);
            return (t_a, t_b);
        }
    }
}

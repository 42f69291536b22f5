using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Backprop.Tensors;

internal static partial class Gemm512
{
    /// <summary>
    /// Columns [<paramref name="from"/>, n) of rows [first, last) of <see cref="Product{T}"/>'s C (last − first a multiple of
    /// four), fewer than four vectors of them: the last columns of a wide C, or all of a narrow one (δᵀ·X of a layer of 54
    /// inputs). A tile of four rows × four vectors, whose spare lanes compute on zeros and are never stored,
    /// so that sixteen independent chains of fused multiply-adds keep the core busy where the two-row loop it replaces had
    /// two waiting on each other (and one scalar chain per column past the last whole vector). Each element is the same
    /// chain as in every other path, C[i, j] (+)= A(i, t)·B[t, j] for t = 0, 1, …, so the bits are the same.
    /// </summary>
    private static void ProductNarrow<T>(ReadOnlySpan<T> a, int ai, int at, ReadOnlySpan<T> b, Span<T> c, int first, int last, int n,
        int depth, bool accumulate, int from)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector512<T>.Count, width = n - from, stride = 4 * w;
        if (depth == 0)
        {
            if (!accumulate)
                for (int i = first; i < last; i++) c.Slice(i * n + from, width).Clear();
            return;
        }
        ref T pa = ref MemoryMarshal.GetReference(a);
        // The columns of B this tile needs, copied once into rows of four whole vectors, 64-byte aligned and padded with
        // zeros: every load of the loop below is then one aligned vector (B's own rows, 54 floats apart, made most of them
        // straddle two cache lines), and the spare lanes compute on zeros. A long depth (a full batch) goes a block of rows
        // of B at a time, the sums stored in C between blocks and read back (exactly: a float stored is the float read).
        var packed = PackedB<T>.Rent(Math.Min(depth, PackedDepth) * stride);
        ref T pb = ref MemoryMarshal.GetReference(packed);
        Span<T> tile = stackalloc T[16 * w];
        ref T pt = ref MemoryMarshal.GetReference(tile);
        for (int t0 = 0; t0 < depth; t0 += PackedDepth)
        {
            int t1 = Math.Min(depth, t0 + PackedDepth);
            for (int t = t0; t < t1; t++)
            {
                b.Slice(t * n + from, width).CopyTo(packed.Slice((t - t0) * stride));
                packed.Slice((t - t0) * stride + width, stride - width).Clear();
            }
            for (int i4 = first; i4 + 4 <= last; i4 += 4)
            {
                Vector512<T> r00, r01, r02, r03, r10, r11, r12, r13, r20, r21, r22, r23, r30, r31, r32, r33;
                if (accumulate || t0 > 0)
                {
                    for (int row = 0; row < 4; row++) c.Slice((i4 + row) * n + from, width).CopyTo(tile.Slice(row * 4 * w));
                    r00 = Load(ref pt, 0, w); r01 = Load(ref pt, 1, w); r02 = Load(ref pt, 2, w); r03 = Load(ref pt, 3, w);
                    r10 = Load(ref pt, 4, w); r11 = Load(ref pt, 5, w); r12 = Load(ref pt, 6, w); r13 = Load(ref pt, 7, w);
                    r20 = Load(ref pt, 8, w); r21 = Load(ref pt, 9, w); r22 = Load(ref pt, 10, w); r23 = Load(ref pt, 11, w);
                    r30 = Load(ref pt, 12, w); r31 = Load(ref pt, 13, w); r32 = Load(ref pt, 14, w); r33 = Load(ref pt, 15, w);
                }
                else r00 = r01 = r02 = r03 = r10 = r11 = r12 = r13 = r20 = r21 = r22 = r23 = r30 = r31 = r32 = r33 = Vector512<T>.Zero;
                for (int t = t0; t < t1; t++)
                {
                    ref T bt = ref Unsafe.Add(ref pb, (t - t0) * stride);
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
                r00.StoreUnsafe(ref pt); r01.StoreUnsafe(ref pt, (nuint)w); r02.StoreUnsafe(ref pt, (nuint)(2 * w));
                r03.StoreUnsafe(ref pt, (nuint)(3 * w));
                r10.StoreUnsafe(ref pt, (nuint)(4 * w)); r11.StoreUnsafe(ref pt, (nuint)(5 * w)); r12.StoreUnsafe(ref pt, (nuint)(6 * w));
                r13.StoreUnsafe(ref pt, (nuint)(7 * w));
                r20.StoreUnsafe(ref pt, (nuint)(8 * w)); r21.StoreUnsafe(ref pt, (nuint)(9 * w)); r22.StoreUnsafe(ref pt, (nuint)(10 * w));
                r23.StoreUnsafe(ref pt, (nuint)(11 * w));
                r30.StoreUnsafe(ref pt, (nuint)(12 * w)); r31.StoreUnsafe(ref pt, (nuint)(13 * w)); r32.StoreUnsafe(ref pt, (nuint)(14 * w));
                r33.StoreUnsafe(ref pt, (nuint)(15 * w));
                for (int row = 0; row < 4; row++) tile.Slice(row * 4 * w, width).CopyTo(c.Slice((i4 + row) * n + from, width));
            }
        }
    }

    /// <summary>Rows of B packed at a time by <see cref="ProductNarrow{T}"/>: 256 KiB of floats.</summary>
    private const int PackedDepth = 1024;

    /// <summary>A buffer per thread for the packed columns of B, 64-byte aligned, on the pinned heap so that it never moves.</summary>
    private static class PackedB<T> where T : unmanaged
    {
        [ThreadStatic] private static T[]? t_buffer;

        public static unsafe Span<T> Rent(int length)
        {
            int pad = 64 / sizeof(T);
            if (t_buffer is null || t_buffer.Length < length + pad)
                t_buffer = GC.AllocateUninitializedArray<T>(Math.Max(length, 4096) + pad, pinned: true);
            nint address = (nint)Unsafe.AsPointer(ref t_buffer[0]);
            int skip = (int)((64 - address % 64) % 64) / sizeof(T);
            return t_buffer.AsSpan(skip, length);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Load<T>(ref T tile, int vector, int w) where T : unmanaged => Vector512.LoadUnsafe(ref tile, (nuint)(vector * w));
}

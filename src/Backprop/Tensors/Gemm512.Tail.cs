using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Backprop.Tensors;

internal static partial class Gemm512
{
    /// <summary>
    /// Rows [first, last) of C[m×n] = A[m×k] · B[n×k]ᵀ in float when k is not a multiple of 16 (a layer of 54 inputs): the
    /// blocks and sums of <see cref="DotBlock4{T}"/>, with its last k mod 16 terms read from copies made once per call. There
    /// each term of a block of four rows of A and four of B, x_r[t] and y_c[t] for lane 4r + c, is one aligned vector of
    /// sixteen lanes, so that a term costs two loads, a multiply and an add instead of eight scalar loads and the shuffles
    /// that built the two vectors (the tail had been half the work of a block at k = 54). The same products rounded, then
    /// added, in the same order: the same bits.
    /// </summary>
    public static void TransposedBTail(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int first, int last, int n, int k)
    {
        int tail = k % 16, body = k - tail, groups = n / 4;
        int block = Math.Max(4, Gemm.CacheBlockBytes / (k * sizeof(float)) / 4 * 4);
        int rowsBlock = Math.Max(4, 3 * Gemm.CacheBlockBytes / (k * sizeof(float)) / 4 * 4);
        Span<float> packedA = TailBuffers.A((Math.Min(rowsBlock, last - first) + 3) / 4 * tail * 16);
        Span<float> packedB = TailBuffers.B(groups * tail * 16);
        // B's tail terms, a vector per block of four rows and term: lane 4r + c holds y_c[t], whatever r.
        for (int g = 0; g < groups; g++)
            for (int t = 0; t < tail; t++)
                for (int col = 0; col < 4; col++)
                {
                    float y = b[(4 * g + col) * k + body + t];
                    for (int r = 0; r < 4; r++) packedB[(g * tail + t) * 16 + 4 * r + col] = y;
                }
        for (int i0 = first; i0 < last; i0 += rowsBlock)
        {
            int i1 = Math.Min(last, i0 + rowsBlock);
            // A's: lane 4r + c holds x_r[t] (the last real row repeated where the block has fewer than four, as DotBlock4 reads).
            for (int i = i0; i < i1; i += 4)
                for (int r = 0; r < 4; r++)
                {
                    int row = i + Math.Min(r, i1 - i - 1);
                    for (int t = 0; t < tail; t++)
                    {
                        float x = a[row * k + body + t];
                        for (int col = 0; col < 4; col++) packedA[((i - i0) / 4 * tail + t) * 16 + 4 * r + col] = x;
                    }
                }
            for (int j0 = 0; j0 < n; j0 += block)
            {
                int j1 = Math.Min(n, j0 + block);
                for (int i = i0; i < i1; i += 4)
                {
                    int rows = Math.Min(4, i1 - i);
                    int j = j0;
                    for (; j + 4 <= j1; j += 4)
                        DotBlock4Tail(a, i, rows, b, j, k, c, n, packedA.Slice((i - i0) / 4 * tail * 16), packedB.Slice(j / 4 * tail * 16), tail);
                    for (; j < j1; j++)
                        for (int r = 0; r < rows; r++) c[(i + r) * n + j] = Dot(a.Slice((i + r) * k, k), b.Slice(j * k, k));
                }
            }
        }
    }

    /// <summary><see cref="DotBlock4{T}"/> in float, its tail terms from <paramref name="xt"/> and <paramref name="yt"/>.</summary>
    private static void DotBlock4Tail(ReadOnlySpan<float> a, int i, int rows, ReadOnlySpan<float> b, int j, int k, Span<float> c, int n,
        ReadOnlySpan<float> xt, ReadOnlySpan<float> yt, int tail)
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
        for (int t = 0; t + 16 <= k; t += 16)
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
        var sums = Sum16(s00, s01, s02, s03, s10, s11, s12, s13, s20, s21, s22, s23, s30, s31, s32, s33);
        ref float px = ref MemoryMarshal.GetReference(xt);
        ref float py = ref MemoryMarshal.GetReference(yt);
        for (int t = 0; t < tail; t++)
            sums += Vector512.LoadUnsafe(ref px, (nuint)(16 * t)) * Vector512.LoadUnsafe(ref py, (nuint)(16 * t));
        Span<float> r = stackalloc float[16];
        sums.StoreUnsafe(ref MemoryMarshal.GetReference(r));
        for (int row = 0; row < rows; row++) r.Slice(4 * row, 4).CopyTo(c.Slice((i + row) * n + j, 4));
    }

    /// <summary>The two buffers of <see cref="TransposedBTail"/>, one pair per thread, grown when a call needs more.</summary>
    private static class TailBuffers
    {
        [ThreadStatic] private static float[]? t_a, t_b;

        public static Span<float> A(int length) => (t_a is { } a && a.Length >= length ? a : t_a = new float[Math.Max(length, 1024)]).AsSpan(0, length);

        public static Span<float> B(int length) => (t_b is { } b && b.Length >= length ? b : t_b = new float[Math.Max(length, 1024)]).AsSpan(0, length);
    }
}

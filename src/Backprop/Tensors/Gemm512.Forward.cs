using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Backprop.Tensors;

internal static partial class Gemm512
{
    /// <summary>
    /// The float forward block X·Wᵀ for a summed length <paramref name="k"/> that is a multiple of 16: six rows of A
    /// (<paramref name="rows"/> of them real; the others repeat the last and are not stored) against four rows of B. The
    /// same chains of fused multiply-adds and the same reduction (<see cref="Sum16"/> treats each of its sixteen vectors
    /// alike) as <see cref="DotBlock4{T}"/>, so every element has the same bits; but 24 sums share ten loads where the
    /// four-by-four block's 16 share eight.
    /// </summary>
    public static void DotBlock6x4(ref float a, int i, int rows, ref float b, int j, int k, ref float c, int n)
    {
        ref float x0 = ref Unsafe.Add(ref a, i * k);
        ref float x1 = ref Unsafe.Add(ref a, (i + Math.Min(1, rows - 1)) * k);
        ref float x2 = ref Unsafe.Add(ref a, (i + Math.Min(2, rows - 1)) * k);
        ref float x3 = ref Unsafe.Add(ref a, (i + Math.Min(3, rows - 1)) * k);
        ref float x4 = ref Unsafe.Add(ref a, (i + Math.Min(4, rows - 1)) * k);
        ref float x5 = ref Unsafe.Add(ref a, (i + Math.Min(5, rows - 1)) * k);
        ref float y0 = ref Unsafe.Add(ref b, j * k);
        ref float y1 = ref Unsafe.Add(ref b, (j + 1) * k);
        ref float y2 = ref Unsafe.Add(ref b, (j + 2) * k);
        ref float y3 = ref Unsafe.Add(ref b, (j + 3) * k);
        Vector512<float> s00 = default, s01 = default, s02 = default, s03 = default, s10 = default, s11 = default, s12 = default, s13 = default;
        Vector512<float> s20 = default, s21 = default, s22 = default, s23 = default, s30 = default, s31 = default, s32 = default, s33 = default;
        Vector512<float> s40 = default, s41 = default, s42 = default, s43 = default, s50 = default, s51 = default, s52 = default, s53 = default;
        for (int t = 0; t < k; t += 16)
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
            u = Vector512.LoadUnsafe(ref x4, (nuint)t);
            s40 = Fma(u, v0, s40); s41 = Fma(u, v1, s41); s42 = Fma(u, v2, s42); s43 = Fma(u, v3, s43);
            u = Vector512.LoadUnsafe(ref x5, (nuint)t);
            s50 = Fma(u, v0, s50); s51 = Fma(u, v1, s51); s52 = Fma(u, v2, s52); s53 = Fma(u, v3, s53);
        }
        // Lane 4r + c of each reduction is row r, column j + c; the second reduction's last eight vectors are spare copies.
        var low = Sum16(s00, s01, s02, s03, s10, s11, s12, s13, s20, s21, s22, s23, s30, s31, s32, s33);
        var high = Sum16(s40, s41, s42, s43, s50, s51, s52, s53, s40, s41, s42, s43, s50, s51, s52, s53);
        ref float c0 = ref Unsafe.Add(ref c, i * n + j);
        low.GetLower().GetLower().StoreUnsafe(ref c0);
        if (rows > 1) low.GetLower().GetUpper().StoreUnsafe(ref Unsafe.Add(ref c0, n));
        if (rows > 2) low.GetUpper().GetLower().StoreUnsafe(ref Unsafe.Add(ref c0, 2 * n));
        if (rows > 3) low.GetUpper().GetUpper().StoreUnsafe(ref Unsafe.Add(ref c0, 3 * n));
        if (rows > 4) high.GetLower().GetLower().StoreUnsafe(ref Unsafe.Add(ref c0, 4 * n));
        if (rows > 5) high.GetLower().GetUpper().StoreUnsafe(ref Unsafe.Add(ref c0, 5 * n));
    }

    /// <summary>Rows [first, last) of C = A·Bᵀ in float with 512-bit vectors, <paramref name="k"/> a multiple of 16.</summary>
    public static void ForwardFloat(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int first, int last, int n, int k,
        int block, int rowsBlock)
    {
        ref float pa = ref MemoryMarshal.GetReference(a);
        ref float pb = ref MemoryMarshal.GetReference(b);
        ref float pc = ref MemoryMarshal.GetReference(c);
        for (int i0 = first; i0 < last; i0 += rowsBlock)
        {
            int i1 = Math.Min(last, i0 + rowsBlock);
            for (int j0 = 0; j0 < n; j0 += block)
            {
                int j1 = Math.Min(n, j0 + block), blocked = j0 + (j1 - j0) / 4 * 4;
                for (int i = i0, rows; i < i1; i += rows)
                {
                    // Six rows at a time; the last few in blocks of four where six would compute more spare rows (a thread's
                    // 32 rows of a batch of 64 are five blocks of six and two of four, not six of six with four rows spare).
                    int left = i1 - i;
                    rows = left >= 9 || left == 6 || left == 5 ? Math.Min(6, left) : Math.Min(4, left);
                    int j = j0;
                    if (rows > 4)
                        for (; j < blocked; j += 4) DotBlock6x4(ref pa, i, rows, ref pb, j, k, ref pc, n);
                    else
                        for (; j < blocked; j += 4) DotBlock4(a, i, rows, b, j, k, c, n);
                    // The columns past the last four, one dot product each, as the four-row path computes them.
                    for (; j < j1; j++)
                        for (int r = 0; r < rows; r++) c[(i + r) * n + j] = Dot(a.Slice((i + r) * k, k), b.Slice(j * k, k));
                }
            }
        }
    }
}

using System.Numerics;
using System.Numerics.Tensors;

namespace Backprop.Tensors;

/// <summary>
/// The kernel seam: the three matrix products backpropagation needs, over row-major spans.
/// Layers call only these, so a faster kernel replaces the body here and nothing else.
/// Every result is summed in a fixed order, so the same inputs give the same bits.
/// </summary>
internal static class Gemm
{
    /// <summary>C[m×n] = A[m×k] · B[n×k]ᵀ. Forward pass: net = X · Wᵀ.</summary>
    public static void MultiplyTransposedB<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < m; i++)
        {
            var aRow = a.Slice(i * k, k);
            var cRow = c.Slice(i * n, n);
            for (int j = 0; j < n; j++) cRow[j] = TensorPrimitives.Dot(aRow, b.Slice(j * k, k));
        }
    }

    /// <summary>C[m×n] += A[p×m]ᵀ · B[p×n]. Weight gradient: ∂E/∂W += δᵀ · X.</summary>
    public static void AddTransposedAMultiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int p, int m, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int s = 0; s < p; s++)
        {
            var aRow = a.Slice(s * m, m);
            var bRow = b.Slice(s * n, n);
            for (int i = 0; i < m; i++)
            {
                var cRow = c.Slice(i * n, n);
                TensorPrimitives.MultiplyAdd(bRow, aRow[i], cRow, cRow);
            }
        }
    }

    /// <summary>C[m×n] = A[m×k] · B[k×n]. Error sent back: ∂E/∂X = δ · W.</summary>
    public static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        c.Slice(0, m * n).Clear();
        for (int i = 0; i < m; i++)
        {
            var cRow = c.Slice(i * n, n);
            for (int t = 0; t < k; t++)
            {
                TensorPrimitives.MultiplyAdd(b.Slice(t * n, n), a[i * k + t], cRow, cRow);
            }
        }
    }

    /// <summary>Adds <paramref name="row"/> to every row of the m×n matrix <paramref name="c"/> (the bias of a batch).</summary>
    public static void AddRowToEachRow<T>(ReadOnlySpan<T> row, Span<T> c, int m)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = row.Length;
        for (int i = 0; i < m; i++)
        {
            var cRow = c.Slice(i * n, n);
            TensorPrimitives.Add(cRow, row, cRow);
        }
    }

    /// <summary>sums[j] += Σᵢ A[i, j] over the m rows of A (the bias gradient: column sums of δ).</summary>
    public static void AddColumnSums<T>(ReadOnlySpan<T> a, Span<T> sums, int m)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = sums.Length;
        for (int i = 0; i < m; i++) TensorPrimitives.Add(sums, a.Slice(i * n, n), sums);
    }
}

using System.Numerics;
using System.Numerics.Tensors;

namespace Backprop.Tensors;

/// <summary>
/// The plain loops of the three matrix products: the reference the fast kernels in <see cref="Gemm"/> are tested against.
/// Every result is summed in a fixed order, so the same inputs give the same bits.
/// </summary>
internal static class GemmReference
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
}

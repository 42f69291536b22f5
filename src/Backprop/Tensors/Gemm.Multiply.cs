using System.Numerics;
using System.Runtime.InteropServices;

namespace Backprop.Tensors;

/// <summary>
/// C = A·B (the error sent back through a layer) with its row updates of four rows of B at a time, and the bias's
/// row additions and column sums.
/// </summary>
internal static partial class Gemm
{
    /// <summary>C[m×n] = A[m×k] · B[k×n]. Error sent back: ∂E/∂X = δ · W.</summary>
    public static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m == 0 || n == 0) return;
        if (Use512)
            ForRows(m, (long)m * n * k, 2, a, b, c, new ProductKernel<T>(k, 1, n, k, accumulate: false));
        else
            ForRows(m, (long)m * n * k, 1, a, b, c, new MultiplyKernel<T>(n, k));
    }

    private readonly struct MultiplyKernel<T>(int n, int k) : IRowKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int first, int last)
        {
            for (int i = first; i < last; i++)
            {
                var row = c.Slice(i * n, n);
                row.Clear();
                var ai = a.Slice(i * k, k);
                int t = 0;
                for (; t + 4 <= k; t += 4)
                    Axpy4(row, ai[t], b.Slice(t * n, n), ai[t + 1], b.Slice((t + 1) * n, n), ai[t + 2], b.Slice((t + 2) * n, n), ai[t + 3],
                        b.Slice((t + 3) * n, n));
                for (; t < k; t++) Axpy(row, ai[t], b.Slice(t * n, n));
            }
        }
    }

    /// <summary>row += f0·x0 + f1·x1 + f2·x2 + f3·x3, added in that order.</summary>
    private static void Axpy4<T>(Span<T> row, T f0, ReadOnlySpan<T> x0, T f1, ReadOnlySpan<T> x1, T f2, ReadOnlySpan<T> x2, T f3, ReadOnlySpan<T> x3)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector<T>.Count, j = 0, n = row.Length;
        var v0 = new Vector<T>(f0);
        var v1 = new Vector<T>(f1);
        var v2 = new Vector<T>(f2);
        var v3 = new Vector<T>(f3);
        ref T target = ref MemoryMarshal.GetReference(row);
        for (; j + w <= n; j += w)
        {
            var sum = Vector.LoadUnsafe(ref target, (nuint)j);
            sum = sum + v0 * new Vector<T>(x0[j..]) + v1 * new Vector<T>(x1[j..]) + v2 * new Vector<T>(x2[j..]) + v3 * new Vector<T>(x3[j..]);
            sum.StoreUnsafe(ref target, (nuint)j);
        }
        for (; j < n; j++) row[j] = row[j] + f0 * x0[j] + f1 * x1[j] + f2 * x2[j] + f3 * x3[j];
    }

    private static void Axpy<T>(Span<T> row, T f, ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector<T>.Count, j = 0, n = row.Length;
        var v = new Vector<T>(f);
        ref T target = ref MemoryMarshal.GetReference(row);
        for (; j + w <= n; j += w) (Vector.LoadUnsafe(ref target, (nuint)j) + v * new Vector<T>(x[j..])).StoreUnsafe(ref target, (nuint)j);
        for (; j < n; j++) row[j] += f * x[j];
    }

    /// <summary>Adds <paramref name="row"/> to every row of the m×n matrix <paramref name="c"/> (the bias of a batch).</summary>
    public static void AddRowToEachRow<T>(ReadOnlySpan<T> row, Span<T> c, int m)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = row.Length;
        for (int i = 0; i < m; i++)
        {
            var cRow = c.Slice(i * n, n);
            System.Numerics.Tensors.TensorPrimitives.Add(cRow, row, cRow);
        }
    }

    /// <summary>sums[j] += Σᵢ A[i, j] over the m rows of A (the bias gradient: column sums of δ).</summary>
    public static void AddColumnSums<T>(ReadOnlySpan<T> a, Span<T> sums, int m)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = sums.Length;
        for (int i = 0; i < m; i++) System.Numerics.Tensors.TensorPrimitives.Add(sums, a.Slice(i * n, n), sums);
    }
}

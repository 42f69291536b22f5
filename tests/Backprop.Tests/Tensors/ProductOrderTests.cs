using Backprop.Tensors;

namespace Backprop.Tests.Tensors;

/// <summary>
/// The 512-bit δᵀ·X and δ·W compute every element of C as one chain of fused multiply-adds over the summed dimension, in
/// order (C[i, j] = fma(A(i, t), B[t, j], C[i, j]) for t = 0, 1, …), whichever tile, vector, narrow tile or scalar column
/// computes it: the reason a change of tiling keeps the bits of a training run. Checked with random floats (not whole
/// numbers, where every order gives the same) against that chain written here, at widths that reach the narrow tile
/// (54 columns, as δᵀ·X of a 54-input layer; 7; 784, whose last 16 columns follow 768 in whole tiles) and row counts
/// that are and are not multiples of four, and sums longer than one packed block (<see cref="Gemm512.PackDepth"/>).
/// </summary>
[Collection(ThreadCountCollection.Name)]
public class ProductOrderTests
{
    [Theory]
    [InlineData(256, 54, 64)]
    [InlineData(9, 7, 33)]
    [InlineData(8, 784, 20)]
    [InlineData(6, 100, 3)]
    [InlineData(4, 54, 1)]
    [InlineData(13, 130, 257)] // packed blocks of 128 terms: two whole and one of a single term, stored and loaded between them
    [InlineData(68, 200, 300)] // large enough to be split across threads, each packing its own rows
    public void Each_element_is_one_fused_chain_over_the_sum(int m, int n, int depth)
    {
        bool saved = Gemm.Use512;
        Gemm.Use512 = true;
        try
        {
            Assert.True(Gemm512.Supported, "this machine has no 512-bit vectors: the 512-bit kernels cannot be checked here");
            var a = Random(depth * m, 1);
            var b = Random(depth * n, 2);
            var start = Random(m * n, 3);

            // δᵀ·X: A is depth × m (read by columns), B is depth × n.
            var fresh = new float[m * n];
            Gemm.MultiplyTransposedA<float>(a, b, fresh, depth, m, n);
            var sum = (float[])start.Clone();
            Gemm.AddTransposedAMultiply<float>(a, b, sum, depth, m, n);
            Same(Chain(m, n, depth, (i, t) => a[t * m + i], b, null), fresh, "δᵀ·X");
            Same(Chain(m, n, depth, (i, t) => a[t * m + i], b, start), sum, "C + δᵀ·X");

            // δ·W: A is m × depth (read by rows), B is depth × n.
            var back = new float[m * n];
            Gemm.Multiply<float>(a, b, back, m, n, depth);
            Same(Chain(m, n, depth, (i, t) => a[i * depth + t], b, null), back, "δ·W");
        }
        finally { Gemm.Use512 = saved; }
    }

    private static float[] Chain(int m, int n, int depth, Func<int, int, float> a, float[] b, float[]? start)
    {
        var c = new float[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                float s = start is null ? 0f : start[i * n + j];
                for (int t = 0; t < depth; t++) s = MathF.FusedMultiplyAdd(a(i, t), b[t * n + j], s);
                c[i * n + j] = s;
            }
        return c;
    }

    private static void Same(float[] expected, float[] actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                Assert.Fail($"{what}: element {i} of {expected.Length} is {actual[i]:R}, not {expected[i]:R}");
    }

    private static float[] Random(int length, ulong seed)
    {
        var rng = new Backprop.Initialization.Rng(seed, 11);
        return Enumerable.Range(0, length).Select(_ => (float)rng.NextUniform(-1, 1)).ToArray();
    }
}

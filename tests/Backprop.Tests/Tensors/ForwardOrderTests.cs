using Backprop.Tensors;

namespace Backprop.Tests.Tensors;

/// <summary>
/// The 512-bit forward product X·Wᵀ in float computes every element of C whose column lies in a whole group of four (j
/// below n rounded down to a multiple of four) the same way, whichever block computes it (four rows × four, six × four):
/// sixteen lane sums s_l = fma chains over t = l, l + 16, l + 32, … below k rounded down to 16; each quarter of lanes
/// folded as (s₀ + s₂) + (s₁ + s₃); the quarters as (Q₀ + Q₁) + (Q₂ + Q₃); then each of the last k mod 16 terms rounded
/// and added in order. That is what keeps a model's predictions the same bits from one version to the next (the golden
/// files), so it is written out here and checked on random floats at row counts that are and are not multiples of four
/// and six, narrow and wide layers, and a product large enough to be split across threads.
/// </summary>
[Collection(ThreadCountCollection.Name)]
public class ForwardOrderTests
{
    [Theory]
    [InlineData(64, 128, 784)] // the small MNIST network's first layer at batch 64
    [InlineData(64, 10, 128)] // its output layer: two groups of four columns, the last two not checked here
    [InlineData(13, 12, 32)]
    [InlineData(7, 4, 16)]
    [InlineData(1, 8, 48)]
    [InlineData(70, 132, 784)] // split across threads
    [InlineData(9, 8, 54)] // a narrow layer: 48 terms in lanes, 6 added one by one
    [InlineData(5, 4, 7)] // all terms one by one
    public void Each_element_is_the_same_lane_sums_and_reduction(int m, int n, int k)
    {
        bool saved = Gemm.Use512;
        Gemm.Use512 = true;
        try
        {
            Assert.True(Gemm512.Supported, "this machine has no 512-bit vectors: the 512-bit kernels cannot be checked here");
            var x = Random(m * k, 1);
            var w = Random(n * k, 2);
            var c = new float[m * n];
            Gemm.MultiplyTransposedB<float>(x, w, c, m, n, k);
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n / 4 * 4; j++)
                {
                    float expected = Element(x.AsSpan(i * k, k), w.AsSpan(j * k, k));
                    float actual = c[i * n + j];
                    if (BitConverter.SingleToInt32Bits(expected) != BitConverter.SingleToInt32Bits(actual))
                        Assert.Fail($"{m}×{n}×{k}: C[{i}, {j}] is {actual:R}, not {expected:R}");
                }
        }
        finally { Gemm.Use512 = saved; }
    }

    private static float Element(ReadOnlySpan<float> x, ReadOnlySpan<float> w)
    {
        int whole = x.Length / 16 * 16;
        var lane = new float[16];
        for (int l = 0; l < 16; l++)
            for (int t = l; t < whole; t += 16) lane[l] = MathF.FusedMultiplyAdd(x[t], w[t], lane[l]);
        var quarter = new float[4];
        for (int q = 0; q < 4; q++) quarter[q] = (lane[4 * q] + lane[4 * q + 2]) + (lane[4 * q + 1] + lane[4 * q + 3]);
        float sum = (quarter[0] + quarter[1]) + (quarter[2] + quarter[3]);
        for (int t = whole; t < x.Length; t++)
        {
            float product = x[t] * w[t];
            sum += product;
        }
        return sum;
    }

    private static float[] Random(int length, ulong seed)
    {
        var rng = new Backprop.Initialization.Rng(seed, 11);
        return Enumerable.Range(0, length).Select(_ => (float)rng.NextUniform(-1, 1)).ToArray();
    }
}

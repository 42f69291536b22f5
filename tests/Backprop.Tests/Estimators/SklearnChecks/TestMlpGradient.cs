using Backprop.Estimators;

namespace Backprop.Tests.Estimators.SklearnChecks;

/// <summary>
/// test_mlp.py's <c>test_gradient</c>: the analytic gradient of the training objective (<see cref="MlpClassifier.LossGradient"/>,
/// loss + L2 over every weight and bias) against central differences, ε 1e-5, to 7 decimals (numpy's assert_almost_equal:
/// |difference| &lt; 1.5e-7), for 2 and 3 labels and the four activations, at the weights of one L-BFGS iteration.
/// </summary>
public class TestMlpGradient
{
    private static readonly string[] ActivationTypes = ["identity", "sigmoid", "tanh", "relu"];

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void test_gradient(int labels)
    {
        // X = np.random.RandomState(seed=42).rand(5, 10); y = 1 + np.mod(np.arange(5) + 1, n_labels).
        var x = NumpyRandom.RandomSample(42, 5, 10);
        int[] y = Enumerable.Range(0, 5).Select(i => 1 + (i + 1) % labels).ToArray();
        foreach (string activation in ActivationTypes)
        {
            // MLPClassifier(activation, hidden_layer_sizes=10, solver="lbfgs", alpha=1e-5, max_iter=1, random_state=1); X unscaled as there.
            var mlp = new MlpClassifier(new MlpOptions
            {
                Activations = [activation], HiddenLayers = [10], Optimizer = "lbfgs", L2 = 1e-5, Epochs = 1, Seed = 1, ValidationFraction = 0,
                Standardize = false,
            }).Fit(x, y);
            var parameters = mlp.FittedModel!.Network.Parameters.Where(p => p.Trainable).ToArray();
            double[] theta = parameters.SelectMany(p => p.Values).ToArray();
            Assert.Equal(10 * 10 + 10 + 10 * (labels == 2 ? 1 : 3) + (labels == 2 ? 1 : 3), theta.Length);
            var (loss, gradient) = mlp.LossGradient(x, y, theta);

            // The loss itself, from the predicted probabilities: mean −log p(label) + α/(2n)·Σw² over the weights (not the biases).
            var p = mlp.PredictProbabilities(x);
            double expected = Enumerable.Range(0, 5).Average(r => -Math.Log(p[r, y[r] - 1]))
                + 1e-5 / (2 * 5) * parameters.Where(q => q.IsWeight).SelectMany(q => q.Values).Sum(w => w * w);
            Assert.Equal(expected, loss, 1e-12);
            Assert.Equal(loss, mlp.LossGradient(x, y).Loss); // null: the fitted parameters

            const double epsilon = 1e-5;
            for (int i = 0; i < theta.Length; i++)
            {
                var plus = (double[])theta.Clone();
                var minus = (double[])theta.Clone();
                plus[i] += epsilon;
                minus[i] -= epsilon;
                double numeric = (mlp.LossGradient(x, y, plus).Loss - mlp.LossGradient(x, y, minus).Loss) / (epsilon * 2);
                Assert.True(Math.Abs(numeric - gradient[i]) < 1.5e-7, $"{activation}, θ[{i}]: numeric {numeric}, analytic {gradient[i]}");
            }
            Assert.Contains(gradient, g => Math.Abs(g) > 1e-4);
        }
    }

    [Fact]
    public void Theta_of_another_length_is_refused()
    {
        var x = NumpyRandom.RandomSample(42, 5, 10);
        int[] y = [2, 1, 2, 1, 2];
        var mlp = new MlpClassifier(new MlpOptions { HiddenLayers = [3], Optimizer = "lbfgs", Epochs = 1, ValidationFraction = 0 }).Fit(x, y);
        var e = Assert.Throws<ArgumentException>(() => mlp.LossGradient(x, y, new double[5]));
        Assert.StartsWith("θ holds 5 values; the model has 37 trainable parameters.", e.Message);
        Assert.Throws<InvalidOperationException>(() => new MlpClassifier().LossGradient(x, y));
    }

    [Fact]
    public void The_numpy_generator_draws_numpys_numbers()
    {
        // np.random.RandomState(42).rand(3): 0.3745401188473625, 0.9507143064099162, 0.7319939418114051.
        var x = NumpyRandom.RandomSample(42, 1, 3);
        Assert.Equal([0.3745401188473625, 0.9507143064099162, 0.7319939418114051], [x[0, 0], x[0, 1], x[0, 2]]);
    }
}

/// <summary>numpy's legacy <c>RandomState(seed).random_sample</c>: MT19937 seeded by init_genrand, 53-bit doubles from two draws.</summary>
internal static class NumpyRandom
{
    public static double[,] RandomSample(uint seed, int rows, int columns)
    {
        var mt = new uint[624];
        mt[0] = seed;
        for (uint i = 1; i < 624; i++) mt[i] = 1812433253u * (mt[i - 1] ^ (mt[i - 1] >> 30)) + i;
        int position = 624;
        uint Next()
        {
            if (position == 624)
            {
                for (int k = 0; k < 624; k++)
                {
                    uint y = (mt[k] & 0x80000000u) | (mt[(k + 1) % 624] & 0x7fffffffu);
                    mt[k] = mt[(k + 397) % 624] ^ (y >> 1) ^ ((y & 1) != 0 ? 0x9908b0dfu : 0);
                }
                position = 0;
            }
            uint z = mt[position++];
            z ^= z >> 11;
            z ^= (z << 7) & 0x9d2c5680u;
            z ^= (z << 15) & 0xefc60000u;
            return z ^ (z >> 18);
        }
        var m = new double[rows, columns];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
            {
                uint a = Next() >> 5, b = Next() >> 6;
                m[r, c] = (a * 67108864.0 + b) / 9007199254740992.0;
            }
        return m;
    }
}

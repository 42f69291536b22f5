using Backprop.Activations;
using Backprop.Losses;

namespace Backprop.Tests.Losses;

public class LossGradientTests
{
    private const double Epsilon = 1e-6;
    private const double Tolerance = 1e-8;

    /// <summary>Σ ℓ for the given net input, with the output recomputed from it by the activation.</summary>
    private static double SumAt(Loss loss, Activation activation, double[] net, double[] target, int width)
    {
        var output = new double[net.Length];
        activation.Forward<double>(net, output, width);
        return loss.Sum<double>(net, output, target, width, activation);
    }

    private static void AssertDeltaMatchesFiniteDifferences(Loss loss, Activation activation, double[] net, double[] target, int width)
    {
        var output = new double[net.Length];
        activation.Forward<double>(net, output, width);
        var delta = new double[net.Length];
        loss.OutputDelta<double>(net, output, target, delta, width, activation);

        for (int i = 0; i < net.Length; i++)
        {
            var plus = (double[])net.Clone();
            var minus = (double[])net.Clone();
            plus[i] += Epsilon;
            minus[i] -= Epsilon;
            double numeric = (SumAt(loss, activation, plus, target, width) - SumAt(loss, activation, minus, target, width)) / (2 * Epsilon);
            double scale = Math.Max(1.0, Math.Abs(numeric));
            Assert.True(Math.Abs(delta[i] - numeric) <= Tolerance * scale,
                $"{loss.Name} after {activation.Name}: δ[{i}] = {delta[i]:R} but central differences give {numeric:R} (net {net[i]:R}, target " +
                    $"{target[i]:R})");
        }
    }

    private static double[] RandomNet(Random random, int count, double range)
    {
        var v = new double[count];
        for (int i = 0; i < count; i++) v[i] = (2 * random.NextDouble() - 1) * range;
        return v;
    }

    private static double[] RandomTargets(Random random, int count, double low, double high)
    {
        var v = new double[count];
        for (int i = 0; i < count; i++) v[i] = low + (high - low) * random.NextDouble();
        return v;
    }

    private static double[] ZeroOneTargets(Random random, int count)
    {
        var v = new double[count];
        for (int i = 0; i < count; i++) v[i] = random.Next(2);
        return v;
    }

    private static double[] OneHotTargets(Random random, int samples, int width)
    {
        var v = new double[samples * width];
        for (int s = 0; s < samples; s++) v[s * width + random.Next(width)] = 1;
        return v;
    }

    [Theory]
    [InlineData("sigmoid", 0.0, 1.0)]
    [InlineData("identity", -3.0, 3.0)]
    [InlineData("tanh", -1.0, 1.0)]
    [InlineData("softmax", 0.0, 1.0)]
    public void Squared_error_delta_matches_central_difference(string activationName, double low, double high)
    {
        var loss = new SquaredError();
        var activation = ActivationRegistry.Get(activationName);
        var random = new Random(31);
        for (int trial = 0; trial < 10; trial++)
        {
            const int width = 3, samples = 4;
            var net = RandomNet(random, width * samples, 3.0);
            var target = RandomTargets(random, width * samples, low, high);
            AssertDeltaMatchesFiniteDifferences(loss, activation, net, target, width);
        }
    }

    [Fact]
    public void Squared_error_delta_after_softmax_matches_central_difference_with_one_hot_targets()
    {
        var random = new Random(8);
        for (int trial = 0; trial < 10; trial++)
        {
            var net = RandomNet(random, 2 * 4, 4.0);
            AssertDeltaMatchesFiniteDifferences(new SquaredError(), new Softmax(), net, OneHotTargets(random, 2, 4), 4);
        }
    }

    [Fact]
    public void Cross_entropy_delta_after_sigmoid_matches_central_difference()
    {
        var random = new Random(41);
        for (int trial = 0; trial < 10; trial++)
        {
            const int width = 2, samples = 5;
            var net = RandomNet(random, width * samples, 5.0);
            AssertDeltaMatchesFiniteDifferences(new CrossEntropy(), new Sigmoid(), net, ZeroOneTargets(random, width * samples), width);
        }
    }

    [Fact]
    public void Cross_entropy_delta_after_single_sigmoid_output_matches_central_difference()
    {
        var random = new Random(43);
        var net = RandomNet(random, 7, 6.0);
        AssertDeltaMatchesFiniteDifferences(new CrossEntropy(), new Sigmoid(), net, ZeroOneTargets(random, 7), 1);
    }

    [Fact]
    public void Cross_entropy_delta_after_softmax_matches_central_difference()
    {
        var random = new Random(47);
        foreach (int width in new[] { 2, 3, 5 })
        {
            for (int trial = 0; trial < 5; trial++)
            {
                const int samples = 3;
                var net = RandomNet(random, width * samples, 5.0);
                AssertDeltaMatchesFiniteDifferences(new CrossEntropy(), new Softmax(), net, OneHotTargets(random, samples, width), width);
            }
        }
    }

    [Fact]
    public void Cross_entropy_after_softmax_is_finite_for_nets_of_plus_and_minus_1000()
    {
        double[] net = [1000.0, -1000.0];
        // −log softmax(net)₁ = 2000 + log(1 + e^−2000) = 2000 exactly in double.
        double value = SumAt(new CrossEntropy(), new Softmax(), net, [0.0, 1.0], 2);
        Assert.True(double.IsFinite(value));
        Assert.Equal(2000.0, value, 9);

        // A confident correct prediction costs nothing.
        Assert.Equal(0.0, SumAt(new CrossEntropy(), new Softmax(), net, [1.0, 0.0], 2), 12);
    }

    [Fact]
    public void Cross_entropy_after_sigmoid_is_finite_for_nets_of_plus_and_minus_1000()
    {
        var ce = new CrossEntropy();
        var sigmoid = new Sigmoid();
        // −log σ(−1000) = 1000 + log(1 + e^−1000) = 1000 in double; likewise −log(1 − σ(1000)).
        Assert.Equal(1000.0, SumAt(ce, sigmoid, [-1000.0], [1.0], 1), 9);
        Assert.Equal(1000.0, SumAt(ce, sigmoid, [1000.0], [0.0], 1), 9);
        Assert.Equal(0.0, SumAt(ce, sigmoid, [1000.0], [1.0], 1), 12);
        Assert.Equal(0.0, SumAt(ce, sigmoid, [-1000.0], [0.0], 1), 12);
    }

    [Fact]
    public void Cross_entropy_has_the_textbook_value_for_moderate_nets()
    {
        // −[t log σ(z) + (1−t) log(1−σ(z))] for z = 0.5, t = 1 and z = −1.5, t = 0:
        // log(1+e^−0.5) + log(1+e^−1.5) = 0.4740769841801067 + 0.2014132779827524 (Python math.log1p/exp)
        double value = SumAt(new CrossEntropy(), new Sigmoid(), [0.5, -1.5], [1.0, 0.0], 2);
        Assert.Equal(0.4740769841801067 + 0.2014132779827524, value, 14);

        // −log softmax([1,2,3])₂ = −log 0.6652409557748219 = 0.4076059644443803 (Python)
        Assert.Equal(0.4076059644443803, SumAt(new CrossEntropy(), new Softmax(), [1.0, 2.0, 3.0], [0, 0, 1.0], 3), 14);
    }

    [Fact]
    public void Cross_entropy_delta_is_finite_for_nets_of_plus_and_minus_1000()
    {
        foreach (var activation in new Activation[] { new Sigmoid(), new Softmax() })
        {
            double[] net = [1000.0, -1000.0];
            var output = new double[2];
            activation.Forward<double>(net, output, 2);
            var delta = new double[2];
            new CrossEntropy().OutputDelta<double>(net, output, [0.0, 1.0], delta, 2, activation);
            Assert.All(delta, d => Assert.True(double.IsFinite(d)));
            Assert.Equal(1.0, delta[0], 12);
            Assert.Equal(-1.0, delta[1], 12);
        }
    }

    [Fact]
    public void Squared_error_matches_Mazurs_worked_example()
    {
        // Matt Mazur, "A Step by Step Backpropagation Example": E_total = 0.298371109
        // for outputs 0.75136507, 0.772928465 and targets 0.01, 0.99.
        double[] output = [0.75136507, 0.772928465];
        double[] target = [0.01, 0.99];
        double value = new SquaredError().Sum<double>(new double[2], output, target, 2, new Sigmoid());
        Assert.True(Math.Abs(value - 0.298371109) < 1e-9, $"E = {value:R}");
    }

    [Fact]
    public void Squared_error_is_half_the_sum_of_squares()
    {
        double[] output = [1.0, 2.0, 3.0, 4.0];
        double[] target = [0.0, 0.0, 5.0, 4.0];
        // ½(1 + 4 + 4 + 0) = 4.5
        Assert.Equal(4.5, new SquaredError().Sum<double>(new double[4], output, target, 2, new Identity()));
    }

    [Theory]
    [InlineData("identity", 1)]
    [InlineData("identity", 3)]
    [InlineData("relu", 2)]
    [InlineData("tanh", 2)]
    [InlineData("leaky-relu", 2)]
    [InlineData("softmax", 1)]
    public void Cross_entropy_is_incompatible_with_non_probability_outputs(string activation, int units)
    {
        var problem = new CrossEntropy().Incompatibility(ActivationRegistry.Get(activation), units);
        Assert.NotNull(problem);
        Assert.NotEmpty(problem);
    }

    [Theory]
    [InlineData("sigmoid", 1)]
    [InlineData("sigmoid", 4)]
    [InlineData("softmax", 2)]
    [InlineData("softmax", 10)]
    public void Cross_entropy_is_compatible_with_sigmoid_and_softmax_of_two_or_more_units(string activation, int units)
    {
        Assert.Null(new CrossEntropy().Incompatibility(ActivationRegistry.Get(activation), units));
    }

    [Theory]
    [InlineData("squared", "squared")]
    [InlineData("mse", "squared")]
    [InlineData("cross-entropy", "cross-entropy")]
    [InlineData("log-loss", "cross-entropy")]
    public void Loss_get_resolves_names(string name, string canonical)
    {
        Assert.Equal(canonical, Loss.Get(name).Name);
    }

    [Fact]
    public void Loss_get_rejects_unknown_names()
    {
        var e = Assert.Throws<ArgumentException>(() => Loss.Get("hinge"));
        Assert.Contains("hinge", e.Message);
    }
}

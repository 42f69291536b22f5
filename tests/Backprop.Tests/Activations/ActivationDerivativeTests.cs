using Backprop.Activations;

namespace Backprop.Tests.Activations;

public class ActivationDerivativeTests
{
    private const double Epsilon = 1e-6;

    // Central differences with ε = 1e-6 have truncation error ~ε²·f‴ ≈ 1e-12 and rounding error ~1e-16/ε ≈ 1e-10.
    private const double Tolerance = 1e-8;

    /// <summary>
    /// Checks Backward (the vector-Jacobian product dNet = Jᵀ·dOutput) against central differences of
    /// L(net) = Σᵢ dOutputᵢ · f(net)ᵢ, whose gradient with respect to net is exactly that product.
    /// </summary>
    private static void AssertBackwardMatchesFiniteDifferences(Activation activation, double[] net, double[] dOutput, int width)
    {
        var output = new double[net.Length];
        activation.Forward<double>(net, output, width);
        var dNet = new double[net.Length];
        activation.Backward<double>(net, output, dOutput, dNet, width);

        for (int i = 0; i < net.Length; i++)
        {
            double numeric = (Weighted(activation, net, dOutput, width, i, +Epsilon) - Weighted(activation, net, dOutput, width, i, -Epsilon))
                / (2 * Epsilon);
            double scale = Math.Max(1.0, Math.Abs(numeric));
            Assert.True(Math.Abs(dNet[i] - numeric) <= Tolerance * scale,
                $"{activation.Name}: at net[{i}] = {net[i]:R}, Backward gave {dNet[i]:R} but central differences give {numeric:R}");
        }
    }

    private static double Weighted(Activation activation, double[] net, double[] dOutput, int width, int index, double shift)
    {
        var shifted = (double[])net.Clone();
        shifted[index] += shift;
        var output = new double[net.Length];
        activation.Forward<double>(shifted, output, width);
        double sum = 0;
        for (int i = 0; i < output.Length; i++) sum += dOutput[i] * output[i];
        return sum;
    }

    /// <summary>Points in [−range, range], none closer to 0 than 1e-3 (the kink of relu and leaky-relu).</summary>
    internal static double[] RandomPoints(Random random, int count, double range)
    {
        var points = new double[count];
        for (int i = 0; i < count; i++)
        {
            double x;
            do x = (2 * random.NextDouble() - 1) * range; while (Math.Abs(x) < 1e-3);
            points[i] = x;
        }
        return points;
    }

    internal static double[] RandomVector(Random random, int count)
    {
        var v = new double[count];
        for (int i = 0; i < count; i++) v[i] = 2 * random.NextDouble() - 1;
        return v;
    }

    [Theory]
    [InlineData("sigmoid")]
    [InlineData("tanh")]
    [InlineData("relu")]
    [InlineData("leaky-relu")]
    [InlineData("identity")]
    public void Elementwise_derivative_matches_central_difference(string name)
    {
        var activation = ActivationRegistry.Get(name);
        var random = new Random(12345);
        // Many points, in batches of several widths; small and moderately large inputs.
        foreach (double range in new[] { 0.5, 3.0, 8.0 })
        {
            var net = RandomPoints(random, 60, range);
            var dOutput = RandomVector(random, net.Length);
            AssertBackwardMatchesFiniteDifferences(activation, net, dOutput, width: 6);
        }
        // Hand-picked points either side of 0 and near where the curvature is largest.
        var picked = new[] { -4.0, -1.3169578969248166, -0.5, -0.01, 0.01, 0.21, 0.5, 1.3169578969248166, 4.0 };
        AssertBackwardMatchesFiniteDifferences(activation, picked, RandomVector(random, picked.Length), width: 1);
    }

    [Fact]
    public void Softmax_derivative_matches_central_difference_for_width_3_and_batch_of_2()
    {
        var softmax = ActivationRegistry.Get("softmax");
        var random = new Random(2024);
        for (int trial = 0; trial < 20; trial++)
        {
            var net = RandomPoints(random, 6, 4.0); // 2 samples × 3 units
            var dOutput = RandomVector(random, 6);
            AssertBackwardMatchesFiniteDifferences(softmax, net, dOutput, width: 3);
        }
    }

    [Fact]
    public void Softmax_derivative_matches_central_difference_for_other_widths()
    {
        var softmax = ActivationRegistry.Get("softmax");
        var random = new Random(77);
        foreach (int width in new[] { 2, 5, 10 })
        {
            var net = RandomPoints(random, 3 * width, 3.0);
            AssertBackwardMatchesFiniteDifferences(softmax, net, RandomVector(random, net.Length), width);
        }
    }

    [Fact]
    public void Softmax_backward_treats_each_sample_separately()
    {
        // The gradient of the second sample must not depend on the first sample's values.
        var softmax = ActivationRegistry.Get("softmax");
        double[] second = [0.3, -1.2, 2.0];
        double[] dSecond = [0.7, -0.4, 0.1];
        double[] a = [5.0, -3.0, 0.0, .. second];
        double[] b = [-1.0, 1.0, 9.0, .. second];
        double[] dOut = [1.0, 2.0, 3.0, .. dSecond];
        double[] dOutOther = [-3.0, 0.5, 8.0, .. dSecond];
        var resultA = BackwardOf(softmax, a, dOut, 3);
        var resultB = BackwardOf(softmax, b, dOutOther, 3);
        Assert.Equal(resultA[3..], resultB[3..]);
    }

    internal static double[] BackwardOf(Activation activation, double[] net, double[] dOutput, int width)
    {
        var output = new double[net.Length];
        activation.Forward<double>(net, output, width);
        var dNet = new double[net.Length];
        activation.Backward<double>(net, output, dOutput, dNet, width);
        return dNet;
    }

    [Theory]
    [InlineData("sigmoid")]
    [InlineData("tanh")]
    [InlineData("relu")]
    [InlineData("leaky-relu")]
    [InlineData("identity")]
    [InlineData("softmax")]
    public void Backward_gives_the_same_result_when_dNet_is_the_dOutput_span(string name)
    {
        var activation = ActivationRegistry.Get(name);
        var random = new Random(5);
        var net = RandomPoints(random, 12, 3.0);
        var dOutput = RandomVector(random, 12);
        var separate = BackwardOf(activation, net, dOutput, 4);

        var output = new double[net.Length];
        activation.Forward<double>(net, output, 4);
        var inPlace = (double[])dOutput.Clone();
        activation.Backward<double>(net, output, inPlace, inPlace, 4);

        Assert.Equal(separate, inPlace);
    }
}

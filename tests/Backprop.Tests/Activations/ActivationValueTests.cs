using Backprop.Activations;

namespace Backprop.Tests.Activations;

/// <summary>Activations' exact values, their finiteness at extreme inputs, float against double, and the registry's names.</summary>
public class ActivationValueTests
{
    [Fact]
    public void Sigmoid_tanh_and_softmax_are_finite_for_inputs_of_plus_and_minus_1000()
    {
        double[] extreme = [1000.0, -1000.0];

        var sigmoid = new double[2];
        ActivationRegistry.Get("sigmoid").Forward<double>(extreme, sigmoid, 1);
        Assert.Equal(1.0, sigmoid[0], 15);
        Assert.Equal(0.0, sigmoid[1], 15);
        Assert.All(sigmoid, v => Assert.True(double.IsFinite(v)));

        var tanh = new double[2];
        ActivationRegistry.Get("tanh").Forward<double>(extreme, tanh, 1);
        Assert.Equal(1.0, tanh[0], 15);
        Assert.Equal(-1.0, tanh[1], 15);

        double[] softmaxNet = [1000.0, -1000.0, 0.0, 1000.0, 1000.0, -1000.0];
        var softmax = new double[6];
        ActivationRegistry.Get("softmax").Forward<double>(softmaxNet, softmax, 3);
        Assert.All(softmax, v => Assert.True(double.IsFinite(v), $"softmax gave {v}"));
        Assert.Equal(1.0, softmax[0], 15);
        Assert.Equal(0.0, softmax[1], 15);
        Assert.Equal(0.0, softmax[2], 15);
        Assert.Equal(0.5, softmax[3], 15);
        Assert.Equal(0.5, softmax[4], 15);
        Assert.Equal(0.0, softmax[5], 15);
    }

    [Fact]
    public void Sigmoid_and_tanh_derivatives_are_finite_for_inputs_of_plus_and_minus_1000()
    {
        foreach (var name in new[] { "sigmoid", "tanh", "softmax" })
        {
            var activation = ActivationRegistry.Get(name);
            double[] net = [1000.0, -1000.0];
            var dNet = ActivationDerivativeTests.BackwardOf(activation, net, [1.0, -1.0], 2);
            Assert.All(dNet, v => Assert.True(double.IsFinite(v), $"{name} backward gave {v}"));
        }
    }

    [Fact]
    public void Step_gives_1_for_zero_and_positive_inputs_and_0_for_negative_ones()
    {
        var step = ActivationRegistry.Get("step");
        double[] net = [-1000.0, -1.0, -1e-300, 0.0, 1e-300, 0.5, 1000.0];
        var output = new double[net.Length];
        step.Forward<double>(net, output, 1);
        Assert.Equal([0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0], output);
    }

    [Fact]
    public void Step_is_not_differentiable_and_the_others_are()
    {
        Assert.False(ActivationRegistry.Get("step").IsDifferentiable);
        foreach (var name in new[] { "sigmoid", "tanh", "relu", "leaky-relu", "identity", "softmax" })
            Assert.True(ActivationRegistry.Get(name).IsDifferentiable, name);
    }

    [Fact]
    public void Sigmoid_has_exact_known_values()
    {
        var sigmoid = ActivationRegistry.Get("sigmoid");
        double[] net = [0.0, 0.21, 2.0, -2.0];
        var output = new double[net.Length];
        sigmoid.Forward<double>(net, output, 1);
        Assert.Equal(0.5, output[0]);
        // 1/(1+e^-0.21), computed independently with Python's math.exp: 0.5523079095743253
        Assert.Equal(0.5523079095743253, output[1], 15);
        // 1/(1+e^-2) = 0.8807970779778823 (Python); σ(−x) = 1 − σ(x)
        Assert.Equal(0.8807970779778823, output[2], 15);
        Assert.Equal(1 - 0.8807970779778823, output[3], 15);
    }

    [Fact]
    public void Relu_and_leaky_relu_have_exact_known_values()
    {
        var relu = new double[3];
        ActivationRegistry.Get("relu").Forward<double>([-2.0, 0.0, 3.5], relu, 3);
        Assert.Equal([0.0, 0.0, 3.5], relu);

        var leaky = new double[3];
        ActivationRegistry.Get("leaky-relu").Forward<double>([-2.0, 0.0, 3.5], leaky, 3);
        Assert.Equal(-0.02, leaky[0], 15);
        Assert.Equal(0.0, leaky[1]);
        Assert.Equal(3.5, leaky[2]);
    }

    [Fact]
    public void Relu_derivative_at_zero_is_zero()
    {
        var dNet = ActivationDerivativeTests.BackwardOf(ActivationRegistry.Get("relu"), [0.0, 1.0, -1.0], [5.0, 5.0, 5.0], 3);
        Assert.Equal([0.0, 5.0, 0.0], dNet);
    }

    [Fact]
    public void Tanh_and_identity_have_exact_known_values()
    {
        var tanh = new double[1];
        ActivationRegistry.Get("tanh").Forward<double>([0.5], tanh, 1);
        Assert.Equal(0.46211715726000974, tanh[0], 15); // Python math.tanh(0.5)

        var identity = new double[2];
        ActivationRegistry.Get("identity").Forward<double>([-7.25, 1e300], identity, 2);
        Assert.Equal([-7.25, 1e300], identity);
    }

    [Fact]
    public void Softmax_has_exact_known_values()
    {
        var output = new double[3];
        ActivationRegistry.Get("softmax").Forward<double>([1.0, 2.0, 3.0], output, 3);
        // eᵏ / (e + e² + e³), computed independently with Python's math.exp
        Assert.Equal(0.09003057317038046, output[0], 15);
        Assert.Equal(0.24472847105479767, output[1], 15);
        Assert.Equal(0.6652409557748219, output[2], 15);
    }

    [Fact]
    public void Float_forward_matches_the_mathematical_values()
    {
        var sigmoid = new float[4];
        ActivationRegistry.Get("sigmoid").Forward<float>([0f, 0.21f, 1000f, -1000f], sigmoid, 1);
        Assert.Equal(0.5f, sigmoid[0]);
        Assert.Equal(0.5523079095743253, sigmoid[1], 6);
        Assert.Equal(1f, sigmoid[2]);
        Assert.Equal(0f, sigmoid[3]);

        var tanh = new float[1];
        ActivationRegistry.Get("tanh").Forward<float>([0.5f], tanh, 1);
        Assert.Equal(0.46211715726000974, tanh[0], 6);

        var softmax = new float[3];
        ActivationRegistry.Get("softmax").Forward<float>([1f, 2f, 3f], softmax, 3);
        Assert.Equal(0.09003057317038046, softmax[0], 6);
        Assert.Equal(0.24472847105479767, softmax[1], 6);
        Assert.Equal(0.6652409557748219, softmax[2], 6);

        var leaky = new float[1];
        ActivationRegistry.Get("leaky-relu").Forward<float>([-2f], leaky, 1);
        Assert.Equal(-0.02, leaky[0], 6);
    }

    [Fact]
    public void Float_backward_matches_double_backward()
    {
        var random = new Random(9);
        foreach (var name in new[] { "sigmoid", "tanh", "leaky-relu", "softmax" })
        {
            var activation = ActivationRegistry.Get(name);
            var net = ActivationDerivativeTests.RandomPoints(random, 6, 3.0);
            var dOutput = ActivationDerivativeTests.RandomVector(random, 6);
            var expected = ActivationDerivativeTests.BackwardOf(activation, net, dOutput, 3);

            var netF = net.Select(v => (float)v).ToArray();
            var dOutputF = dOutput.Select(v => (float)v).ToArray();
            var outputF = new float[6];
            activation.Forward<float>(netF, outputF, 3);
            var dNetF = new float[6];
            activation.Backward<float>(netF, outputF, dOutputF, dNetF, 3);
            for (int i = 0; i < 6; i++)
                Assert.True(Math.Abs(dNetF[i] - expected[i]) < 1e-5, $"{name}[{i}]: float {dNetF[i]} vs double {expected[i]}");
        }
    }

    [Theory]
    [InlineData("logistic", "sigmoid")]
    [InlineData("linear", "identity")]
    [InlineData("SIGMOID", "sigmoid")]
    public void Registry_resolves_aliases_to_canonical_names(string alias, string canonical)
    {
        Assert.Equal(canonical, ActivationRegistry.Get(alias).Name);
    }

    [Fact]
    public void Registry_rejects_unknown_names_and_lists_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => ActivationRegistry.Get("sigmoidx"));
        Assert.Contains("sigmoidx", e.Message);
        foreach (var name in ActivationRegistry.Names) Assert.Contains(name, e.Message);
    }
}

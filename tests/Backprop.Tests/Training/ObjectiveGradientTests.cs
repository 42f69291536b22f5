using Backprop.Activations;
using Backprop.Diagnostics;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Training;

public class ObjectiveGradientTests
{
    private const double Epsilon = 1e-6;
    private const double Tolerance = 1e-7;

    public static TheoryData<string, string, Reduction, double, BiasMode, string> Cases()
    {
        var data = new TheoryData<string, string, Reduction, double, BiasMode, string>();
        var pairs = new (string Loss, string Output)[]
        {
            ("squared", "identity"), ("squared", "sigmoid"), ("cross-entropy", "sigmoid"), ("cross-entropy", "softmax"),
        };
        foreach (var (loss, output) in pairs)
            foreach (var reduction in new[] { Reduction.Sum, Reduction.Mean })
                foreach (var l2 in new[] { 0.0, 0.7 })
                    foreach (var bias in new[] { BiasMode.Trainable, BiasMode.Frozen, BiasMode.None })
                        foreach (var hidden in new[] { "sigmoid", "tanh", "leaky-relu" })
                            data.Add(loss, output, reduction, l2, bias, hidden);
        return data;
    }

    private static ulong SeedOf(params object[] parts) =>
        (ulong)(uint)string.Join("|", parts).Aggregate(17, (h, c) => unchecked(h * 31 + c));

    private static (Network<double> Network, Matrix<double> Inputs, Matrix<double> Targets) Problem(
        string loss, string outputActivation, BiasMode bias, string hidden, ulong seed, int samples = 5)
    {
        const int inputs = 3, outputs = 3;
        var network = Network<double>.Create(inputs,
            [new LayerSpec(4, hidden, bias), new LayerSpec(3, hidden, bias), new LayerSpec(outputs, outputActivation, bias)], seed);
        var random = new Random((int)(seed % int.MaxValue));
        foreach (var layer in network.Layers)
            if (layer.BiasParameter is { } b)
                for (int j = 0; j < b.Length; j++) b.Values[j] = random.NextDouble() - 0.5;

        var x = new Matrix<double>(samples, inputs);
        for (int i = 0; i < x.Span.Length; i++) x.Span[i] = 2 * random.NextDouble() - 1;
        var t = new Matrix<double>(samples, outputs);
        for (int s = 0; s < samples; s++)
        {
            if (outputActivation == "softmax") t[s, random.Next(outputs)] = 1;
            else if (loss == "cross-entropy") for (int k = 0; k < outputs; k++) t[s, k] = random.Next(2);
            else if (outputActivation == "sigmoid") for (int k = 0; k < outputs; k++) t[s, k] = random.NextDouble();
            else for (int k = 0; k < outputs; k++) t[s, k] = 4 * random.NextDouble() - 2;
        }
        return (network, x, t);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Objective_gradient_matches_central_differences_for_every_parameter(
        string lossName, string outputActivation, Reduction reduction, double l2, BiasMode bias, string hidden)
    {
        ulong seed = SeedOf(lossName, outputActivation, reduction, l2, bias, hidden);
        var (network, x, t) = Problem(lossName, outputActivation, bias, hidden, seed);
        var objective = new Objective(Loss.Get(lossName), reduction, l2);
        var workspace = new Workspace<double>(network, x.Rows);

        objective.Evaluate(network, workspace, x, t, computeGradient: true);
        var analytic = network.Parameters.Select(p => p.Gradient.ToArray()).ToArray();

        int expectedParameters = bias == BiasMode.None ? 3 : 6;
        Assert.Equal(expectedParameters, network.Parameters.Count);

        for (int p = 0; p < network.Parameters.Count; p++)
        {
            var parameter = network.Parameters[p];
            for (int i = 0; i < parameter.Length; i++)
            {
                double original = parameter.Values[i];
                parameter.Values[i] = original + Epsilon;
                double plus = objective.Evaluate(network, workspace, x, t, computeGradient: false);
                parameter.Values[i] = original - Epsilon;
                double minus = objective.Evaluate(network, workspace, x, t, computeGradient: false);
                parameter.Values[i] = original;

                double numeric = (plus - minus) / (2 * Epsilon);
                double scale = Math.Max(1.0, Math.Abs(numeric));
                Assert.True(Math.Abs(analytic[p][i] - numeric) <= Tolerance * scale,
                    $"{parameter.Name}[{i}]: backprop gives {analytic[p][i]:R}, central differences {numeric:R}");
            }
        }
    }

    [Fact]
    public void Gradient_evaluation_replaces_rather_than_accumulates_gradients()
    {
        var (network, x, t) = Problem("squared", "sigmoid", BiasMode.Trainable, "tanh", 99);
        var objective = new Objective(new SquaredError(), Reduction.Mean, 0.3);
        var workspace = new Workspace<double>(network, x.Rows);
        objective.Evaluate(network, workspace, x, t, computeGradient: true);
        var first = network.Parameters.Select(p => p.Gradient.ToArray()).ToArray();
        objective.Evaluate(network, workspace, x, t, computeGradient: true);
        for (int p = 0; p < first.Length; p++) Assert.Equal(first[p], network.Parameters[p].Gradient);
    }

    [Theory]
    [InlineData(Reduction.Sum)]
    [InlineData(Reduction.Mean)]
    public void L2_term_is_lambda_over_2m_times_the_sum_of_squared_weights_without_biases(Reduction reduction)
    {
        const double lambda = 0.7;
        const int samples = 6;
        var (network, x, t) = Problem("squared", "identity", BiasMode.Trainable, "tanh", 5, samples);
        foreach (var layer in network.Layers)
            for (int j = 0; j < layer.Units; j++) layer.Bias[j] = 10 + j; // large biases: including them would show

        double squares = 0;
        foreach (var layer in network.Layers)
            for (int j = 0; j < layer.Units; j++)
                for (int i = 0; i < layer.Inputs; i++) squares += layer.Weights[j, i] * layer.Weights[j, i];
        double expectedPenalty = lambda / (2.0 * samples) * squares;

        double without = new Objective(new SquaredError(), reduction, 0).Value(network, x, t);
        double with = new Objective(new SquaredError(), reduction, lambda).Value(network, x, t);
        Assert.Equal(expectedPenalty, with - without, 12);
    }

    [Fact]
    public void L2_gradient_of_a_weight_is_lambda_over_m_times_the_weight_and_biases_get_none()
    {
        const double lambda = 0.7;
        var (network, x, t) = Problem("squared", "identity", BiasMode.Trainable, "tanh", 11, 4);
        var workspace = new Workspace<double>(network, x.Rows);
        new Objective(new SquaredError(), Reduction.Mean, 0).Evaluate(network, workspace, x, t, computeGradient: true);
        var plain = network.Parameters.Select(p => p.Gradient.ToArray()).ToArray();
        new Objective(new SquaredError(), Reduction.Mean, lambda).Evaluate(network, workspace, x, t, computeGradient: true);
        for (int p = 0; p < plain.Length; p++)
        {
            var parameter = network.Parameters[p];
            for (int i = 0; i < parameter.Length; i++)
            {
                double extra = parameter.IsWeight ? lambda / 4 * parameter.Values[i] : 0;
                Assert.Equal(plain[p][i] + extra, parameter.Gradient[i], 12);
            }
        }
    }

    [Fact]
    public void Objective_and_gradient_match_Mazurs_worked_example()
    {
        // Matt Mazur, "A Step by Step Backpropagation Example": a 2-2-2 sigmoid network with frozen biases
        // b1 = 0.35, b2 = 0.60, inputs (0.05, 0.10), targets (0.01, 0.99), E = Σ ½(t − y)².
        var hidden = new DenseLayer<double>(2, 2, new Sigmoid(), BiasMode.Frozen, 0);
        var output = new DenseLayer<double>(2, 2, new Sigmoid(), BiasMode.Frozen, 1);
        double[] w = [0.15, 0.20, 0.25, 0.30]; // w1 w2 (unit h1), w3 w4 (unit h2)
        w.CopyTo(hidden.WeightParameter.Values, 0);
        double[] v = [0.40, 0.45, 0.50, 0.55]; // w5 w6 (unit o1), w7 w8 (unit o2)
        v.CopyTo(output.WeightParameter.Values, 0);
        hidden.Bias.Fill(0.35);
        output.Bias.Fill(0.60);
        var network = new Network<double>(2, [hidden, output]);
        var x = Matrix<double>.FromArray(new[,] { { 0.05, 0.10 } });
        var t = Matrix<double>.FromArray(new[,] { { 0.01, 0.99 } });

        var objective = new Objective(new SquaredError(), Reduction.Sum);
        double e = objective.Evaluate(network, new Workspace<double>(network, 1), x, t, computeGradient: true);

        Assert.True(Math.Abs(e - 0.298371109) < 1e-9, $"E = {e:R}"); // the blog's E_total
        // ∂E/∂w, computed independently in Python (plain floats, the blog's formulas); they reproduce the blog's
        // updated weights with η = 0.5: w1⁺ = 0.149780716, w5⁺ = 0.35891648, w8⁺ = 0.561370121.
        double[] hiddenGradient = [0.0004385677344743465, 0.000877135468948693, 0.0004977127352608599, 0.0009954254705217198];
        double[] outputGradient = [0.08216704056423077, 0.08266762784753325, -0.02260254047747507, -0.022740242215978222];
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(hiddenGradient[i], hidden.WeightParameter.Gradient[i], 14);
            Assert.Equal(outputGradient[i], output.WeightParameter.Gradient[i], 14);
        }
        // Frozen biases still get their gradient (Σ of δ per unit), computed in Python as well.
        Assert.Equal(0.10040032511200071, output.BiasParameter!.Gradient.Sum(), 14);
        Assert.Equal(0.018725609394704128, hidden.BiasParameter!.Gradient.Sum(), 14);
    }

    [Fact]
    public void Mean_reduction_is_the_sum_divided_by_the_number_of_samples()
    {
        var (network, x, t) = Problem("cross-entropy", "softmax", BiasMode.Trainable, "sigmoid", 3, 7);
        double sum = new Objective(new CrossEntropy(), Reduction.Sum).Value(network, x, t);
        double mean = new Objective(new CrossEntropy(), Reduction.Mean).Value(network, x, t);
        Assert.Equal(sum / 7, mean, 13);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Training_through_a_step_layer_throws_TrainingException(int stepLayer)
    {
        LayerSpec[] specs = stepLayer == 0
            ? [new LayerSpec(3, "step"), new LayerSpec(1, "sigmoid")]
            : [new LayerSpec(3, "sigmoid"), new LayerSpec(1, "step")];
        var network = Network<double>.Create(2, specs, 1);
        var x = Matrix<double>.FromArray(new[,] { { 0.0, 1.0 }, { 1.0, 0.0 } });
        var t = Matrix<double>.FromArray(new[,] { { 1.0 }, { 0.0 } });
        var e = Assert.Throws<TrainingException>(() => Trainer.Train(network, x, t, new TrainingOptions { Epochs = 1 }));
        Assert.Contains("step", e.Message);
    }

    [Theory]
    [InlineData("identity")]
    [InlineData("relu")]
    public void Cross_entropy_with_a_non_probability_output_throws_TrainingException(string outputActivation)
    {
        var network = Network<double>.Create(2, [new LayerSpec(2, outputActivation)], 1);
        var x = Matrix<double>.FromArray(new[,] { { 0.0, 1.0 } });
        var t = Matrix<double>.FromArray(new[,] { { 1.0, 0.0 } });
        var options = new TrainingOptions { Objective = new Objective(new CrossEntropy()), Epochs = 1 };
        var e = Assert.Throws<TrainingException>(() => Trainer.Train(network, x, t, options));
        Assert.Contains(outputActivation, e.Message);
    }

    [Fact]
    public void Softmax_on_a_hidden_layer_throws_TrainingException()
    {
        var network = Network<double>.Create(2, [new LayerSpec(3, "softmax"), new LayerSpec(1, "sigmoid")], 1);
        var x = Matrix<double>.FromArray(new[,] { { 0.0, 1.0 } });
        var t = Matrix<double>.FromArray(new[,] { { 1.0 } });
        Assert.Throws<TrainingException>(() => Trainer.Train(network, x, t, new TrainingOptions { Epochs = 1 }));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_negative_or_non_finite_L2_throws_TrainingException(double l2)
    {
        var network = Network<double>.Create(2, [new LayerSpec(1, "sigmoid")], 1);
        var x = Matrix<double>.FromArray(new[,] { { 0.0, 1.0 } });
        var t = Matrix<double>.FromArray(new[,] { { 1.0 } });
        var options = new TrainingOptions { Objective = new Objective(new SquaredError(), Reduction.Mean, l2), Epochs = 1 };
        Assert.Throws<TrainingException>(() => Trainer.Train(network, x, t, options));
    }
}

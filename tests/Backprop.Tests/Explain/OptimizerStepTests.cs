using Backprop.Activations;
using Backprop.Cli.Examples;
using Backprop.Diagnostics;
using Backprop.Explain;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Optimizers;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Explain;

/// <summary>
/// <c>explain --optimizer</c> and <c>--batch-size</c>: the state of momentum, RMSprop and Adam factor by factor, against an
/// independent computation (numpy, the script in the comments) and against the library's own training of the same steps.
/// </summary>
public class OptimizerStepTests
{
    private static Explanation Mazur(string optimizer, int steps)
    {
        var s = new MazurExample().Scenario;
        return Explainer.Explain(s.Network, s.Inputs, s.Targets,
            new ExplainOptions { Objective = s.Objective, LearningRate = s.LearningRate, Optimizer = optimizer, Steps = steps });
    }

    private static double[] Updated(Explanation e) => e.Sections[^2].Equations.Where(q => q.Key.EndsWith('+')).Select(q => q.Value).ToArray();

    private static void Close(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
            Assert.True(Math.Abs(expected[k] - actual[k]) <= tolerance, $"value {k + 1}: {actual[k]:R} vs {expected[k]:R}");
    }

    // numpy (/usr/bin/python3, numpy 1.24) on Mazur's 2-2-2 network, biases fixed, η 0.5, E = Σ½(t − o)²:
    //   g = (∂E/∂w1 … ∂E/∂w8) by the chain rule; momentum v = μv − ηg, w += v; nesterov w += μv − ηg after v = μv − ηg;
    //   rmsprop s = ρs + (1 − ρ)g², w −= ηg/(√s + ε); adam m = β1m + (1 − β1)g, v = β2v + (1 − β2)g², w −= η·(m/(1 − β1ᵗ))/(√(v/(1 − β2ᵗ)) + ε).
    [Fact]
    public void Momentum_on_mazur_shows_the_velocity_and_matches_numpy_for_two_steps()
    {
        // Step 1 by hand: v = −η·∂E/∂w5 = −0.5 · 0.082167041 = −0.0410835205, so w5⁺ = 0.4 − 0.0410835205, gradient descent's 0.35891648.
        var first = Mazur("momentum", 1).Quantities;
        Assert.Equal(-0.0410835205, first["v_w5"], 9);
        Assert.Equal(0.35891647971788465, first["w5+"], 12);
        var e = Mazur("momentum", 2);
        Assert.Equal(-0.0785377859725501, e.Quantities["v_w5"], 12);
        Close([0.14939536228297376, 0.19879072456594757, 0.2493090441299903, 0.2986180882599806, 0.28037869374533453, 0.32965003971491874,
            0.5325684694595618, 0.5827668556912046], Updated(e), 1e-12);
        Assert.Contains(e.Settings, s => s.Key == "optimizer" && s.Value == "momentum (μ 0.9)");
    }

    [Fact]
    public void Adam_on_mazur_shows_both_moments_and_their_bias_corrections()
    {
        // Step 1 by hand: m = 0.1g and v = 0.001g², so m̂ = g and v̂ = g² and every weight moves by η·g/(|g| + ε), almost exactly η = 0.5:
        // w5⁺ = 0.4 − 0.5 · 0.082167041/(0.082167041 + 1e-8) = 0.4 − 0.49999994 = −0.09999994.
        var one = Mazur("adam", 1).Quantities;
        Assert.Equal(0.1, one["1-beta1^t"], 15);
        Assert.Equal(one["dE/dw5"], one["mhat_w5"], 15);
        Assert.Equal(one["dE/dw5"] * one["dE/dw5"], one["vhat_w5"], 15);
        Assert.Equal(-0.09999993914835736, one["w5+"], 12);
        var e = Mazur("adam", 2);
        var q = e.Quantities;
        Assert.Equal(0.19, q["1-beta1^t"], 15);
        Assert.Equal(0.001999, q["1-beta2^t"], 15);
        Assert.Equal(0.01568684417300869, q["m_w5"], 14);
        Assert.Equal(1.3620083306181845e-05, q["v_w5"], 1e-19);
        Assert.Equal(0.01568684417300869 / 0.19, q["mhat_w5"], 13);
        Assert.Equal(1.3620083306181845e-05 / 0.001999, q["vhat_w5"], 15);
        Close([-0.36078780575908964, -0.3107936378431071, -0.34530778280634855, -0.29531396635696433, -0.6001132898317572,
            -0.5501165312380073, 1.4530173187777145, 1.5030380985134517], Updated(e), 1e-12);
    }

    [Fact]
    public void Nesterov_and_rmsprop_on_mazur_match_numpy_for_two_steps()
    {
        Close([0.14910379893749745, 0.19820759787499495, 0.24896554818087352, 0.297931096361747, 0.2089611074249263, 0.2577976627118148,
            0.5513623014142077, 0.601675106315629], Updated(Mazur("nesterov", 2)), 1e-12);
        var rms = Mazur("rmsprop", 2);
        Assert.Equal(0.0007715892316850927, rms.Quantities["s_w5"], 15);
        Close([0.05872555930400747, 0.10868752618318767, 0.12654154865808942, 0.17651023600565763, -1.9100035897823018, -1.8605042755841295,
            2.1699686733703722, 2.2200459515992654], Updated(rms), 1e-12);
    }

    /// <summary>A 2-3-1 network (sigmoid, then identity) with a bias per unit, and five rows.</summary>
    private static (Network<double> Network, Matrix<double> X, Matrix<double> T) Small()
    {
        var hidden = new DenseLayer<double>(2, 3, new Sigmoid(), BiasMode.Trainable, 0)
            .SetWeights(new[,] { { 0.1, -0.2 }, { 0.3, 0.4 }, { -0.5, 0.6 } }).SetBias(0.01, -0.02, 0.03);
        var output = new DenseLayer<double>(3, 1, new Identity(), BiasMode.Trainable, 1).SetWeights(new[,] { { 0.7, -0.8, 0.9 } }).SetBias(-0.05);
        return (new Network<double>(2, [hidden, output]), new Matrix<double>(5, 2, [0, 0, 0, 1, 1, 0, 1, 1, 0.5, 0.5]),
            new Matrix<double>(5, 1, [0, 1, 1, 0, 0.5]));
    }

    [Fact]
    public void A_mini_batch_step_averages_the_batchs_gradients_and_matches_numpy()
    {
        // numpy: the network above, E = (1/m)Σ½(y − t)² over batches of 2 rows in order (rows 1–2, 3–4, 5, then 1–2 again), Adam with η 0.1:
        // step 4 is on rows 1–2; its averaged gradient ∂E/∂W2 = (0.08143503078875229, 0.05645995526182518, 0.05134007820915218),
        // ∂E/∂b2 = 0.14621795736249288, and the weights after it, hidden unit by unit (w, w, b), then the output's:
        var (net, x, t) = Small();
        var e = Explainer.Explain(net, x, t, new ExplainOptions
        {
            Objective = new Objective(new SquaredError(), Reduction.Mean), LearningRate = 0.1, Optimizer = "adam", BatchSize = 2, Steps = 4,
        });
        var q = e.Quantities;
        Assert.Equal(0.08143503078875229, q["dE/dw7"], 14);
        Assert.Equal(0.05645995526182518, q["dE/dw8"], 14);
        Assert.Equal(0.05134007820915218, q["dE/dw9"], 14);
        Assert.Equal(0.14621795736249288, q["dE/db_o1"], 14);
        Assert.Equal(0.015439263895925166, q["m_w7"], 14);
        Assert.Equal(1.871189938023523e-05, q["v_w7"], 1e-19);
        Close([-0.13044471562526283, -0.13325132756385186, 0.019129221786451323, 0.5285521376411659, 0.29646650140111463, -0.0682720910750019,
            -0.7304039898791385, 0.6605743033935669, 0.018367436903405213, 0.7045242175361808, -0.7618573045148184, 0.9366045656097868,
            -0.021833142053142206], Updated(e), 1e-12);
        Assert.Contains(e.Settings, s => s.Key == "mini-batch" && s.Value == "rows 1–2 of 5 (batch 1 of 3)");
        Assert.Equal("2", e.Settings.Single(s => s.Key == "samples").Value);
    }

    public static TheoryData<string, int?, int> Runs => new()
    {
        { "gd", 2, 6 }, { "momentum", 2, 6 }, { "nesterov", 2, 6 }, { "rmsprop", 2, 6 }, { "adam", 2, 6 },
        { "adam", null, 3 }, { "momentum", 1, 10 }, { "rmsprop", 3, 4 }, { "adamw", 2, 6 }, { "adamw", null, 3 },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void The_explained_step_ends_where_training_with_the_same_optimizer_ends(string optimizer, int? batchSize, int steps)
    {
        var (net, x, t) = Small();
        var objective = new Objective(new SquaredError(), Reduction.Mean);
        var e = Explainer.Explain(net, x, t, new ExplainOptions
        {
            Objective = objective, LearningRate = 0.1, Optimizer = optimizer, BatchSize = batchSize, Steps = steps,
        });
        // The library's trainer, unshuffled, for as many epochs as the steps make.
        int batches = batchSize is int b ? (5 + b - 1) / b : 1;
        var trained = net.Clone();
        Trainer.Train(trained, x, t, new TrainingOptions
        {
            Objective = objective, LearningRate = 0.1, BatchSize = batchSize, Shuffle = false, Epochs = steps / batches,
            Optimizer = optimizer switch
            {
                "momentum" => new Momentum(0.9),
                "nesterov" => new Momentum(0.9, nesterov: true),
                "rmsprop" => new RmsProp(),
                "adam" => new Adam(),
                "adamw" => new Adam(weightDecay: 0.01), // explain's default λ, the trainer's too
                _ => new GradientDescent(),
            },
        });
        double[] expected = [.. Enumerable.Range(0, 3).SelectMany(j => new[]
        {
            trained.Layers[0].Weights[j, 0], trained.Layers[0].Weights[j, 1], trained.Layers[0].Bias[j],
        }), .. trained.Layers[1].Weights.Span, trained.Layers[1].Bias[0]];
        Assert.Equal(0, steps % batches);
        // Bit for bit: the explanation's new weights are the optimiser's own; gradient descent's update is written out as w − η·g.
        if (optimizer == "gd") Close(expected, Updated(e), 1e-15);
        else Assert.Equal(expected, Updated(e));
    }

    [Theory]
    [InlineData("lion",
        "ExplainOptions.Optimizer 'lion' is not an optimizer explain can show: choose gd, momentum, nesterov, rmsprop, adam or adamw")]
    [InlineData("momentum:1", "ExplainOptions.Momentum must be at least 0 and less than 1")]
    [InlineData("adam:beta2", "ExplainOptions.Beta2 must be at least 0 and less than 1")]
    [InlineData("adam:epsilon", "ExplainOptions.Epsilon must be a number greater than 0")]
    [InlineData("batch:9", "ExplainOptions.BatchSize must be between 1 and 8, not 9")]
    [InlineData("batch:sample", "give ExplainOptions.Sample or ExplainOptions.BatchSize, not both")]
    public void Wrong_settings_are_named_in_words(string setup, string message)
    {
        var (net, _, _) = Small();
        var x = new Matrix<double>(10, 2);
        var t = new Matrix<double>(10, 1);
        var options = new ExplainOptions { Objective = new Objective(new SquaredError()), LearningRate = 0.1, BatchSize = 2 };
        options = setup switch
        {
            "momentum:1" => options with { Optimizer = "momentum", Momentum = 1 },
            "adam:beta2" => options with { Optimizer = "adam", Beta2 = 1.5 },
            "adam:epsilon" => options with { Optimizer = "adam", Epsilon = 0 },
            "batch:9" => options with { BatchSize = 9 },
            "batch:sample" => options with { Sample = 1 },
            _ => options with { Optimizer = setup },
        };
        var error = Assert.Throws<BackpropException>(() => Explainer.Explain(net, x, t, options));
        Assert.StartsWith(message, error.Message);
    }
}

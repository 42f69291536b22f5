using Backprop.Cli.Examples;
using Backprop.Explain;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Explain;

public class ExplainerTests
{
    private static Explanation Explain(ExplainScenario s) => Explainer.Explain(s.Network, s.Inputs, s.Targets,
        new ExplainOptions { Objective = s.Objective, LearningRate = s.LearningRate, Document = s.Document, Title = s.Title });

    [Fact]
    public void Explain_mazur_has_every_number_of_the_post()
    {
        var q = Explain(new MazurExample().Scenario).Quantities;
        // Mazur's post (seed 001), to the digits it prints.
        (string Key, double Value, int Digits)[] post =
        [
            ("net_h1", 0.3775, 9), ("out_h1", 0.593269992, 9), ("out_h2", 0.596884378, 9), ("net_o1", 1.105905967, 9),
            ("out_o1", 0.75136507, 8), ("out_o2", 0.772928465, 9), ("E_o1", 0.274811083, 9), ("E_o2", 0.023560026, 9),
            ("E_total", 0.298371109, 9), ("dE/dout_o1", 0.74136507, 8), ("dout_o1/dnet_o1", 0.186815602, 9),
            ("delta_o1", 0.138498562, 9), ("dE/dw5", 0.082167041, 9), ("dE/dout_h1", 0.036350306, 9),
            ("dout_h1/dnet_h1", 0.241300709, 9), ("dE/dw1", 0.000438568, 9),
            ("w1+", 0.149780716, 9), ("w2+", 0.19956143, 8), ("w3+", 0.24975114, 8), ("w4+", 0.29950229, 8),
            ("w5+", 0.35891648, 8), ("w6+", 0.408666186, 9), ("w7+", 0.511301270, 9), ("w8+", 0.561370121, 9),
        ];
        foreach (var (key, value, digits) in post) Assert.True(Math.Abs(q[key] - value) <= 0.5 * Math.Pow(10, -digits),
            $"{key}: {q[key]} vs {value}");
        // The error after the update follows the formulas (independent computation in plain Python), not the post's 0.291027924.
        Assert.Equal(0.29102777369359933, q["E_total_after"], 14);
    }

    [Fact]
    public void Explain_mazur_marks_only_the_posts_total_after_the_update()
    {
        var wrong = Explain(new MazurExample().Scenario).Disagreements.Select(e => e.Key).ToList();
        Assert.Equal(["E_total_after"], wrong);
    }

    [Fact]
    public void Explain_gfg_gives_correct_values_and_marks_the_documents_slips()
    {
        var explanation = Explain(new GfgExample().Scenario);
        var q = explanation.Quantities;
        // Independent computation (Python, math.exp); δ here is ∂E/∂net, the opposite sign of the document's.
        Assert.Equal(0.5523079096, q["out_h1"], 10);
        Assert.Equal(0.6859870825, q["net_o1"], 10);
        Assert.Equal(0.0367702677, q["delta_o1"], 10);
        Assert.Equal(0.0027275877, q["delta_h1"], 10);
        Assert.Equal(0.0080714273, q["delta_h2"], 10);
        Assert.Equal(0.1990453443, q["w1+"], 10);
        Assert.Equal(0.8787429158, q["w6+"], 10);
        Assert.Equal(0.6595537417, q["out_o1_after"], 10);
        var wrong = explanation.Disagreements.Select(e => e.Key).ToHashSet();
        Assert.Equal(new HashSet<string> { "out_h1", "out_h2", "net_o1", "delta_o1", "delta_h2", "w1+", "w2+", "w3+", "w4+", "w5+", "w6+",
            "out_h1_after", "out_h2_after", "out_o1_after" }, wrong);
    }

    [Fact]
    public void Explain_udacity_agrees_with_all_eight_printed_weight_changes()
    {
        var explanation = Explain(new UdacityExample().Scenario);
        Assert.Empty(explanation.Disagreements);
        Assert.Equal(8, explanation.Sections.SelectMany(s => s.Equations).Count(e => e.Document is not null));
        // Seed 003: Δw(h1→o) = 0.00804047 = −η·∂E/∂w7 with η = 0.5.
        Assert.Equal(-0.00804047 / 0.5, explanation.Quantities["dE/dw7"], 7);
    }

    [Fact]
    public void Every_gradient_and_update_in_an_explanation_is_the_trainers()
    {
        // A 3-3-2 tanh/sigmoid network with trainable biases, two samples, mean reduction and L2.
        var network = Network<double>.Create(3, [new LayerSpec(3, "tanh"), new LayerSpec(2, "sigmoid")], seed: 11);
        var x = Matrix<double>.FromArray(new[,] { { 0.2, -0.4, 0.9 }, { -1.0, 0.3, 0.5 } });
        var t = Matrix<double>.FromArray(new[,] { { 1.0, 0.0 }, { 0.0, 1.0 } });
        var objective = new Objective(new CrossEntropy(), Reduction.Mean, 0.2);
        var q = Explainer.Explain(network, x, t, new ExplainOptions { Objective = objective, LearningRate = 0.3 }).Quantities;

        var workspace = new Workspace<double>(network, 2);
        double e = objective.Evaluate(network, workspace, x, t, computeGradient: true);
        Assert.Equal(e, q["E_total"], 14);
        var w = network.Layers[1].WeightParameter;
        Assert.Equal(w.Gradient[0], q["dE/dw10"], 14); // w10: layer 2, unit 1, input 1 (9 weights in layer 1)
        Assert.Equal(w.Values[0] - 0.3 * w.Gradient[0], q["w10+"], 14);
        Assert.Equal(network.Layers[0].BiasParameter!.Gradient[2], q["dE/db_h3"], 14);
        Assert.Equal(workspace.Net(0)[1, 2], q["net_h3[2]"], 14);

        Trainer.Train(network, x, t, new TrainingOptions { Objective = objective, LearningRate = 0.3, Epochs = 1 });
        Assert.Equal(objective.Value(network, x, t), q["E_total_after"], 14);
    }

    [Fact]
    public void Explaining_leaves_the_callers_network_unchanged()
    {
        var scenario = new MazurExample().Scenario;
        Explain(scenario);
        Assert.Equal(0.15, scenario.Network.Layers[0].Weights[0, 0]);
    }

    [Fact]
    public void Several_steps_explain_the_last_and_tabulate_the_error()
    {
        var s = new MazurExample().Scenario;
        var explanation = Explainer.Explain(s.Network, s.Inputs, s.Targets,
            new ExplainOptions { Objective = s.Objective, LearningRate = 0.5, Steps = 20 });
        Assert.Equal(10, explanation.ErrorHistory.Count);
        Assert.Equal(0, explanation.ErrorHistory[0].Step);
        Assert.Equal(0.298371109, explanation.ErrorHistory[0].Error, 9);
        Assert.Equal(20, explanation.ErrorHistory[^1].Step);
        Assert.Equal(explanation.Quantities["E_total_after"], explanation.ErrorHistory[^1].Error);
        var train = s.Network.Clone();
        Trainer.Train(train, s.Inputs, s.Targets, MazurExample.Options(19));
        Assert.Equal(MazurExample.Options(1).Objective.Value(train, s.Inputs, s.Targets), explanation.Quantities["E_total"], 14);
    }

    [Fact]
    public void Large_networks_are_refused_with_a_way_to_see_a_part()
    {
        var network = Network<double>.Create(20, [new LayerSpec(10, "relu"), new LayerSpec(2, "sigmoid")], seed: 1);
        var x = new Matrix<double>(1, 20);
        var t = new Matrix<double>(1, 2);
        var options = new ExplainOptions { Objective = new Objective(new SquaredError()), LearningRate = 0.1 };
        var e = Assert.Throws<Backprop.Diagnostics.BackpropException>(() => Explainer.Explain(network, x, t, options));
        // 20·10 + 10·2 = 220 weights, 100 shown at most: the message names the C# settings that show a part.
        Assert.Equal("the network has 220 weights to show and explain shows at most 100: pick one layer with ExplainOptions.Layer = N "
            + "(weights per layer: 1: 200, 2: 20) and one sample with ExplainOptions.Sample = K", e.Message);
        var second = Explainer.Explain(network, x, t, options with { Layer = 2 });
        Assert.Contains("dE/dw201", second.Quantities.Keys);
        Assert.DoesNotContain("dE/dw1", second.Quantities.Keys);
    }

    [Fact]
    public void A_sample_of_the_batch_is_explained_as_that_row_alone()
    {
        var s = new MazurExample().Scenario;
        // A batch of three rows: Mazur's sample is the second.
        var x = new Matrix<double>(3, 2, [0.9, 0.1, s.Inputs[0, 0], s.Inputs[0, 1], 0.3, 0.7]);
        var t = new Matrix<double>(3, 2, [0.5, 0.5, s.Targets[0, 0], s.Targets[0, 1], 0.2, 0.8]);
        var options = new ExplainOptions { Objective = s.Objective, LearningRate = s.LearningRate };
        Assert.Equal(Explain(s).Quantities, Explainer.Explain(s.Network, x, t, options with { Sample = 2 }).Quantities);
    }

    [Theory]
    [InlineData(0, null, 1, "ExplainOptions.Steps must be at least 1, not 0")]
    [InlineData(1, 3, 1, "ExplainOptions.Layer must be between 1 and 2, not 3")]
    [InlineData(1, null, 10, "ExplainOptions.Sample must be between 1 and 9, not 10")]
    [InlineData(1, null, null, "explain shows one step on at most 8 samples and the data has 9: pick one with ExplainOptions.Sample = K (1 to 9) " +
        "or a mini-batch with ExplainOptions.BatchSize = N (1 to 8)")]
    public void Settings_out_of_range_are_named_as_ExplainOptions(int steps, int? layer, int? sample, string expected)
    {
        var s = new MazurExample().Scenario;
        var (x, t) = (new Matrix<double>(9, 2), new Matrix<double>(9, 2));
        var options = new ExplainOptions { Objective = s.Objective, LearningRate = s.LearningRate, Steps = steps, Layer = layer, Sample = sample };
        var e = Assert.Throws<Backprop.Diagnostics.BackpropException>(() => Explainer.Explain(s.Network, x, t, options));
        Assert.Equal(expected, e.Message);
    }
}

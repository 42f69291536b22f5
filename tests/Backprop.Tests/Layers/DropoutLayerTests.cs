using Backprop.Diagnostics;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Optimizers;
using Backprop.Serialization;
using Backprop.Tensors;
using Backprop.Training;
using Backprop.Training.Gradients;
using Backprop.Training.Solvers;

namespace Backprop.Tests.Layers;

public class DropoutLayerTests
{
    private static Matrix<double> Random(int rows, int columns, ulong seed)
    {
        var rng = new Backprop.Initialization.Rng(seed, 5);
        var m = new Matrix<double>(rows, columns);
        for (int i = 0; i < m.Span.Length; i++) m.Span[i] = rng.NextGaussian();
        return m;
    }

    private static Network<double> DropoutNetwork(double rate = 0.5) => Network<double>.Create(3,
        [new LayerSpec(5, "tanh") { Dropout = rate }, new LayerSpec(4, "sigmoid") { Dropout = rate }, new LayerSpec(2, "identity")], seed: 4);

    [Fact]
    public void A_training_pass_keeps_each_value_with_probability_one_minus_p_scaled_by_its_inverse_and_inference_passes_it_through()
    {
        var layer = new DropoutLayer<double>(100, 0.3, position: 1);
        var x = Random(200, 100, 1);
        var mask = new Matrix<double>(200, 100);
        var y = new Matrix<double>(200, 100);
        layer.Forward(x, mask, y, ForwardPass.Train(seed: 7, step: 0));
        int dropped = 0;
        for (int i = 0; i < x.Span.Length; i++)
        {
            if (mask.Span[i] == 0) { dropped++; Assert.Equal(0, y.Span[i]); }
            else { Assert.Equal(1 / 0.7, mask.Span[i]); Assert.Equal(x.Span[i] * (1 / 0.7), y.Span[i]); }
        }
        // 20,000 draws of p = 0.3: the share is within 4 standard deviations (0.0032 each) of 0.3.
        Assert.InRange(dropped / 20000.0, 0.3 - 0.013, 0.3 + 0.013);

        layer.Forward(x, mask, y, ForwardPass.Inference);
        Assert.Equal(x.Span.ToArray(), y.Span.ToArray());
    }

    [Fact]
    public void The_mask_is_a_function_of_seed_step_and_position_only()
    {
        var x = Random(8, 50, 2);
        double[] Mask(ulong seed, long step, int position)
        {
            var mask = new Matrix<double>(8, 50);
            new DropoutLayer<double>(50, 0.5, position).Forward(x, mask, new Matrix<double>(8, 50), ForwardPass.Train(seed, step));
            return mask.Span.ToArray();
        }
        Assert.Equal(Mask(3, 10, 1), Mask(3, 10, 1));
        Assert.NotEqual(Mask(3, 10, 1), Mask(3, 11, 1));
        Assert.NotEqual(Mask(3, 10, 1), Mask(4, 10, 1));
        Assert.NotEqual(Mask(3, 10, 1), Mask(3, 10, 3));
    }

    [Fact]
    public void A_network_with_dropout_computes_the_dense_layers_on_the_masked_values()
    {
        var network = Network<double>.Create(3, [new LayerSpec(4, "tanh") { Dropout = 0.5 }, new LayerSpec(2, "identity")], seed: 2);
        var x = Random(6, 3, 3);
        var workspace = new Workspace<double>(network, 6) { Pass = ForwardPass.Train(1, 5) };
        var y = workspace.Forward(x);
        var mask = workspace.LayerNet(1);
        var (w1, b1, w2, b2) = (network.Layers[0].Weights, network.Layers[0].Bias.ToArray(), network.Layers[1].Weights,
            network.Layers[1].Bias.ToArray());
        Assert.Contains(0.0, mask.Span.ToArray()); // something was dropped
        for (int s = 0; s < 6; s++)
        {
            var h = new double[4];
            for (int j = 0; j < 4; j++)
            {
                double net = b1[j];
                for (int i = 0; i < 3; i++) net += w1[j, i] * x[s, i];
                h[j] = Math.Tanh(net) * mask[s, j];
            }
            for (int k = 0; k < 2; k++)
            {
                double o = b2[k];
                for (int j = 0; j < 4; j++) o += w2[k, j] * h[j];
                Assert.Equal(o, y[s, k], 12);
            }
        }
    }

    [Fact]
    public void Gradients_through_a_fixed_dropout_mask_match_finite_differences()
    {
        var network = DropoutNetwork();
        var x = Random(7, 3, 4);
        var t = Random(7, 2, 5);
        var objective = new Objective(new SquaredError(), Reduction.Mean, L2: 0.01);
        var pass = ForwardPass.Train(seed: 11, step: 3);
        var report = GradientCheck.Run(network, x, t, objective, pass: pass);
        Assert.All(report.Parameters, p => Assert.True(p.RelativeDifference < 1e-7, $"{p.Name}: {p.RelativeDifference}"));
        Assert.Equal(network.Parameters.Sum(p => p.Length), report.Parameters.Sum(p => p.Checked + p.SkippedAtKinks));

        // The mask changes the gradient: the same check at inference differs from it.
        var trained = network.Parameters.Select(p => (double[])p.Gradient.Clone()).ToArray();
        objective.Evaluate(network, new Workspace<double>(network, 7), x, t, computeGradient: true);
        Assert.NotEqual(trained[0], network.Parameters[0].Gradient);
        Assert.True(GradientCheck.Run(network, x, t, objective).Passed);
    }

    private static TrainingOptions Options(TrainingCheckpoint? resume = null) => new()
    {
        Objective = new Objective(new SquaredError(), Reduction.Mean),
        Optimizer = new Adam(), LearningRate = 0.01, Epochs = 6, BatchSize = 4, Seed = 5, Resume = resume,
    };

    private static double[] Weights(Network<double> n) => n.Parameters.SelectMany(p => p.Values).ToArray();

    [Fact]
    public void Dropout_changes_training_and_a_resumed_run_ends_with_the_same_bits_as_a_straight_one()
    {
        var x = Random(18, 3, 6);
        var t = Random(18, 2, 7);
        var straight = DropoutNetwork(0.3);
        Trainer.Train(straight, x, t, Options());

        var without = DropoutNetwork(0);
        Trainer.Train(without, x, t, Options());
        Assert.NotEqual(Weights(without), Weights(straight));

        // Stopped inside epoch 3 (after its second batch), then continued from the checkpoint.
        var interrupted = DropoutNetwork(0.3);
        using var cancel = new CancellationTokenSource();
        var first = Trainer.Train(interrupted, x, t,
            Options() with { OnBatch = (epoch, batch, _) => { if (epoch == 3 && batch == 2) cancel.Cancel(); } },
            cancellationToken: cancel.Token);
        Assert.Equal(StopReason.Cancelled, first.StopReason);
        Assert.Equal(2, first.Checkpoint!.NextBatch);
        var resumed = DropoutNetwork(0.3);
        resumed.CopyParametersFrom(interrupted);
        Trainer.Train(resumed, x, t, Options(first.Checkpoint));
        Assert.Equal(Weights(straight), Weights(resumed));
    }

    [Fact]
    public void A_dropout_network_saves_and_loads_with_its_layer_kinds_and_predicts_the_same_bits()
    {
        var network = DropoutNetwork(0.25);
        string json = ModelFile.ToJson(ModelDocument.FromNetwork(network));
        Assert.Contains("\"kind\": \"dropout\"", json);
        Assert.Contains("\"rate\": 0.25", json);
        var loaded = ModelFile.Parse(System.Text.Encoding.UTF8.GetBytes(json), "m.json").ToNetwork<double>();
        Assert.Equal(["dense", "dropout", "dense", "dropout", "dense"], loaded.AllLayers.Select(l => l.Kind));
        Assert.Equal(0.25, ((DropoutLayer<double>)loaded.AllLayers[3]).Rate);
        var x = Random(5, 3, 8);
        Assert.Equal(network.Predict(x).Span.ToArray(), loaded.Predict(x).Span.ToArray());
        Assert.Equal(ModelFile.ToJson(ModelDocument.FromNetwork(network)), ModelFile.ToJson(ModelDocument.FromNetwork(loaded)));
        // Prediction is inference: dropout passes values through, so the dense layers alone give the outputs.
        var dense = Network<double>.Create(3, [new LayerSpec(5, "tanh"), new LayerSpec(4, "sigmoid"), new LayerSpec(2, "identity")], seed: 4);
        Assert.Equal(dense.Predict(x).Span.ToArray(), network.Predict(x).Span.ToArray());
    }

    [Theory]
    [InlineData("{\"kind\": \"dropout\", \"rate\": 1}", "m.json:layers[1].rate: a dropout rate is at least 0 and below 1, not 1")]
    [InlineData("{\"kind\": \"dropout\"}", "m.json:layers[1].rate: the \"rate\" field is missing")]
    [InlineData("{\"kind\": \"dropout\", \"rate\": 0.1, \"units\": 3}",
        "m.json:layers[1].units: a dropout layer passes its 2 inputs through, so it has 2 units, not 3")]
    [InlineData("{\"kind\": \"conv\"}", "m.json:layers[1].kind: unknown layer kind \"conv\" (expected dense or dropout)")]
    public void A_bad_dropout_entry_is_refused_naming_its_place(string entry, string message)
    {
        string json = "{\"format\": \"backprop.mlp\", \"version\": 1, \"inputs\": 1, \"layers\": [{\"units\": 2, \"activation\": \"tanh\", " +
            "\"weights\": [[1], [2]]}, "
            + entry + ", {\"units\": 1, \"activation\": \"identity\", \"weights\": [[1, 1]]}]}";
        var e = Assert.Throws<ModelFormatException>(() => ModelFile.Parse(System.Text.Encoding.UTF8.GetBytes(json), "m.json"));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Dropout_as_the_output_layer_is_refused()
    {
        string json = "{\"format\": \"backprop.mlp\", \"version\": 1, \"inputs\": 1, \"layers\": [{\"units\": 2, \"activation\": \"tanh\", " +
            "\"weights\": [[1], [2]]}, {\"kind\": \"dropout\", \"rate\": 0.5}]}";
        var e = Assert.Throws<ModelFormatException>(() => ModelFile.Parse(System.Text.Encoding.UTF8.GetBytes(json), "m.json"));
        Assert.Equal("m.json:layers[1].kind: the output layer is dropout; the last layer must be dense", e.Message);
    }

    [Fact]
    public void A_full_batch_solver_refuses_dropout()
    {
        var e = Assert.Throws<TrainingException>(() => Trainer.Train(DropoutNetwork(), Random(6, 3, 1), Random(6, 2, 2),
            new TrainingOptions { Solver = FullBatchSolver.Find("lbfgs") }));
        Assert.StartsWith("dropout does not apply to lbfgs", e.Message);
    }
}

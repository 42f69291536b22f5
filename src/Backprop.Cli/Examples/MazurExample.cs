using Backprop.Explain;
using Backprop.Activations;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Cli.Examples;

/// <summary>
/// Seed 001, Matt Mazur's step-by-step example: a 2-2-2 sigmoid network with fixed biases b1 = 0.35 and
/// b2 = 0.60, one sample (0.05, 0.10) → (0.01, 0.99), squared error summed, η = 0.5.
/// </summary>
internal sealed partial class MazurExample : IExample, IExplainable
{
    public const int LongRun = 10_000;

    public string Name => "mazur";
    public string Title => "Mazur's 2-2-2 step-by-step example: one update, then 10,000";

    /// <summary>The numbers of the example: forward pass, the eight updated weights, the error after 1 and after 10,000 updates.</summary>
    public sealed record Result(
        double NetH1, double OutH1, double OutH2, double NetO1, double OutO1, double OutO2,
        double ErrorO1, double ErrorO2, double ErrorBefore,
        double[] UpdatedWeights, double ErrorAfterOne, double ErrorAfterLongRun, double[] OutputsAfterLongRun);

    public static Network<double> BuildNetwork()
    {
        var hidden = new DenseLayer<double>(2, 2, new Sigmoid(), BiasMode.Frozen, 0)
            .SetWeights(new[,] { { 0.15, 0.20 }, { 0.25, 0.30 } }) // w1 w2 into h1; w3 w4 into h2
            .SetBias(0.35);                                         // b1
        var output = new DenseLayer<double>(2, 2, new Sigmoid(), BiasMode.Frozen, 1)
            .SetWeights(new[,] { { 0.40, 0.45 }, { 0.50, 0.55 } }) // w5 w6 into o1; w7 w8 into o2
            .SetBias(0.60);                                         // b2
        return new Network<double>(2, [hidden, output]);
    }

    public static Matrix<double> Inputs => Matrix<double>.FromArray(new[,] { { 0.05, 0.10 } });
    public static Matrix<double> Targets => Matrix<double>.FromArray(new[,] { { 0.01, 0.99 } });
    public static TrainingOptions Options(int epochs) => new()
    {
        Objective = new Objective(new SquaredError(), Reduction.Sum),
        LearningRate = 0.5,
        Epochs = epochs,
    };

    /// <summary>The post's walk-through, figure by figure (the post's own numbers, including its wrong total after the update).</summary>
    public ExplainScenario Scenario => new("Mazur's step-by-step backpropagation example", BuildNetwork(), Inputs, Targets, Options(1).Objective, 0.5,
        new Dictionary<string, DocumentNote>
        {
            ["net_h1"] = new("0.3775"),
            ["out_h1"] = new("0.593269992"),
            ["out_h2"] = new("0.596884378"),
            ["net_o1"] = new("1.105905967"),
            ["out_o1"] = new("0.75136507"),
            ["out_o2"] = new("0.772928465"),
            ["E_o1"] = new("0.274811083"),
            ["E_o2"] = new("0.023560026"),
            ["E_total"] = new("0.298371109"),
            ["dE/dout_o1"] = new("0.74136507"),
            ["dout_o1/dnet_o1"] = new("0.186815602"),
            ["delta_o1"] = new("0.138498562"),
            ["dE/dw5"] = new("0.082167041"),
            ["w5+"] = new("0.35891648"),
            ["w6+"] = new("0.408666186"),
            ["w7+"] = new("0.511301270"),
            ["w8+"] = new("0.561370121"),
            ["dE/dout_h1"] = new("0.036350306"),
            ["dout_h1/dnet_h1"] = new("0.241300709"),
            ["dE/dw1"] = new("0.000438568"),
            ["w1+"] = new("0.149780716"),
            ["w2+"] = new("0.19956143"),
            ["w3+"] = new("0.24975114"),
            ["w4+"] = new("0.29950229"),
            ["E_total_after"] = new("0.291027924",
                Remark: "the post's code updated w5…w8 before computing the hidden deltas (the erratum below shows how)"),
        }) { Errata = Errata };

    public static Result Compute()
    {
        var network = BuildNetwork();
        var workspace = new Workspace<double>(network, 1);
        var objective = Options(1).Objective;
        double before = objective.Evaluate(network, workspace, Inputs, Targets, computeGradient: false);
        var outputs = workspace.Output(1);
        double e1 = 0.5 * Math.Pow(0.01 - outputs[0, 0], 2), e2 = 0.5 * Math.Pow(0.99 - outputs[0, 1], 2);
        var forward = (workspace.Net(0)[0, 0], workspace.Output(0)[0, 0], workspace.Output(0)[0, 1], workspace.Net(1)[0, 0], outputs[0, 0],
            outputs[0, 1]);

        Trainer.Train(network, Inputs, Targets, Options(1));
        double[] updated = [.. network.Layers[0].Weights.Span, .. network.Layers[1].Weights.Span];
        double afterOne = objective.Value(network, Inputs, Targets);
        Trainer.Train(network, Inputs, Targets, Options(LongRun - 1));
        double afterLong = objective.Value(network, Inputs, Targets);
        var finalOutputs = network.Predict(Inputs);

        return new Result(forward.Item1, forward.Item2, forward.Item3, forward.Item4, forward.Item5, forward.Item6,
            e1, e2, before, updated, afterOne, afterLong, [finalOutputs[0, 0], finalOutputs[0, 1]]);
    }

    public int Run(TextWriter output)
    {
        var r = Compute();
        output.WriteLine(Title);
        output.WriteLine("network 2-2-2, sigmoid, biases b1 = 0.35 and b2 = 0.60 kept fixed; inputs (0.05, 0.10), targets (0.01, 0.99); " +
            $"{LossWords.Formula("squared", "sum")}; η = 0.5");
        output.WriteLine();
        output.WriteLine("forward pass");
        output.WriteLine(DocumentFigure.Line("net_h1", r.NetH1, null));
        output.WriteLine(DocumentFigure.Line("out_h1", r.OutH1, null));
        output.WriteLine(DocumentFigure.Line("out_h2", r.OutH2, null));
        output.WriteLine(DocumentFigure.Line("net_o1", r.NetO1, null));
        output.WriteLine(DocumentFigure.Line("out_o1", r.OutO1, null));
        output.WriteLine(DocumentFigure.Line("out_o2", r.OutO2, null));
        output.WriteLine(DocumentFigure.Line("E_o1", r.ErrorO1, null));
        output.WriteLine(DocumentFigure.Line("E_o2", r.ErrorO2, null));
        output.WriteLine(DocumentFigure.Line("E_total", r.ErrorBefore, "0.298371109"));
        output.WriteLine();
        output.WriteLine("after one update (all eight weights from the same forward pass)");
        string[] post = ["0.149780716", "0.19956143", "0.24975114", "0.29950229", "0.35891648", "0.408666186", "0.511301270", "0.561370121"];
        for (int k = 0; k < 8; k++) output.WriteLine(DocumentFigure.Line($"w{k + 1}", r.UpdatedWeights[k], post[k]));
        output.WriteLine(DocumentFigure.Line("E_total after 1 update", r.ErrorAfterOne, "0.291027924"));
        output.WriteLine();
        output.WriteLine($"after {LongRun:N0} updates");
        output.WriteLine(DocumentFigure.Line("E_total", r.ErrorAfterLongRun, "0.000035085"));
        output.WriteLine(DocumentFigure.Line("out_o1", r.OutputsAfterLongRun[0], "0.015912196"));
        output.WriteLine(DocumentFigure.Line("out_o2", r.OutputsAfterLongRun[1], "0.984065734"));
        output.WriteLine();
        output.WriteLine("The post's totals after 1 and 10,000 updates do not follow from its own formulas. They are what you get");
        output.WriteLine("when w5…w8 are updated before the hidden deltas are computed, so that δ_h uses the new output weights,");
        output.WriteLine("contrary to the post's \"we use the original weights\". See docs/worked-examples.md.");
        return 0;
    }
}

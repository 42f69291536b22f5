using Backprop.Explain;
using Backprop.Activations;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Cli.Examples;

/// <summary>
/// Seed 002's worked example: a 2-2-1 sigmoid network without bias, inputs (0.35, 0.7), target 0.5, η = 1.
/// The document's weight w_{i,j} runs from node i to node j: w11, w21 feed h1; w12, w22 feed h2; w13, w23 feed O3.
/// Its δ is (target − y)·f′, the opposite sign of ∂E/∂net, and its update is w += η·δ·input.
/// </summary>
internal sealed partial class GfgExample : IExample, IExplainable
{
    public string Name => "gfg";
    public string Title => "The GeeksforGeeks 2-2-1 worked example (no bias, target 0.5, η = 1), with its errata";

    public sealed record Result(
        double A1, double Y3, double A2, double Y4, double A3, double Y5, double Error,
        double Delta5, double Delta3, double Delta4, double ChangeW23, double ChangeW11,
        double W11, double W21, double W12, double W22, double W13, double W23,
        double Y3After, double Y4After, double Y5After, double ErrorAfter);

    public static Network<double> BuildNetwork() => new(2,
    [
        new DenseLayer<double>(2, 2, new Sigmoid(), BiasMode.None, 0).SetWeights(new[,] { { 0.2, 0.2 }, { 0.3, 0.3 } }), // h1: w11 w21; h2: w12 w22
        new DenseLayer<double>(2, 1, new Sigmoid(), BiasMode.None, 1).SetWeights(new[,] { { 0.3, 0.9 } }),              // O3: w13 w23
    ]);

    public static Matrix<double> Inputs => Matrix<double>.FromArray(new[,] { { 0.35, 0.7 } });
    public static Matrix<double> Targets => Matrix<double>.FromArray(new[,] { { 0.5 } });
    public static TrainingOptions Options => new() { Objective = new Objective(new SquaredError(), Reduction.Sum), LearningRate = 1.0, Epochs = 1 };

    /// <summary>The document's walk-through; its δ has the opposite sign of ∂E/∂net and its weights are named w_from,to.</summary>
    public ExplainScenario Scenario => new("The GeeksforGeeks 2-2-1 worked example", BuildNetwork(), Inputs, Targets, Options.Objective, 1.0,
        new Dictionary<string, DocumentNote>
        {
            ["net_h1"] = new("0.21", "a1"),
            ["out_h1"] = new("0.56", "y3", Remark: "σ(0.21) rounds to 0.55"),
            ["net_h2"] = new("0.315", "a2"),
            ["out_h2"] = new("0.59", "y4", Remark: "σ(0.315) rounds to 0.58"),
            ["net_o1"] = new("0.702", "a3", Remark: Notes["a3"]),
            ["out_o1"] = new("0.67", "y5", Remark: Notes["y5"]),
            ["delta_o1"] = new("-0.0376", "δ5", -1, "from the rounded 0.67 and -0.17"),
            ["delta_h1"] = new("-0.0027", "δ3", -1),
            ["delta_h2"] = new("-0.0819", "δ4", -1, "ten times too large"),
            ["w1+"] = new("0.200945", "w11", Remark: "its Δw11 lost its minus sign"),
            ["w2+"] = new("0.269445", "w21", Remark: Notes["w21"]),
            ["w3+"] = new("0.273225", "w12", Remark: Notes["w12"]),
            ["w4+"] = new("0.18534", "w22", Remark: Notes["w22"]),
            ["w5+"] = new("0.086615", "w13", Remark: Notes["w13"]),
            ["w6+"] = new("0.877816", "w23", Remark: Notes["w23"]),
            ["out_h1_after"] = new("0.57", "y3", Remark: Notes["y3 after"]),
            ["out_h2_after"] = new("0.56", "y4", Remark: Notes["y4 after"]),
            ["out_o1_after"] = new("0.61", "y5", Remark: Notes["y5 after"]),
        }) { Errata = Errata };

    public static Result Compute()
    {
        var network = BuildNetwork();
        var workspace = new Workspace<double>(network, 1);
        Options.Objective.Evaluate(network, workspace, Inputs, Targets, computeGradient: true);
        var (net0, out0, net1, out1) = (workspace.Net(0), workspace.Output(0), workspace.Net(1), workspace.Output(1));
        // The document's δ = −∂E/∂net.
        double d5 = -workspace.Delta(1)[0, 0], d3 = -workspace.Delta(0)[0, 0], d4 = -workspace.Delta(0)[0, 1];
        double changeW23 = -Options.LearningRate * network.Layers[1].WeightParameter.Gradient[1];
        double changeW11 = -Options.LearningRate * network.Layers[0].WeightParameter.Gradient[0];
        var before = (net0[0, 0], out0[0, 0], net0[0, 1], out0[0, 1], net1[0, 0], out1[0, 0]);

        Trainer.Train(network, Inputs, Targets, Options);
        var hidden = network.Layers[0].Weights;
        var top = network.Layers[1].Weights;
        var after = new Workspace<double>(network, 1);
        after.Forward(Inputs);
        return new Result(before.Item1, before.Item2, before.Item3, before.Item4, before.Item5, before.Item6, 0.5 - before.Item6,
            d5, d3, d4, changeW23, changeW11,
            hidden[0, 0], hidden[0, 1], hidden[1, 0], hidden[1, 1], top[0, 0], top[0, 1],
            after.Output(0)[0, 0], after.Output(0)[0, 1], after.Output(1)[0, 0], 0.5 - after.Output(1)[0, 0]);
    }

    public int Run(TextWriter output)
    {
        var r = Compute();
        static string L(string q, double v, string? doc, string? note = null) => DocumentFigure.Line(q, v, doc, "F10", note);
        output.WriteLine(Title);
        output.WriteLine("inputs x1 = 0.35, x2 = 0.7; w11 = w21 = 0.2 (into h1), w12 = w22 = 0.3 (into h2), w13 = 0.3, w23 = 0.9 (into O3)");
        output.WriteLine("δ as the document writes it: (target - y)·y(1 - y); update w ← w + η·δ·input");
        output.WriteLine();
        output.WriteLine("forward pass");
        output.WriteLine(L("a1 = 0.2·0.35 + 0.2·0.7", r.A1, "0.21"));
        output.WriteLine(L("y3 = σ(a1)", r.Y3, "0.56", "σ(0.21) rounds to 0.55"));
        output.WriteLine(L("a2 = 0.3·0.35 + 0.3·0.7", r.A2, "0.315"));
        output.WriteLine(L("y4 = σ(a2)", r.Y4, "0.59", "σ(0.315) rounds to 0.58"));
        output.WriteLine(L("a3 = 0.3·y3 + 0.9·y4", r.A3, "0.702", Notes["a3"]));
        output.WriteLine(L("y5 = σ(a3)", r.Y5, "0.67", Notes["y5"]));
        output.WriteLine(L("error = 0.5 - y5", r.Error, "-0.17"));
        output.WriteLine();
        output.WriteLine("backward pass");
        output.WriteLine(L("δ5 = y5(1-y5)(t-y5)", r.Delta5, "-0.0376", "from the rounded 0.67 and -0.17"));
        output.WriteLine(L("δ3 = y3(1-y3)·w13·δ5", r.Delta3, "-0.0027"));
        output.WriteLine(L("δ4 = y4(1-y4)·w23·δ5", r.Delta4, "-0.0819", "the document's product is ten times too large"));
        output.WriteLine(L("Δw23 = η·δ5·y4", r.ChangeW23, "-0.022184", Notes["Δw23"]));
        output.WriteLine(L("Δw11 = η·δ3·x1", r.ChangeW11, "0.000945", "the document dropped the minus sign"));
        output.WriteLine();
        output.WriteLine("updated weights");
        output.WriteLine(L("w11", r.W11, "0.200945", Notes["w11"]));
        output.WriteLine(L("w21", r.W21, "0.269445", Notes["w21"]));
        output.WriteLine(L("w12", r.W12, "0.273225", Notes["w12"]));
        output.WriteLine(L("w22", r.W22, "0.18534", Notes["w22"]));
        output.WriteLine(L("w13", r.W13, "0.086615", Notes["w13"]));
        output.WriteLine(L("w23", r.W23, "0.877816", Notes["w23"]));
        output.WriteLine();
        output.WriteLine("forward pass with the updated weights");
        output.WriteLine(L("y3", r.Y3After, "0.57", Notes["y3 after"]));
        output.WriteLine(L("y4", r.Y4After, "0.56", Notes["y4 after"]));
        output.WriteLine(L("y5", r.Y5After, "0.61", Notes["y5 after"]));
        output.WriteLine(L("error = 0.5 - y5", r.ErrorAfter, "-0.11", Notes["error after"]));
        output.WriteLine();
        output.WriteLine("Figures marked ✗ are errata of the document; the note in brackets says where each came from.");
        WriteErrata(output);
        return 0;
    }
}

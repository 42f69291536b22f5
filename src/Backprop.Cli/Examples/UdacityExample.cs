using Backprop.Explain;
using System.Globalization;
using Backprop.Activations;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Cli.Examples;

/// <summary>
/// Seed 003's first example: a 3-2-1 sigmoid network without bias, x = (0.5, 0.1, −0.2), target 0.6, η = 0.5;
/// it prints the weight changes −η·∂E/∂w of one step in the seed's layout (inputs down, hidden units across).
/// </summary>
internal sealed class UdacityExample : IExample, IExplainable
{
    public string Name => "udacity";
    public string Title => "The Udacity lesson's 3-2-1 weight-change example (no bias, target 0.6, η = 0.5)";

    /// <summary>Weight changes: hidden→output (2) and input→hidden (3 inputs × 2 hidden units, the seed's layout).</summary>
    public sealed record Result(double Output, double[] HiddenToOutput, double[,] InputToHidden);

    public static Network<double> BuildNetwork() => new(3,
    [
        // The seed's weights_input_hidden is inputs × hidden; a layer stores units × inputs, its transpose.
        new DenseLayer<double>(3, 2, new Sigmoid(), BiasMode.None, 0).SetWeights(new[,] { { 0.5, 0.1, 0.1 }, { -0.6, -0.2, 0.7 } }),
        new DenseLayer<double>(2, 1, new Sigmoid(), BiasMode.None, 1).SetWeights(new[,] { { 0.1, -0.3 } }),
    ]);

    private static DocumentNote Change(string printed, string name) => new(printed, name, -0.5, "the seed prints Δw = -η·∂E/∂w");

    /// <summary>The seed's weight changes, attached to the gradients they come from (Δw = −η·∂E/∂w).</summary>
    public ExplainScenario Scenario => new("The Udacity lesson's 3-2-1 weight-change example", BuildNetwork(),
        Matrix<double>.FromArray(new[,] { { 0.5, 0.1, -0.2 } }), Matrix<double>.FromArray(new[,] { { 0.6 } }),
        new Objective(new SquaredError(), Reduction.Sum), 0.5,
        new Dictionary<string, DocumentNote>
        {
            ["dE/dw1"] = Change("1.77005547e-04", "Δw(x1→h1)"),
            ["dE/dw2"] = Change("3.54011093e-05", "Δw(x2→h1)"),
            ["dE/dw3"] = Change("-7.08022187e-05", "Δw(x3→h1)"),
            ["dE/dw4"] = Change("-5.11178506e-04", "Δw(x1→h2)"),
            ["dE/dw5"] = Change("-1.02235701e-04", "Δw(x2→h2)"),
            ["dE/dw6"] = Change("2.04471402e-04", "Δw(x3→h2)"),
            ["dE/dw7"] = Change("0.00804047", "Δw(h1→o)"),
            ["dE/dw8"] = Change("0.00555918", "Δw(h2→o)"),
        });

    public static Result Compute()
    {
        const double learningRate = 0.5;
        var network = BuildNetwork();
        var inputs = Matrix<double>.FromArray(new[,] { { 0.5, 0.1, -0.2 } });
        var targets = Matrix<double>.FromArray(new[,] { { 0.6 } });
        var workspace = new Workspace<double>(network, 1);
        new Objective(new SquaredError(), Reduction.Sum).Evaluate(network, workspace, inputs, targets, computeGradient: true);
        var top = network.Layers[1].WeightParameter.Gradient;
        var hidden = network.Layers[0].Weights;
        var hiddenGradient = network.Layers[0].WeightParameter.Gradient;
        var inputToHidden = new double[3, 2];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 2; j++) inputToHidden[i, j] = -learningRate * hiddenGradient[j * hidden.Columns + i];
        return new Result(workspace.Output(1)[0, 0], [-learningRate * top[0], -learningRate * top[1]], inputToHidden);
    }

    public int Run(TextWriter output)
    {
        var r = Compute();
        output.WriteLine(Title);
        output.WriteLine($"output = {r.Output.ToString("F10", CultureInfo.InvariantCulture)}");
        output.WriteLine("change in weights, hidden layer to output layer (-η·∂E/∂w):");
        string[] top = ["0.00804047", "0.00555918"];
        for (int j = 0; j < 2; j++) output.WriteLine(DocumentFigure.Line($"h{j + 1} → o", r.HiddenToOutput[j], top[j], "0.00000000e+00"));
        output.WriteLine("change in weights, input layer to hidden layer (the seed's layout: row = input, column = hidden unit):");
        string[,] document = { { "1.77005547e-04", "-5.11178506e-04" }, { "3.54011093e-05", "-1.02235701e-04" },
            { "-7.08022187e-05", "2.04471402e-04" } };
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 2; j++)
                output.WriteLine(DocumentFigure.Line($"x{i + 1} → h{j + 1}", r.InputToHidden[i, j], document[i, j], "0.00000000e+00"));
        return 0;
    }
}

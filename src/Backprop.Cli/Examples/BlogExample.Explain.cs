using System.Globalization;
using Backprop.Activations;
using Backprop.Explain;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Cli.Examples;

/// <summary>
/// Seed 000's backward pass on its first input. The blog prints <c>theta_in_j[0]</c>, which depends on x[0], its initial
/// weights and the two random constants of its targets only; the constants are recovered from that printed row.
/// </summary>
internal sealed partial class BlogExample
{
    /// <summary>c₁ and c₂ of the blog's targets y = σ(σ(x) + c₁) + c₂, recovered from its printed <c>theta_in_j[0]</c>
    /// (the buggy code's value; numpy's fsolve gives 0.0517442949, 0.0052787349, both inside random.random()*0.1's [0, 0.1)).</summary>
    public const double C1 = 0.05174429, C2 = 0.00527873;

    /// <summary>The blog's printed <c>theta_in_j[0]</c>.</summary>
    public static readonly string[] PrintedThetaIn = ["-0.01210996", "0.00547047"];

    private const string Bug =
        "the blog's code computes theta_in_j = theta_k.dot(w[1:]); w[1:] is hidden × outputs (row j, column k), so this sums " +
        "θ_k·w_kj, the transposed weights, where Σ_k θ_k·w_jk (its own formula) is theta_k.dot(w[1:].T). The shapes fit only because " +
        "both layers have two units. Its printed theta_in_j[0] = (-0.01210996, 0.00547047) comes out only with the bug; the correct " +
        "values are (-0.00354534, -0.01202431), and every later number of its run (delta_j, the trained v) carries the bug.";

    private const string Constants =
        "where this step's targets come from: the blog's y = σ(σ(x) + c₁) + c₂ draws c₁ and c₂ from random.random()*0.1, unseeded. " +
        "Solving its printed theta_in_j[0] for them, with the code as written, gives c₁ = 0.05174429 and c₂ = 0.00527873, both inside " +
        "[0, 0.1) as they must be: that confirms the bug. With the code corrected no c₁ at all gives the printed row.";

    /// <summary>The blog's mistakes in its text and code, each beside the quantity it concerns.</summary>
    public static IReadOnlyList<Erratum> Errata { get; } =
    [
        new("the blog writes θ_k = (t_k - y_k)·f′; its code computes (y_pred - y_actual)·f′ = ∂E/∂net, as here", "delta_o1"),
        new("the blog writes δ_k = (t_k - y_k)·f′·y_in_k; a weight's gradient multiplies θ_k by the weight's input z_j, not by " +
            "y_in_k (its code does: z_bias.T.dot(theta_k))", "dE/dw5"),
        new(Bug, "dE/dout_h1"),
        new(Constants, "dE/dout_h2"),
        new("the blog writes w_new = w_old + Δw with Δw = α·δ·z, which would climb the error; its code subtracts, as here", "w1+"),
        new("the blog's stopping criterion reads \"difference in error … at least greater than 0.00001\"; its code stops when " +
            "|ΔRMSE| < 0.000001"),
        new("the second panel of the blog's scatter plot has its axis labels swapped (x-label \"Y2\", y-label \"X2\")"),
    ];

    /// <summary>x[0] and its targets σ(σ(x) + c₁) + c₂.</summary>
    public static (Matrix<double> X, Matrix<double> Y) FirstSample()
    {
        var sigmoid = new Sigmoid();
        double[] x = [0.17988842, 0.42611707];
        return (Matrix<double>.FromArray(new[,] { { x[0], x[1] } }),
            Matrix<double>.FromArray(new[,] { { sigmoid.Value(sigmoid.Value(x[0]) + C1) + C2, sigmoid.Value(sigmoid.Value(x[1]) + C1) + C2 } }));
    }

    /// <summary>One step on x[0] with the recovered targets, E = Σ½(t − y)², η = 0.1, with the blog's printed figures.</summary>
    public ExplainScenario Scenario
    {
        get
        {
            var (x, y) = FirstSample();
            return new ExplainScenario("The backpropagation blog's 2-2-2 network on its first input", BuildNetwork(), x, y,
                new Objective(new SquaredError(), Reduction.Sum), 0.1, new Dictionary<string, DocumentNote>
                {
                    ["net_h1"] = new("0.51344907", "Z_input[0][0]"),
                    ["net_h2"] = new("0.03594138", "Z_input[0][1]"),
                    ["out_h1"] = new("0.62561467", "z[0][0]"),
                    ["out_h2"] = new("0.50898438", "z[0][1]"),
                    ["net_o1"] = new("1.04963039", "Y_input[0][0]"),
                    ["net_o2"] = new("0.86981908", "Y_input[0][1]"),
                    ["out_o1"] = new("0.74070392", "y_pred[0][0]"),
                    ["out_o2"] = new("0.70470805", "y_pred[0][1]"),
                    ["dE/dout_h1"] = new(PrintedThetaIn[0], "theta_in_j[0][0]", Remark: "its code uses the transposed weights"),
                    ["dE/dout_h2"] = new(PrintedThetaIn[1], "theta_in_j[0][1]", Remark: "its code uses the transposed weights"),
                }) { InputNames = ["x1", "x2"], Errata = Errata };
        }
    }

    /// <summary>θ_in_j on x[0] as its formula Σ_k θ_k·w_jk gives it (correct) and as the blog's code computes it (transposed weights).</summary>
    public static (double[] Correct, double[] Blog) ThetaIn()
    {
        var network = BuildNetwork();
        var (x, y) = FirstSample();
        var workspace = new Workspace<double>(network, 1);
        new Objective(new SquaredError(), Reduction.Sum).Evaluate(network, workspace, x, y, computeGradient: true);
        var delta = workspace.Delta(1);
        var w = network.Layers[1].Weights; // w[k, j]: from hidden unit j to output k
        double[] correct = new double[2], blog = new double[2];
        for (int j = 0; j < 2; j++)
            for (int k = 0; k < 2; k++) { correct[j] += delta[0, k] * w[k, j]; blog[j] += delta[0, k] * w[j, k]; }
        return (correct, blog);
    }

    /// <summary>The backward-pass check and the errata, for <c>examples run blog</c>.</summary>
    private static void WriteBackwardCheck(TextWriter output)
    {
        var (correct, blog) = ThetaIn();
        output.WriteLine();
        output.WriteLine("backward pass of x[0]: θ_in_j = Σ_k θ_k·w_jk, with the targets recovered from the blog's printed row " +
            $"(c₁ = {C1.ToString(CultureInfo.InvariantCulture)}, c₂ = {C2.ToString(CultureInfo.InvariantCulture)})");
        for (int j = 0; j < 2; j++)
            output.WriteLine(DocumentFigure.Line($"theta_in_j[0][{j}]", correct[j], PrintedThetaIn[j], "F8"));
        for (int j = 0; j < 2; j++)
            output.WriteLine(DocumentFigure.Line($"  with w transposed [{j}]", blog[j], PrintedThetaIn[j], "F8", "the blog's code"));
        output.WriteLine();
        output.WriteLine("errata of the blog (`backprop explain blog` shows each beside its equation):");
        foreach (var erratum in Errata) output.WriteLine("  ✗ " + erratum.Text);
    }
}

using Backprop.Explain;

namespace Backprop.Cli.Examples;

/// <summary>Seed 002's slips in its formulas, beside the figures its table of errata marks.</summary>
internal sealed partial class GfgExample
{
    /// <summary>The document's mistakes in its formulas, each beside the quantity it concerns.</summary>
    public static IReadOnlyList<Erratum> Errata { get; } =
    [
        new("the document's error formula is \"MSE = (Predicted Output - Actual Output)²\", but its δ's are those of E = ½(target - y)², " +
            "which is the error used here", "E_total"),
        new("the document writes Δw_ij = η·δ_j·O_j; the weight from node i to node j changes by η·δ_j·O_i, the output of the node it " +
            "comes from (its own Δw23 = 1·(-0.0376)·0.59 does use y4 = O_i)", "dE/dw1"),
    ];

    /// <summary>Where the document's wrong figures came from, by the document's name for them.</summary>
    public static IReadOnlyDictionary<string, string> Notes { get; } = new Dictionary<string, string>
    {
        ["a3"] = "computed as 0.3·0.57 + 0.9·0.59: y3 appears as 0.57 here after 0.56 above",
        ["y5"] = "right to two places although a3 was wrong: σ(0.702) = 0.6686",
        ["Δw23"] = "consistent with its rounded δ5 and y4",
        ["w11"] = "0.2 + 0.000945: its Δw11 lost its minus sign",
        ["w21"] = "not derivable from any of the document's numbers",
        ["w12"] = "0.3 + 0.35·(-0.0765): matches neither its δ4 nor the correct one",
        ["w22"] = "0.3 + 0.7·(-0.1638): follows from neither δ4",
        ["w13"] = "not derivable from its numbers (0.3 - 0.0376·0.56 = 0.2789)",
        ["w23"] = "0.9 - 0.022184: follows from its rounded Δw23",
        ["y3 after"] = "the correct 0.5519 rounds to 0.55",
        ["y4 after"] = "the correct 0.5769 rounds to 0.58",
        ["y5 after"] = "the new output 0.6596 is still far from 0.5; 0.61 overstates one step's progress",
        ["error after"] = "follows from its 0.61",
    };

    /// <summary>The errata, for <c>examples run gfg</c>.</summary>
    private static void WriteErrata(TextWriter output)
    {
        output.WriteLine("errata in the document's formulas (`backprop explain gfg` shows each beside its equation):");
        foreach (var erratum in Errata) output.WriteLine("  ✗ " + erratum.Text);
    }
}

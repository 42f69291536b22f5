using Backprop.Explain;

namespace Backprop.Cli.Examples;

/// <summary>Why the post's totals after the update differ, beside the figure (<c>E_total_after</c>).</summary>
internal sealed partial class MazurExample
{
    /// <summary>The post's one inconsistency, explained where <c>explain mazur</c> shows its figure.</summary>
    public static IReadOnlyList<Erratum> Errata { get; } =
    [
        new("the post's totals after one update (0.291027924) and after 10,000 (0.000035085, outputs 0.015912196 and 0.984065734) are " +
            "exactly what a program gets when it updates w5…w8 first and then computes δ_h1, δ_h2 with the new output weights, although " +
            "the post says the hidden deltas use the original weights; with every weight from the same forward pass they are 0.291027774 " +
            "and 0.000035102. Its printed w1…w4 do follow its formulas, so they cannot come from the run that printed its totals", "E_total_after"),
    ];
}

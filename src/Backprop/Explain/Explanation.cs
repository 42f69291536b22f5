namespace Backprop.Explain;

/// <summary>
/// Every number of one training step of a small network, in the notation of the seed documents:
/// the forward pass, the error, the chain rule for every weight, the node deltas, the update, and the error after it.
/// </summary>
/// <param name="Title">What is explained.</param>
/// <param name="Settings">Network, loss, reduction, learning rate and the like, as name–value pairs.</param>
/// <param name="Sections">The step, section by section.</param>
/// <param name="ErrorHistory">With several steps: the total error at up to ten evenly spaced steps (step 0 is before training).</param>
public sealed record Explanation(string Title, IReadOnlyList<KeyValuePair<string, string>> Settings, IReadOnlyList<Section> Sections,
    IReadOnlyList<(int Step, double Error)> ErrorHistory)
{
    /// <summary>The network as a drawing of the step needs it: every unit and edge by name, with weights, gradients and changes.</summary>
    public ExplainedNetwork? Network { get; init; }

    /// <summary>Which training step this is (1 for the first).</summary>
    public int Step { get; init; } = 1;

    /// <summary>Mistakes of the document's text and code that no figure shows (see <see cref="Erratum"/>).</summary>
    internal IReadOnlyList<Erratum> Errata { get; init; } = [];

    /// <summary>Every quantity by its key.</summary>
    public IReadOnlyDictionary<string, double> Quantities =>
        Sections.SelectMany(s => s.Equations).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.First().Value);

    /// <summary>The equations whose document figure disagrees with the correct value.</summary>
    public IEnumerable<Equation> Disagreements =>
        Sections.SelectMany(s => s.Equations).Where(e => e.Document is { } d && !d.Agrees(e.Value));
}

namespace Backprop.Explain;

/// <summary>
/// A mistake in a document's text or code that a printed figure alone does not show (a formula, a line of code, a slip in the
/// prose), with the quantity it belongs beside: its equation key (<c>delta_o1</c>, <c>dE/dout_h1</c>, <c>w1+</c>), or null for
/// one that belongs to the document as a whole.
/// </summary>
internal sealed record Erratum(string Text, string? Key = null)
{
    /// <summary>The errata that belong beside the equation <paramref name="key"/>.</summary>
    public static IEnumerable<Erratum> Beside(IReadOnlyList<Erratum> errata, string key) => errata.Where(e => e.Key == key);

    /// <summary>The errata that belong to no equation of <paramref name="explanation"/> (none of its keys), in order.</summary>
    public static IEnumerable<Erratum> Unplaced(Explanation explanation)
    {
        var keys = explanation.Sections.SelectMany(s => s.Equations).Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        return explanation.Errata.Where(e => e.Key is null || !keys.Contains(e.Key));
    }
}

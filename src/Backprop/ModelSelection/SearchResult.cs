using Backprop.Estimators;

namespace Backprop.ModelSelection;

/// <summary>What a search found: the combinations best first, and the best one fitted.</summary>
/// <param name="Ranked">The finished combinations, best first by <paramref name="Scoring"/> (ties: by <see cref="ParameterSearch.TieBreak"/>, then
/// the earlier first).</param>
/// <param name="Scoring">The measure that ranks them.</param>
/// <param name="Metrics">Every measure recorded, in the order printed.</param>
/// <param name="Total">How many combinations the search has.</param>
/// <param name="Resumed">How many were read back from the progress file rather than run.</param>
/// <param name="Best">The best combination fitted (on every row after cross-validation; the same fit as scored with a validation split); null when
/// interrupted.</param>
public sealed record SearchResult(IReadOnlyList<SearchEntry> Ranked, string Scoring, IReadOnlyList<string> Metrics, int Total, int Resumed,
    MlpEstimator? Best)
{
    /// <summary>True when the search stopped (cancelled) before every combination was scored.</summary>
    public bool Interrupted => Best is null;
}

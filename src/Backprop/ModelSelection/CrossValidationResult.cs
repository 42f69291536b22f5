namespace Backprop.ModelSelection;

/// <summary>The folds of a cross-validation and, for each measure, its mean and standard deviation over them (scikit-learn's
/// <c>cross_validate</c>).</summary>
/// <param name="Folds">Each fold's measures, in fold order.</param>
/// <param name="Metrics">The names of the measures, in the order printed.</param>
public sealed record CrossValidationResult(IReadOnlyList<FoldResult> Folds, IReadOnlyList<string> Metrics)
{
    /// <summary>The mean and standard deviation of <paramref name="metric"/> over the folds.</summary>
    public MetricSummary Summary(string metric) => MetricSummary.Of(Folds.Select(f => f.Scores[metric]).ToArray());

    /// <summary>Every measure's mean and standard deviation, in <see cref="Metrics"/>' order.</summary>
    public IReadOnlyDictionary<string, MetricSummary> Summaries => Metrics.ToDictionary(m => m, Summary);
}

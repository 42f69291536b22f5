namespace Backprop.ModelSelection;

/// <summary>One combination a search tried and what it scored (one value per fold, or one for the validation split).</summary>
/// <param name="Index">The combination's place in the search, from 0.</param>
/// <param name="Combination">Its settings.</param>
/// <param name="Scores">Each measure's value on every fold (or on the held-out rows), in <see cref="Scoring"/>'s names.</param>
public sealed record SearchEntry(int Index, IReadOnlyList<KeyValuePair<string, string>> Combination, IReadOnlyDictionary<string, double[]> Scores)
{
    /// <summary>The mean and standard deviation of <paramref name="metric"/> over the folds.</summary>
    public MetricSummary Summary(string metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return MetricSummary.Of(Scores[metric]);
    }

    /// <summary>Whether the combination diverged: its scores are not numbers (<c>null</c> in the progress file and JSON); it ranks last.</summary>
    public bool Diverged => Scores.Values.Any(v => v.Any(double.IsNaN));
}

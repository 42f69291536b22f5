namespace Backprop.Estimators.Attribution;

/// <summary>
/// How much a model relies on each raw column over a whole table (<see cref="Model.Importance"/>), measured two ways:
/// the mean |attribution| (summed over the outputs), and permutation importance — the drop in the model's score
/// (accuracy for a classifier, R² otherwise) when the column's values are shuffled among the rows, over
/// <see cref="AttributionOptions.Repeats"/> seeded shuffles (Breiman, 2001; scikit-learn's <c>permutation_importance</c>).
/// </summary>
public sealed class ColumnImportance
{
    internal ColumnImportance(RowAttributions attributions, string? metric, double score, double[]? drop, double[]? spread)
    {
        Attributions = attributions;
        var mean = attributions.MeanAbsolute();
        MeanAbsoluteAttribution = Enumerable.Range(0, attributions.Columns.Count)
            .Select(c => Enumerable.Range(0, attributions.Outputs.Count).Sum(o => mean[o, c])).ToArray();
        Metric = metric;
        Score = score;
        PermutationDrop = drop;
        PermutationSpread = spread;
    }

    /// <summary>The raw input columns.</summary>
    public IReadOnlyList<string> Columns => Attributions.Columns;

    /// <summary>Every row's attributions, from which the means are taken.</summary>
    public RowAttributions Attributions { get; }

    /// <summary>Per column, the mean over the rows of |attribution|, summed over the outputs.</summary>
    public IReadOnlyList<double> MeanAbsoluteAttribution { get; }

    /// <summary>The score permutation importance measures (<c>accuracy</c> or <c>R²</c>); null when the table has no target to score.</summary>
    public string? Metric { get; }

    /// <summary>The model's score on the table as it is (NaN without a target).</summary>
    public double Score { get; }

    /// <summary>Per column, the mean drop in <see cref="Metric"/> when it is shuffled; null without a target.</summary>
    public IReadOnlyList<double>? PermutationDrop { get; }

    /// <summary>Per column, the standard deviation of the drop over the repeats (population, as scikit-learn's); null without a target.</summary>
    public IReadOnlyList<double>? PermutationSpread { get; }
}

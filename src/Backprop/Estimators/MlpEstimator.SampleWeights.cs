using Backprop.Data;
using Backprop.Diagnostics;

namespace Backprop.Estimators;

/// <summary>
/// The array <c>Fit</c> with a weight per sample (scikit-learn's <c>fit(X, y, sample_weight)</c>): the weights go the way of
/// a table's weight column (<see cref="Runs.MlpOptions.SampleWeightColumn"/>), so they weigh the loss and the standardisation
/// alike — a row of weight 0 counts as a dropped row, a row of weight 2 as the row twice.
/// </summary>
public abstract partial class MlpEstimator
{
    /// <summary>The column the weights of the array <c>Fit</c> are in (beside x1, x2, …; never a feature).</summary>
    private protected const string ArrayWeight = "sample_weight";

    /// <summary>Fits on arrays: a row of <paramref name="features"/> per sample, its <paramref name="target"/> and its weight (null: none).</summary>
    private protected void FitArrays<TTarget>(double[,] features, IReadOnlyList<TTarget> target, IReadOnlyList<double>? sampleWeight,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(target);
        if (Options.WarmStart && Model?.Preprocessing?.Target.Classes is { } known) WarmClasses(target.Select(Label).Distinct(), known);
        // A model loaded from a weighted array fit records the weight column; a fit without weights has none.
        var options = Options.SampleWeightColumn == ArrayWeight ? Options with { SampleWeightColumn = null } : Options;
        if (sampleWeight is null)
        {
            FitWith(options, () => Fit(TableBuilder.FromArrays(features, target, ArrayTarget), ArrayTarget, null, cancellation));
            return;
        }
        int rows = features.GetLength(0), width = features.GetLength(1);
        if (sampleWeight.Count != rows)
            throw new ArgumentException($"{sampleWeight.Count} sample weights for {rows} rows of features.", nameof(sampleWeight));
        for (int r = 0; r < rows; r++)
            if (!(sampleWeight[r] >= 0) || !double.IsFinite(sampleWeight[r]))
                throw new BackpropException($"sampleWeight[{r}] is {sampleWeight[r]}: a sample weight is a finite number at least 0");
        if (Options.SampleWeightColumn is string column && column != ArrayWeight)
            throw new BackpropException($"{Setting.MlpSampleWeight.With(column)} names a table's column; arrays give their weights as sampleWeight");
        var withWeights = new double[rows, width + 1];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < width; c++) withWeights[r, c] = features[r, c];
            withWeights[r, width] = sampleWeight[r];
        }
        var names = Enumerable.Range(1, width).Select(k => $"x{k}").Append(ArrayWeight).ToArray();
        var table = TableBuilder.FromArrays(withWeights, target, ArrayTarget, names);
        FitWith(options with { SampleWeightColumn = ArrayWeight }, () => Fit(table, ArrayTarget, null, cancellation));
    }

    /// <summary>Refuses a warm start on labels whose classes are not the fitted model's, naming both (scikit-learn's warm start check).</summary>
    private static void WarmClasses(IEnumerable<string> labels, IReadOnlyList<string> classes)
    {
        var now = labels.ToHashSet(StringComparer.Ordinal);
        if (now.SetEquals(classes)) return;
        throw new BackpropException($"{Setting.WarmStart} continues a fit on the classes {string.Join(", ", classes)}, but these labels "
            + $"are {string.Join(", ", now.Order(StringComparer.Ordinal))}: give rows of the same classes, or fit anew "
            + $"({Setting.WarmStart.With(false)})");
    }
}

namespace Backprop.Data.Preprocessing;

/// <summary>
/// The fill of a numeric column's gaps beyond the mean that <see cref="MeasuredColumn"/> gives: the median
/// (<see cref="MissingValues.Median"/>), and whether a missing-indicator input follows the column.
/// </summary>
internal static class NumericFill
{
    /// <summary><paramref name="column"/>, filled with the median of <paramref name="rows"/> (ascending) under
    /// <see cref="MissingValues.Median"/>, each row counted by its weight in <paramref name="weights"/> (null for 1 each).</summary>
    public static NumericColumn Median(NumericColumn column, PreprocessingOptions options, CellReader reader, IReadOnlyList<int> rows,
        double[]? weights = null) =>
        options.Missing != MissingValues.Median ? column : column with { Fill = new WeightedQuantile(reader, rows, weights).Median() };

    /// <summary>The median of <paramref name="values"/> (sorted here): the middle one, or the mean of the two middle ones, as numpy's.</summary>
    public static double Median(List<double> values)
    {
        values.Sort();
        int n = values.Count;
        if (n % 2 == 1) return values[n / 2];
        double a = values[n / 2 - 1], b = values[n / 2], mean = (a + b) / 2;
        return double.IsFinite(mean) ? mean : a / 2 + b / 2;
    }

    /// <summary>True when column <paramref name="column"/> gets a missing indicator: asked for, gaps filled, and a gap among the training
    /// rows (scikit-learn's <c>MissingIndicator(features='missing-only')</c>).</summary>
    public static bool Indicates(PreprocessingOptions options, Csv.TableColumn column, IReadOnlyList<int> trainingRows) =>
        options.MissingIndicator && CategoryFit.Fills(options.Missing) && Preprocessor.FirstMissing(column, trainingRows) is not null;
}

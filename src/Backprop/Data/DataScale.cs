namespace Backprop.Data;

/// <summary>
/// The largest magnitudes of a data set's inputs and targets, with the columns that hold them: what to look at first
/// when training diverges, since values of 1e6 and beyond overflow a network's sums of squares whatever the learning rate.
/// </summary>
/// <param name="Input">The largest |input|, as the network sees it (after standardising, where the preparation does).</param>
/// <param name="InputColumn">The input column that holds it.</param>
/// <param name="Target">The largest |target|.</param>
/// <param name="TargetColumn">The target column that holds it.</param>
internal sealed record DataScale(double Input, string? InputColumn, double Target, string? TargetColumn)
{
    /// <summary>The magnitude from which the data, not the learning rate, is the likely cause of a divergence.</summary>
    public const double Large = 1e6;

    /// <summary>Whether the inputs reach <see cref="Large"/>.</summary>
    public bool LargeInputs => Input >= Large;

    /// <summary>Whether the targets reach <see cref="Large"/>.</summary>
    public bool LargeTargets => Target >= Large;

    /// <summary>The largest magnitudes of <paramref name="data"/>'s features and targets.</summary>
    public static DataScale Of(Dataset data)
    {
        var (input, inputColumn) = Largest(data.Features, data.FeatureNames);
        var (target, targetColumn) = Largest(data.Targets, data.TargetNames);
        return new DataScale(input, inputColumn, target, targetColumn);
    }

    /// <summary>The largest magnitudes of the features and targets of <paramref name="rows"/> (read a block at a time), named by
    /// <paramref name="featureNames"/> and <paramref name="targetNames"/>.</summary>
    public static DataScale Of<T>(Rows.IRowSource<T> rows, IReadOnlyList<string> featureNames, IReadOnlyList<string> targetNames)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        const int block = 4096;
        var x = new Tensors.Matrix<T>(Math.Min(block, rows.Count), rows.FeatureCount);
        var t = new Tensors.Matrix<T>(Math.Min(block, rows.Count), rows.TargetCount);
        (double Value, string? Column) input = (0, null), target = (0, null);
        for (int start = 0; start < rows.Count; start += block)
        {
            rows.Copy(start, Math.Min(block, rows.Count - start), x, t);
            if (Largest(x.Convert<double>(), featureNames) is var i
                && (i.Value > input.Value || input.Column is null && i.Column is not null)) input = i;
            if (Largest(t.Convert<double>(), targetNames) is var o
                && (o.Value > target.Value || target.Column is null && o.Column is not null)) target = o;
        }
        return new DataScale(input.Value, input.Column, target.Value, target.Column);
    }

    private static (double Value, string? Column) Largest(Tensors.Matrix<double> m, IReadOnlyList<string> names)
    {
        double largest = 0;
        int column = -1;
        for (int r = 0; r < m.Rows; r++)
            for (int c = 0; c < m.Columns; c++)
                if (Math.Abs(m[r, c]) is var v && (v > largest || double.IsNaN(v)))
                    (largest, column) = (double.IsNaN(v) ? double.PositiveInfinity : v, c);
        return (largest, column < 0 ? null : names[column]);
    }
}

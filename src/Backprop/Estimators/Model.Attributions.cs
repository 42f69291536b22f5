using Backprop.Data;
using Backprop.Estimators.Attribution;

namespace Backprop.Estimators;

/// <summary>Why this prediction: each raw column's contribution to each output, by backpropagation to the inputs.</summary>
public sealed partial class Model
{
    /// <summary>
    /// Each raw input column's contribution to each output (class probabilities, or the target in its own units) for
    /// <paramref name="rows"/> of <paramref name="table"/> (every row when null): ∂y/∂z from the network's backward pass,
    /// chained through the preprocessing to the raw columns (a standardised column's by 1/scale; a one-hot group and a
    /// missing indicator summed into their column). The baseline's mean is taken over every row of the table. Computed in
    /// double whatever the model's precision.
    /// </summary>
    /// <exception cref="Diagnostics.DataFormatException">The table lacks a column the model reads, or holds a value it cannot encode.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A row is outside the table, or an option outside its range.</exception>
    public RowAttributions Attribute(CsvTable table, IReadOnlyList<int>? rows = null, AttributionOptions? options = null)
    {
        Data.Rows.RowArguments.Check(table, rows);
        options ??= new AttributionOptions();
        options.Check();
        var pre = Encoder(table);
        var all = pre.EncodeFeatures<double>(table);
        return Attributions(new ColumnMap(pre), all, rows ?? Enumerable.Range(0, table.RowCount).ToArray(), options);
    }

    /// <summary>
    /// The importance of each raw column over the whole of <paramref name="table"/>: the mean |attribution| (as
    /// <see cref="Attribute"/> measures it, summed over the outputs) and, when the table holds the target, permutation
    /// importance — the drop in accuracy (a classifier) or R² when the column is shuffled, <see cref="AttributionOptions.Repeats"/>
    /// times from <see cref="AttributionOptions.Seed"/>.
    /// </summary>
    /// <exception cref="Diagnostics.DataFormatException">The table lacks a column the model reads, or holds a value it cannot encode.</exception>
    public ColumnImportance Importance(CsvTable table, AttributionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= new AttributionOptions();
        options.Check();
        var pre = Encoder(table);
        var map = new ColumnMap(pre);
        var all = pre.EncodeFeatures<double>(table);
        var attributions = Attributions(map, all, Enumerable.Range(0, table.RowCount).ToArray(), options);
        var targets = TargetNames;
        if (targets.Count == 0 || !targets.All(t => table.Header.Contains(t)) || Preprocessing is not { } scored)
            return new ColumnImportance(attributions, null, double.NaN, null, null);
        var y = scored.EncodeTargets<double>(table);
        var (score, drop, spread) = PermutationImportance.Run(Run, map, all, y, scored.Target, options);
        return new ColumnImportance(attributions, PermutationImportance.Metric(scored.Target), score, drop, spread);
    }

    private RowAttributions Attributions(ColumnMap map, Tensors.Matrix<double> all, IReadOnlyList<int> rows, AttributionOptions options)
    {
        double[] z0 = map.Baseline(all, options.Baseline);
        var z = new Tensors.Matrix<double>(rows.Count, map.Width);
        for (int r = 0; r < rows.Count; r++) all.Row(rows[r]).CopyTo(z.Row(r));
        var (values, outputs, baseline) = Attributor.Run(Network, Preprocessing?.Target, map, z, z0, options);
        var shown = new string[rows.Count, map.Names.Count];
        for (int r = 0; r < rows.Count; r++)
            for (int c = 0; c < map.Names.Count; c++) shown[r, c] = map.Shown(z.Row(r), c);
        var predictions = new double[rows.Count, outputs.Columns];
        for (int r = 0; r < rows.Count; r++)
            for (int o = 0; o < outputs.Columns; o++) predictions[r, o] = outputs[r, o];
        var names = Classes is { } classes ? Preprocessing!.Target.OutputNames.Select(c => $"p({c})").ToList()
            : TargetNames.Count == outputs.Columns ? TargetNames : OutputNames;
        return new RowAttributions(options, map.Names, names, [.. rows], values, predictions, baseline, shown,
            Enumerable.Range(0, map.Names.Count).Select(c => map.Shown(z0, c)).ToList());
    }
}

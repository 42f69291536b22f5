using Backprop.Diagnostics;
using Backprop.Initialization;

namespace Backprop.Data.Preprocessing;

/// <summary>
/// The rows of a table for training and for validation: the last fraction held out, as Keras does, after an optional
/// shuffle from the seed; with <see cref="MissingValues.Drop"/>, only the rows complete in the columns used.
/// </summary>
/// <param name="Train">Training rows, in training order.</param>
/// <param name="Validation">Held-out rows.</param>
public sealed partial record TableSplit(int[] Train, int[] Validation)
{
    /// <summary>Splits rows 0 … <paramref name="rows"/> − 1; a refusal names <see cref="Setting.ValidationSplit"/>.</summary>
    /// <exception cref="BackpropException">The fraction is not in [0, 1) or leaves no row to train on.</exception>
    public static TableSplit Of(int rows, double validationSplit, bool shuffle, ulong seed) =>
        Of(rows, validationSplit, shuffle, seed, Setting.ValidationSplit);

    /// <summary>Splits rows 0 … <paramref name="rows"/> − 1.</summary>
    /// <param name="rows">How many rows there are.</param>
    /// <param name="validationSplit">The share held out, in [0, 1).</param>
    /// <param name="shuffle">Shuffle the rows from <paramref name="seed"/> first.</param>
    /// <param name="seed">The seed of the shuffle.</param>
    /// <param name="setting">The setting a refusal names: the one the caller's caller set (<see cref="Setting.ValidationFraction"/>).</param>
    /// <exception cref="BackpropException">The fraction is not in [0, 1) or leaves no row to train on.</exception>
    public static TableSplit Of(int rows, double validationSplit, bool shuffle, ulong seed, Setting setting)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentNullException.ThrowIfNull(setting);
        if (!(validationSplit >= 0 && validationSplit < 1))
            throw new BackpropException($"{setting} must be at least 0 and less than 1, not {validationSplit}");
        var order = Enumerable.Range(0, rows).ToArray();
        if (shuffle) new Rng(seed, Rng.Streams.Split).Shuffle<int>(order);
        int trainCount = (int)(rows * (1 - validationSplit));
        if (trainCount < 1) throw new BackpropException($"{setting.With(validationSplit)} leaves no rows of the {rows} to train on");
        return new TableSplit(order[..trainCount], order[trainCount..]);
    }

    /// <summary>Splits the rows of <paramref name="table"/>, leaving out those with a missing value in a used column when <paramref name="options"/>
    /// say to drop them.</summary>
    public static TableSplit Of(CsvTable table, PreprocessingOptions options, double validationSplit, bool shuffle, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Missing != MissingValues.Drop) return Of(table.RowCount, validationSplit, shuffle, seed);
        var kept = Preprocessor.CompleteRows(table, options);
        if (kept.Length == 0)
            throw new DataFormatException($"every row has a missing value in a column used ({Setting.Missing.With(MissingValues.Drop)} leaves none)",
                table.Path);
        var split = Of(kept.Length, validationSplit, shuffle, seed);
        return new TableSplit(split.Train.Select(r => kept[r]).ToArray(), split.Validation.Select(r => kept[r]).ToArray());
    }

    /// <summary>The values of <paramref name="column"/> that validation rows hold and no training row does (the sign of a file sorted by its
    /// label).</summary>
    public IReadOnlyList<string> UnseenInTraining(CsvTable table, string column)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(column);
        Rows.RowArguments.Within(Train, table.RowCount, nameof(Train));
        Rows.RowArguments.Within(Validation, table.RowCount, nameof(Validation));
        var values = table.Columns[table.ColumnIndex(column)];
        if (!values.HasCategories || Validation.Length == 0) return [];
        var seen = Train.Select(values.CodeAt).ToHashSet();
        return Validation.Select(values.CodeAt).Where(v => !seen.Contains(v)).Distinct().Select(values.TextOf).ToList();
    }
}

using Backprop.Diagnostics;

namespace Backprop.Data.Preprocessing;

/// <summary>
/// The class of each row of a table, as a small number per distinct value of the target column (in the order first
/// seen), for splits and folds that keep the classes' proportions.
/// </summary>
internal static class ClassLabels
{
    /// <summary>The class number of each of <paramref name="rows"/> of <paramref name="table"/>, by the value of <paramref name="column"/>.</summary>
    public static int[] Of(CsvTable table, string column, IReadOnlyList<int> rows)
    {
        var values = table.Columns[table.ColumnIndex(column)];
        var numbers = new Dictionary<long, int>();
        var labels = new int[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            long key = values.HasCategories ? values.CodeAt(rows[i]) : BitConverter.DoubleToInt64Bits(values.ValueAt(rows[i]));
            if (!numbers.TryGetValue(key, out int label)) numbers[key] = label = numbers.Count;
            labels[i] = label;
        }
        return labels;
    }

    /// <summary>
    /// Refuses to keep class proportions of a target that holds numbers to predict (what the preprocessing would make a
    /// regression target), naming <paramref name="setting"/> (default <see cref="Setting.Stratify"/>).
    /// </summary>
    /// <exception cref="BackpropException">More than one target, or a numeric target not treated as classes.</exception>
    public static void EnsureClasses(CsvTable table, PreprocessingOptions options, Setting? setting = null)
    {
        setting ??= Setting.Stratify;
        if (options.Targets.Count != 1)
            throw new BackpropException($"{setting} keeps the proportions of the classes of one target column; give one {Setting.Targets}, not " +
                $"{options.Targets.Count}", table.Path);
        var column = table.Columns[table.ColumnIndex(options.Targets[0])];
        if (!(column.IsText || options.ClassifyNumericTarget || options.Classes is not null))
            throw new BackpropException($"{setting} keeps class proportions, but the target column '{options.Targets[0]}' holds numbers to predict " +
                $"(regression); add {Setting.ClassifyNumericTarget.With(true)} if they are class labels", table.Path);
    }
}

using Backprop.Diagnostics;

namespace Backprop.Data.Preprocessing;

/// <summary>Which columns of a table a preparation takes, and the statistics it fits on them.</summary>
public sealed partial record Preprocessor
{
    /// <summary>The rows of <paramref name="table"/> with a value in every feature and target column that <paramref name="options"/> selects (for
    /// <see cref="MissingValues.Drop"/>).</summary>
    public static int[] CompleteRows(CsvTable table, PreprocessingOptions options)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        var (features, targets) = Select(table, options);
        var missing = new bool[table.RowCount];
        foreach (int c in features.Concat(targets))
            foreach (int r in table.Columns[c].MissingRows) missing[r] = true;
        return Enumerable.Range(0, table.RowCount).Where(r => !missing[r]).ToArray();
    }

    /// <summary>The feature and target columns <paramref name="options"/> names, checked.</summary>
    internal static (int[] Features, int[] Targets) Select(CsvTable table, PreprocessingOptions options)
    {
        if (options.Targets.Count == 0) throw new DataFormatException("give at least one target column", table.Path);
        // A name given twice would be written into the model twice, and every later command would refuse the model.
        NamedOnce(options.Targets, Setting.Targets);
        NamedOnce(options.Features, Setting.Features);
        NamedOnce(options.OneHot, Setting.OneHot);
        NamedOnce(options.Standardize, Setting.Standardize);
        var targetIndices = options.Targets.Select(table.ColumnIndex).ToArray();
        var featureIndices = options.Features is { } names
            ? names.Select(table.ColumnIndex).ToArray()
            : Enumerable.Range(0, table.Header.Count).Where(c => !targetIndices.Contains(c) && !options.Excluded.Contains(table.Header[c])).ToArray();
        foreach (int c in featureIndices)
            if (options.Excluded.Contains(table.Header[c]))
                throw new DataFormatException($"column '{table.Header[c]}' is the sample-weight column and cannot be a feature too", table.Path);
        foreach (int c in featureIndices)
            if (targetIndices.Contains(c))
                throw new DataFormatException($"column '{table.Header[c]}' cannot be both a feature and a target", table.Path);
        if (featureIndices.Length == 0) throw new DataFormatException("there are no feature columns left once the targets are taken", table.Path);
        return (featureIndices, targetIndices);
    }

    /// <summary>Refuses a list of column names that names one twice, naming the setting and the name.</summary>
    private static void NamedOnce(IReadOnlyList<string>? names, Setting setting)
    {
        if (names is null) return;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in names)
            if (!seen.Add(name)) throw new BackpropException($"{setting} names column '{Shown.Value(name)}' twice; name each column once");
    }

    /// <summary>
    /// Welford's mean and (population) standard deviation of <paramref name="rows"/>, weighted by <paramref name="weights"/>
    /// (one per row; null for 1 each) as West's recurrence weighs them: a row of weight 0 moves nothing, a weight of 2 counts
    /// as the row twice. With weights 1 the steps are those of the unweighted recurrence, bit for bit.
    /// </summary>
    private static (double Mean, double Std, long Count, double Largest) Statistics(CellReader reader, IReadOnlyList<int> rows, bool skipMissing,
        double[]? weights = null)
    {
        double mean = 0, squares = 0, largest = 0, total = 0;
        long count = 0;
        int k = -1;
        foreach (int r in rows as int[] ?? rows.ToArray())
        {
            double w = weights?[++k] ?? 1;
            if (!reader.TryNumber(r, out double x))
            {
                if (skipMissing) continue;
                throw reader.Missing(r);
            }
            if (w == 0) continue;
            count++;
            total += w;
            largest = Math.Max(largest, Math.Abs(x));
            double delta = x - mean;
            mean += delta * w / total;
            squares += w * delta * (x - mean);
        }
        return (mean, count > 0 ? Math.Sqrt(squares / total) : 0, count, largest);
    }

    internal static int? FirstMissing(Csv.TableColumn column, IReadOnlyList<int> rows)
    {
        if (column.MissingRows.Count == 0) return null;
        var set = rows.ToHashSet();
        foreach (int r in column.MissingRows) if (set.Contains(r)) return r;
        return null;
    }
}

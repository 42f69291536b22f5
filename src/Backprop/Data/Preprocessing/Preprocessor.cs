using System.Globalization;
using Backprop.Diagnostics;
using Backprop.Tensors;

namespace Backprop.Data.Preprocessing;

/// <summary>
/// The fitted preparation of a table for a network: which columns are inputs and how each is encoded
/// (numeric, standardised, one-hot), and how the targets become outputs. Saved in the model file, so
/// prediction and evaluation take raw rows.
/// </summary>
/// <param name="Inputs">The input columns, in order.</param>
/// <param name="Target">The target encoding.</param>
public sealed record Preprocessor(IReadOnlyList<InputColumn> Inputs, TargetEncoding Target)
{
    /// <summary>Network inputs: the sum of the columns' widths.</summary>
    public int FeatureCount => Inputs.Sum(c => c.Width);

    /// <summary>The names of the network inputs (one-hot inputs are named <c>column=category</c>).</summary>
    public IReadOnlyList<string> FeatureNames => Inputs.SelectMany(c => c.FeatureNames).ToList();

    /// <summary>
    /// Chooses and fits the encoding. Column kinds and category lists come from every row; means and standard
    /// deviations from <paramref name="trainingRows"/> only, so that no statistic of held-out rows leaks into training.
    /// </summary>
    public static Preprocessor Fit(CsvTable table, PreprocessingOptions options, IReadOnlyList<int> trainingRows)
    {
        if (options.Targets.Count == 0) throw new DataFormatException("give at least one target column", table.Path);
        var targetIndices = options.Targets.Select(table.ColumnIndex).ToArray();
        if (targetIndices.Distinct().Count() != targetIndices.Length) throw new DataFormatException("a target column is named twice", table.Path);
        var featureIndices = options.Features is { } names
            ? names.Select(table.ColumnIndex).ToArray()
            : Enumerable.Range(0, table.Header.Count).Where(c => !targetIndices.Contains(c)).ToArray();
        foreach (int c in featureIndices)
            if (targetIndices.Contains(c)) throw new DataFormatException($"column '{table.Header[c]}' cannot be both a feature and a target", table.Path);
        if (featureIndices.Length == 0) throw new DataFormatException("there are no feature columns left once the targets are taken", table.Path);
        foreach (var name in options.OneHot.Concat(options.Standardize ?? []))
        {
            int c = table.ColumnIndex(name);
            if (!featureIndices.Contains(c)) throw new DataFormatException($"column '{name}' is not a feature column", table.Path);
        }

        var inputs = new List<InputColumn>();
        foreach (int c in featureIndices)
        {
            string name = table.Header[c];
            if (options.OneHot.Contains(name) || IsText(table, c))
            {
                if (options.Standardize is { Count: > 0 } s && s.Contains(name))
                    throw new DataFormatException($"column '{name}' is categorical (one-hot encoded) and cannot be standardised", table.Path);
                inputs.Add(new CategoricalColumn(name, Categories(table, c)));
                continue;
            }
            bool standardize = options.Standardize is { } list && (list.Count == 0 || list.Contains(name));
            if (!standardize) { inputs.Add(new NumericColumn(name)); continue; }
            var values = trainingRows.Select(r => NumericColumn.ParseNumber(table.Rows[r][c], name, table.Path, Where(table, r, c))).ToArray();
            double mean = values.Average();
            double std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
            inputs.Add(new NumericColumn(name, mean, std > 0 ? std : 1));
        }

        TargetEncoding target;
        bool classify = targetIndices.Length == 1 && (IsText(table, targetIndices[0]) || options.ClassifyNumericTarget);
        if (classify)
        {
            var classes = Categories(table, targetIndices[0]);
            if (classes.Count < 2)
                throw new DataFormatException($"the target column '{table.Header[targetIndices[0]]}' holds only one class ('{classes[0]}'): there is nothing to learn", table.Path);
            target = new TargetEncoding([table.Header[targetIndices[0]]], classes);
        }
        else
        {
            foreach (int c in targetIndices)
                if (IsText(table, c))
                    throw new DataFormatException($"the target column '{table.Header[c]}' holds text; a text target must be the only target (it becomes one output per class)", table.Path);
            target = new TargetEncoding(targetIndices.Select(c => table.Header[c]).ToList());
        }
        return new Preprocessor(inputs, target);
    }

    /// <summary>The network inputs for <paramref name="rows"/> of <paramref name="table"/> (every row when null).</summary>
    public Matrix<double> EncodeFeatures(CsvTable table, IReadOnlyList<int>? rows = null)
    {
        var columns = Inputs.Select(c => table.ColumnIndex(c.Name)).ToArray();
        rows ??= Enumerable.Range(0, table.Rows.Count).ToArray();
        var m = new Matrix<double>(rows.Count, FeatureCount);
        for (int k = 0; k < rows.Count; k++)
        {
            int r = rows[k];
            var destination = m.Row(k);
            int offset = 0;
            for (int i = 0; i < Inputs.Count; i++)
            {
                Inputs[i].Encode(table.Rows[r][columns[i]], destination[offset..], table.Path, Where(table, r, columns[i]));
                offset += Inputs[i].Width;
            }
        }
        return m;
    }

    /// <summary>The network's targets for <paramref name="rows"/> of <paramref name="table"/> (every row when null).</summary>
    public Matrix<double> EncodeTargets(CsvTable table, IReadOnlyList<int>? rows = null)
    {
        var columns = Target.Columns.Select(table.ColumnIndex).ToArray();
        rows ??= Enumerable.Range(0, table.Rows.Count).ToArray();
        var m = new Matrix<double>(rows.Count, Target.Width);
        var fields = new string[columns.Length];
        for (int k = 0; k < rows.Count; k++)
        {
            int r = rows[k];
            for (int i = 0; i < columns.Length; i++) fields[i] = table.Rows[r][columns[i]];
            Target.Encode(fields, m.Row(k), table.Path, i => Where(table, r, columns[i]));
        }
        return m;
    }

    /// <summary>Both, as a data set named after the outputs.</summary>
    public Dataset Encode(CsvTable table, IReadOnlyList<int>? rows = null) =>
        new(EncodeFeatures(table, rows), EncodeTargets(table, rows), FeatureNames, Target.OutputNames, table.Path);

    private static string Where(CsvTable table, int row, int column) => $"{table.Lines[row]}:{column + 1}";

    /// <summary>A column is text when fewer than half of its values are numbers; a numeric column with a stray word is an error, not text.</summary>
    private static bool IsText(CsvTable table, int column)
    {
        int numbers = 0;
        foreach (var row in table.Rows)
            if (double.TryParse(row[column], NumberStyles.Float, CultureInfo.InvariantCulture, out _)) numbers++;
        return numbers * 2 < table.Rows.Count;
    }

    /// <summary>The distinct values of a column, in numeric order when they are all numbers, otherwise in ordinal text order.</summary>
    private static List<string> Categories(CsvTable table, int column)
    {
        for (int r = 0; r < table.Rows.Count; r++)
            if (table.Rows[r][column].Length == 0)
                throw new DataFormatException($"column '{table.Header[column]}' has no value (missing values are not supported: fill or drop the row)", table.Path, Where(table, r, column));
        var distinct = table.Rows.Select(row => row[column]).Distinct(StringComparer.Ordinal).ToList();
        bool numeric = distinct.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        return numeric
            ? distinct.OrderBy(v => double.Parse(v, CultureInfo.InvariantCulture)).ToList()
            : distinct.OrderBy(v => v, StringComparer.Ordinal).ToList();
    }
}

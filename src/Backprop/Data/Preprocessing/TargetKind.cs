using System.Globalization;
using Backprop.Data.Csv;
using Backprop.Diagnostics;

namespace Backprop.Data.Preprocessing;

/// <summary>
/// Whether a numeric target can be class labels, as scikit-learn's <c>type_of_target</c> decides: whole numbers are
/// labels (binary or multiclass); a number with a fraction makes the column continuous, which a classifier refuses
/// ("Unknown label type: continuous"); NaN or ∞ is never a label. A numeric target is classes only when declared
/// (<see cref="PreprocessingOptions.ClassifyNumericTarget"/>, declared classes, a classifier); otherwise it is
/// regression, and <see cref="Note"/> says so.
/// </summary>
internal static class TargetKind
{
    /// <summary>The most distinct whole numbers of a regression target that <see cref="Note"/> calls "few" (they may be classes).</summary>
    public const int FewValues = 10;

    /// <summary>Refuses a numeric target column <paramref name="c"/> of <paramref name="table"/> taken as class labels that holds a
    /// non-finite number or a number that is not whole, naming the first such row.</summary>
    public static void EnsureLabels(CsvTable table, int c)
    {
        var column = table.Columns[c];
        if (column.IsText) return;
        if (column.HasCategories)
        {
            for (int code = 0; code < column.DistinctCount; code++)
            {
                if (column.CountOf(code) == 0) continue;
                var kind = column.KindOf(code);
                if (kind == CellKind.NonFinite) throw NotFinite(table, c, column.FirstRowOf(code), column.TextOf(code));
                if (kind == CellKind.Number && !IsWhole(column.ValueOf(code)))
                    throw Continuous(table, c, column.FirstRowOf(code), column.TextOf(code));
            }
            return;
        }
        if (column.FirstBad is { Kind: CellKind.NonFinite } bad) throw NotFinite(table, c, bad.Row, bad.Text);
        for (int r = 0; r < table.RowCount; r++)
        {
            double v = column.ValueAt(r);
            if (!double.IsNaN(v) && !IsWhole(v)) throw Continuous(table, c, r, v.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>As <see cref="EnsureLabels(CsvTable, int)"/> for a table read in blocks: its distinct values (a row cannot be named).</summary>
    public static void EnsureLabels(IReadOnlyList<string> distinct, string column, string path)
    {
        foreach (string text in distinct)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)) continue;
            if (!double.IsFinite(v))
                throw new DataFormatException($"{Shown.Value(text)} in the target column '{column}' is not a finite number, so not a class label",
                    path);
            if (!IsWhole(v)) throw new DataFormatException(ContinuousProblem(column, text), path);
        }
    }

    /// <summary>
    /// The note for a numeric target taken as numbers to predict: that it is regression, how to have classes instead, and
    /// whether its values look like class labels (at most <see cref="FewValues"/> distinct whole numbers among <paramref name="values"/>).
    /// </summary>
    public static string Note(string column, IEnumerable<double> values)
    {
        var distinct = new SortedSet<double>();
        bool whole = true;
        foreach (double v in values)
        {
            whole &= IsWhole(v);
            if (distinct.Add(v) && distinct.Count > FewValues) break;
        }
        string few = whole && distinct.Count <= FewValues
            ? $"; it holds only {distinct.Count} distinct whole numbers ({string.Join(", ", distinct.Select(Format))}), which may be class labels"
            : "";
        return $"the target '{Shown.Value(column)}' holds numbers: they are predicted as numbers (regression){few}; " +
            $"{Setting.ClassifyNumericTarget.With(true)} predicts classes";
    }

    private static bool IsWhole(double v) => double.IsFinite(v) && v == Math.Floor(v);

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static DataFormatException NotFinite(CsvTable table, int c, int row, string text) =>
        new($"{Shown.Value(text)} in the target column '{table.Header[c]}' is not a finite number, so not a class label: fill or drop the row",
            table.Path, table.Where(row, c));

    private static DataFormatException Continuous(CsvTable table, int c, int row, string text) =>
        new(ContinuousProblem(table.Header[c], text), table.Path, table.Where(row, c));

    private static string ContinuousProblem(string column, string text) =>
        $"Unknown label type: continuous: the target column '{column}' holds {Shown.Value(text)}, a number that is not whole, so its values " +
        $"are not class labels: predict them as numbers (a regressor, without {Setting.ClassifyNumericTarget})";
}

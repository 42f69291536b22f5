using System.Globalization;
using System.Text;
using Backprop.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Backprop.MLNet.Training;

/// <summary>
/// An ML.NET data view's features and label as the table Backprop's estimators fit on: a CSV, written in memory with
/// every number round-trip exact and read back by Backprop's own reader, one column per feature (named by the
/// features' slot names when they have good ones, else <c>f1</c>, <c>f2</c>, …) and the label last — a multiclass
/// label as the name of its class (its key value), a regression label as its number.
/// </summary>
internal static class TrainingTable
{
    /// <summary>The target column's name in the table.</summary>
    public const string Target = "label";

    /// <summary>
    /// Reads the rows of <paramref name="data"/>. <paramref name="slotNames"/> names each key slot (multiclass), false
    /// and true (a <paramref name="boolean"/> label), or is null (regression).
    /// </summary>
    /// <exception cref="ArgumentException">A feature is infinite, a label is missing (a key of 0, a NaN), there are no rows, or the rows hold
    /// one class only.</exception>
    public static CsvTable Read(IDataView data, string featureColumn, string labelColumn, IReadOnlyList<string>? slotNames,
        bool boolean = false)
    {
        var features = data.Schema[featureColumn];
        var label = data.Schema[labelColumn];
        int width = ((VectorDataViewType)features.Type).Size;
        var text = new StringBuilder();
        text.AppendJoin(',', FeatureNames(features, width).Select(Quote)).Append(',').Append(Target).Append('\n');
        using var cursor = data.GetRowCursor([features, label]);
        var getFeatures = cursor.GetGetter<VBuffer<float>>(features);
        ValueGetter<uint>? getKey = slotNames is null ? null : boolean ? BooleanKey(cursor.GetGetter<bool>(label)) : cursor.GetGetter<uint>(label);
        ValueGetter<float>? getNumber = slotNames is null ? cursor.GetGetter<float>(label) : null;
        VBuffer<float> row = default;
        long rows = 0;
        var seen = new HashSet<uint>();
        while (cursor.MoveNext())
        {
            getFeatures(ref row);
            int i = 0;
            foreach (float value in row.DenseValues())
            {
                // NaN is ML.NET's missing value: an empty cell, filled as MlpOptions.Missing says (the scorer fills it the same way).
                if (float.IsInfinity(value))
                    throw new ArgumentException($"Feature column '{featureColumn}' holds {value} in slot {i} of row {rows + 1}: Backprop trains on " +
                        $"finite numbers and NaN gaps only.", "input");
                if (!float.IsNaN(value)) text.Append(value.ToString("R", CultureInfo.InvariantCulture));
                text.Append(',');
                i++;
            }
            if (getKey is not null)
            {
                uint key = 0;
                getKey(ref key);
                if (key == 0) throw new ArgumentException($"Label column '{labelColumn}' has a missing value (key 0) in row {rows + 1}.", "input");
                seen.Add(key);
                text.Append(Quote(slotNames![(int)key - 1]));
            }
            else
            {
                float value = 0;
                getNumber!(ref value);
                if (!float.IsFinite(value))
                    throw new ArgumentException($"Label column '{labelColumn}' holds {value} in row {rows + 1}: Backprop trains on finite " +
                        $"numbers only.", "input");
                text.Append(value.ToString("R", CultureInfo.InvariantCulture));
            }
            text.Append('\n');
            rows++;
        }
        if (rows == 0) throw new ArgumentException("The training data has no rows.", "input");
        if (slotNames is not null && seen.Count < 2)
            throw new ArgumentException($"Label column '{labelColumn}' holds only one class ('{slotNames[(int)seen.First() - 1]}') in the training " +
                $"rows: there is nothing to learn.", "input");
        // The label keeps every class, however many (Backprop's reader otherwise caps a text column's distinct values).
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
        return CsvTable.Read(stream, "the ML.NET training data", new Data.Csv.CsvReadOptions { Delimiter = ',', CategoricalColumns = [Target] });
    }

    /// <summary>A Boolean label read as the key of its slot: false 1, true 2.</summary>
    private static ValueGetter<uint> BooleanKey(ValueGetter<bool> get) => (ref uint key) =>
    {
        bool value = false;
        get(ref value);
        key = value ? 2u : 1u;
    };

    /// <summary>The features' slot names when each is a distinct plain name (not the target's), else f1, f2, ….</summary>
    private static IReadOnlyList<string> FeatureNames(DataViewSchema.Column features, int width)
    {
        var fallback = Enumerable.Range(1, width).Select(i => $"f{i}").ToArray();
        if (features.Annotations.Schema.GetColumnOrNull("SlotNames") is null) return fallback;
        VBuffer<ReadOnlyMemory<char>> names = default;
        features.GetSlotNames(ref names);
        var list = names.DenseValues().Select(n => n.ToString()).ToArray();
        bool plain = list.Length == width && list.All(n => n.Length > 0 && n.All(c => char.IsLetterOrDigit(c) || c is '_' or '.' or '-'))
            && list.Distinct(StringComparer.Ordinal).Count() == width && !list.Contains(Target);
        return plain ? list : fallback;
    }

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";
}

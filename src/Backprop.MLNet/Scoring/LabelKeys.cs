using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Backprop.MLNet.Scoring;

/// <summary>
/// A multiclass label: a key type of <see cref="Count"/> values, the text of each (its key value, or its number when the
/// key has none), and the way back from a predicted slot to a key with the label's own key values, so that
/// <c>PredictedLabel</c> is the key type ML.NET's trainers give it.
/// </summary>
internal sealed class LabelKeys
{
    /// <summary>The lookup's slot column (0-based).</summary>
    public const string SlotColumn = "Slot";

    /// <summary>The lookup's key column.</summary>
    public const string KeyColumn = "Key";

    private readonly Action<SchemaDefinition.Column> _annotate;

    private LabelKeys(int count, IReadOnlyList<string> names, Action<SchemaDefinition.Column> annotate)
    {
        Count = count;
        _annotate = annotate;
        // The names become the class names of the Backprop model; when they cannot (empty, repeated, or many lines), the keys' numbers do.
        bool usable = names.Count == count && names.All(n => n.Trim().Length == n.Length && n.Length > 0 && !n.Contains('\n') && !n.Contains('\r'))
            && names.Distinct(StringComparer.Ordinal).Count() == count;
        Names = usable ? names : Numbers(count);
    }

    private static string[] Numbers(int count) => Enumerable.Range(1, count).Select(k => k.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <summary>A key of <paramref name="count"/> values without key values (the shape of the output before training).</summary>
    public static LabelKeys Placeholder(int count)
    {
        var names = Numbers(count);
        var values = new VBuffer<ReadOnlyMemory<char>>(count, names.Select(n => n.AsMemory()).ToArray());
        return new(count, names, column => column.AddAnnotation("KeyValues", values, new VectorDataViewType(TextDataViewType.Instance, count)));
    }

    /// <summary>The number of key values (the classes).</summary>
    public int Count { get; }

    /// <summary>Each slot's name.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Reads the key type and the key values of <paramref name="label"/> (a key column).</summary>
    public static LabelKeys Of(DataViewSchema.Column label)
    {
        int count = checked((int)((KeyDataViewType)label.Type).Count);
        var keyValues = label.Annotations.Schema.GetColumnOrNull("KeyValues");
        if (keyValues?.Type is VectorDataViewType { ItemType: var item, Size: var size } && size == count)
        {
            var read = typeof(LabelKeys)
                .GetMethod(nameof(WithValues), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(item.RawType);
            return (LabelKeys)read.Invoke(null, [label, count, keyValues.Value.Type])!;
        }
        return new LabelKeys(count, Numbers(count), _ => { });
    }

    private static LabelKeys WithValues<T>(DataViewSchema.Column label, int count, DataViewType type)
    {
        VBuffer<T> values = default;
        label.GetKeyValues(ref values);
        var names = values.DenseValues()
            .Select(v => v is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : v?.ToString() ?? "").ToArray();
        var copy = new VBuffer<T>(values.Length, values.DenseValues().ToArray());
        return new LabelKeys(count, names, column => column.AddAnnotation("KeyValues", copy, type));
    }

    /// <summary>A table from each slot (0 … Count − 1) to its key (1 … Count), the key column carrying the label's key values.</summary>
    public IDataView SlotLookup(MLContext ml)
    {
        var definition = SchemaDefinition.Create(typeof(SlotRow));
        definition[KeyColumn].ColumnType = new KeyDataViewType(typeof(uint), Count);
        _annotate(definition[KeyColumn]);
        // The key of slot s is s + 1, written as s: ML.NET keeps a key column's raw values in classes 0-based (a table that held s + 1 gave s + 2,
        // found by test).
        var rows = Enumerable.Range(0, Count).Select(s => new SlotRow { Slot = (uint)s, Key = (uint)s }).ToArray();
        return ml.Data.LoadFromEnumerable(rows, definition);
    }

    internal sealed class SlotRow
    {
        public uint Slot { get; set; }
        public uint Key { get; set; }
    }
}

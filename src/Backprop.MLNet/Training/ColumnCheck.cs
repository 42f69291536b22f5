using Microsoft.ML;
using Microsoft.ML.Data;
using Kind = Microsoft.ML.SchemaShape.Column.VectorKind;

namespace Backprop.MLNet.Training;

/// <summary>
/// The trainers' checks of their input columns, with the exceptions ML.NET's own trainers throw: an
/// <see cref="ArgumentOutOfRangeException"/> (an <see cref="ArgumentException"/>) of parameter <c>inputSchema</c>
/// (<c>labelCol</c> for a label of the wrong type) that names the column, its role, what was expected and what it is.
/// They check a data view's schema (at Fit) and an estimator's schema shape (when a pipeline is put together) alike.
/// </summary>
internal static class ColumnCheck
{
    /// <summary>What a check needs to know of a column.</summary>
    private readonly record struct Seen(Kind Kind, DataViewType Item, bool IsKey);


    /// <summary>Checks the features and label columns of a data view.</summary>
    public static void Check(DataViewSchema schema, string features, string label, TrainerTask task) =>
        Check(schema.Select(c => c.Name), name => schema.GetColumnOrNull(name) is { } c ? Of(c.Type) : null, features, label, task);

    /// <summary>Checks the features and label columns of an estimator's input.</summary>
    public static void Check(SchemaShape schema, string features, string label, TrainerTask task) =>
        Check(schema.Select(c => c.Name), name => schema.Where(c => c.Name == name).Select(c => (Seen?)new Seen(c.Kind, c.ItemType, c.IsKey))
            .LastOrDefault(), features, label, task);

    private static void Check(IEnumerable<string> names, Func<string, Seen?> find, string features, string label, TrainerTask task)
    {
        var f = find(features) ?? throw Missing("feature", features, names);
        if (f.Kind != Kind.Vector || f.IsKey || f.Item != NumberDataViewType.Single)
            throw Mismatch("feature", features, "known-size vector of Single", f);
        var l = find(label) ?? throw Missing("label", label, names);
        if (task == TrainerTask.Multiclass && (l.Kind != Kind.Scalar || !l.IsKey))
            throw Mismatch("label", label, "Key (make one with mlContext.Transforms.Conversion.MapValueToKey)", l);
        if (task == TrainerTask.Regression && (l.Kind != Kind.Scalar || l.IsKey || l.Item != NumberDataViewType.Single))
            throw Mismatch("label", label, "Single", l);
        if (task == TrainerTask.Binary && (l.Kind != Kind.Scalar || l.IsKey || l.Item != BooleanDataViewType.Instance))
            throw Mismatch("label", label, "Boolean", l);
    }

    private static Seen Of(DataViewType type)
    {
        var kind = type is VectorDataViewType v ? v.IsKnownSize ? Kind.Vector : Kind.VariableVector : Kind.Scalar;
        var item = type is VectorDataViewType vector ? vector.ItemType : type;
        return new Seen(kind, item, item is KeyDataViewType);
    }

    private static ArgumentOutOfRangeException Missing(string role, string name, IEnumerable<string> names) =>
        new("inputSchema", $"Could not find {role} column '{name}' (the columns are: {string.Join(", ", names.Distinct())})");

    // A label of the wrong type names parameter labelCol, as TrainerEstimatorBase.CheckLabelCompatible does; the rest inputSchema.
    private static ArgumentOutOfRangeException Mismatch(string role, string name, string expected, Seen actual) =>
        new(role == "label" ? "labelCol" : "inputSchema", $"Schema mismatch for {role} column '{name}': expected {expected}, got {Describe(actual)}");

    private static string Describe(Seen column)
    {
        string item = column.IsKey && column.Item is not KeyDataViewType ? $"Key<{column.Item}>" : column.Item.ToString() ?? "";
        return column.Kind switch
        {
            Kind.Scalar => item,
            Kind.Vector => $"Vector<{item}>",
            _ => $"Vector<{item}> of variable size",
        };
    }
}

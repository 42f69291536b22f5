using Backprop.Data.Preprocessing;

namespace Backprop.Onnx;

/// <summary>
/// The model's gap and unseen-category policies in the graph: a NaN in X is replaced by its column's saved fill (Where
/// with IsNaN; a column without a fill keeps NaN), a missing indicator is IsNaN of its column, and a categorical
/// column's gap spellings (empty, ?, NA, …, fed as strings) set the input its gap policy names. An unseen category sets
/// no input, as OneHotEncoder with <c>zeros=1</c> does anyway.
/// </summary>
internal static class GapExport
{
    /// <summary>X [N, F] with each NaN replaced by its column's fill, or X itself when no column has one.</summary>
    public static string Fill(GraphBuilder graph, string x, IReadOnlyList<NumericColumn> numeric)
    {
        if (numeric.All(c => c.Fill is null)) return x;
        var fills = numeric.Select(c => c.Fill ?? 0).ToArray();
        string missing = graph.Node("IsNaN", [x], "missing");
        if (numeric.Any(c => c.Fill is null))
        {
            // Only the columns with a fill (a model's numbers are finite, so no NaN fill stands for "none"): a mask, 1 where filled.
            string mask = graph.Node("Cast", [graph.Numbers("fillable", numeric.Select(c => c.Fill is null ? 0.0 : 1).ToArray(), numeric.Count)],
                "fillable_mask", Attr.Int("to", (int)Proto.TensorProto.Types.DataType.Bool));
            missing = graph.Node("And", [missing, mask], "fillable_missing");
        }
        return graph.Node("Where", [missing, graph.Numbers("fills", fills, numeric.Count), x], "filled");
    }

    /// <summary>The [N, 1] indicator of numeric column <paramref name="position"/> of the raw X: 1 where it is NaN.</summary>
    public static string Indicator(GraphBuilder graph, string rawX, int position, string name)
    {
        string column = graph.Node("Gather", [rawX, graph.Int64s("indicator_column", [position], 1)], $"{name}_raw", Attr.Int("axis", 1));
        string missing = graph.Node("IsNaN", [column], $"{name}_missing");
        return graph.Node("Cast", [missing], $"{name}_indicator", Attr.Int("to", graph.NumberType));
    }

    /// <summary>The categories the encoder is given: the column's, then (for a string input whose gaps are read) the gap spellings.</summary>
    public static IReadOnlyList<string> Categories(CategoricalColumn column, bool strings) =>
        strings && column.FillsGaps ? [.. column.Categories, .. Gaps.Spellings.Where(s => !column.Categories.Contains(s))] : column.Categories;

    /// <summary>
    /// The one-hot [N, encoded] (in the graph's precision) as the column's [N, width] inputs: a 0/1 matrix maps each
    /// category to its input and each gap spelling to the gap's (none for −1); the value itself when the two agree.
    /// </summary>
    public static string Map(GraphBuilder graph, string onehot, CategoricalColumn column, int encoded)
    {
        if (encoded == column.Width) return onehot;
        var map = new double[encoded * column.Width];
        for (int k = 0; k < column.Categories.Count; k++) map[k * column.Width + k] = 1;
        if (column.GapIndex is int gap and >= 0)
            for (int k = column.Categories.Count; k < encoded; k++) map[k * column.Width + gap] = 1;
        return graph.Node("MatMul", [onehot, graph.Numbers("gap_map", map, encoded, column.Width)], $"{column.Name}_gaps");
    }
}

using System.Globalization;
using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;
using Backprop.Onnx.Proto;
using Backprop.Serialization;

namespace Backprop.Onnx;

/// <summary>
/// The graph inputs — the raw columns <c>backprop predict</c> reads — and the nodes that prepare them as the model's
/// preprocessing does: numeric columns together as X [N, F], standardised by Sub and Div; each categorical column its
/// own [N, 1] input, one-hot encoded by ai.onnx.ml OneHotEncoder; the pieces joined by Concat in the model's input order.
/// </summary>
internal static class InputExport
{
    /// <summary>The name of the numeric input.</summary>
    public const string NumericInput = "X";

    /// <summary>Declares the inputs (their names must be reserved first, see <see cref="Names"/>) and returns the [N, features] value the first layer
    /// reads.</summary>
    public static string Append(GraphBuilder graph, ModelDocument model)
    {
        if (model.Preprocessing is not { } pre)
        {
            graph.Graph.Input.Add(GraphBuilder.Value(NumericInput, graph.NumberType, null, model.Inputs));
            return NumericInput;
        }
        var numeric = pre.Inputs.OfType<NumericColumn>().ToList();
        string x = NumericInput;
        if (numeric.Count > 0)
        {
            graph.Graph.Input.Add(GraphBuilder.Value(NumericInput, graph.NumberType, null, numeric.Count));
            x = GapExport.Fill(graph, x, numeric);
            if (numeric.Any(c => c.Standardized))
            {
                // (x − mean) / scale for every numeric column; the others have mean 0 and scale 1, which leave them exactly as they are.
                x = graph.Node("Sub", [x, graph.Numbers("means", numeric.Select(c => c.Mean).ToArray(), numeric.Count)], "centred");
                x = graph.Node("Div", [x, graph.Numbers("scales", numeric.Select(c => c.Scale).ToArray(), numeric.Count)], "standardised");
            }
            if (numeric.Any(c => c.Clip)) x = SmoothClip(graph, x, numeric);
            if (numeric.Count == pre.Inputs.Count) return x;
        }
        var pieces = new List<string>();
        int position = 0;
        for (int i = 0; i < pre.Inputs.Count;)
        {
            if (pre.Inputs[i] is CategoricalColumn category)
            {
                pieces.Add(OneHot(graph, category));
                i++;
                continue;
            }
            if (pre.Inputs[i] is MissingIndicatorColumn indicator)
            {
                pieces.Add(GapExport.Indicator(graph, NumericInput, numeric.FindIndex(c => c.Name == indicator.Name), indicator.Name));
                i++;
                continue;
            }
            int first = position;
            for (; i < pre.Inputs.Count && pre.Inputs[i] is NumericColumn; i++) position++;
            var columns = Enumerable.Range(first, position - first).Select(c => (long)c);
            pieces.Add(graph.Node("Gather", [x, graph.Int64s("numeric_columns", columns, position - first)], "numeric", Attr.Int("axis", 1)));
        }
        return graph.Node("Concat", pieces, "features", Attr.Int("axis", 1));
    }

    /// <summary>
    /// Robust scaling's smooth clip, u / √(1 + (u/d)²), as Backprop computes it step by step: d = 3 for a clipped column and
    /// +∞ for the others, whose u/∞ = 0 leaves them exactly as they are.
    /// </summary>
    private static string SmoothClip(GraphBuilder graph, string x, List<NumericColumn> numeric)
    {
        var widths = numeric.Select(c => c.Clip ? 3.0 : double.PositiveInfinity).ToArray();
        string ratio = graph.Node("Div", [x, graph.Numbers("clip_widths", widths, numeric.Count)], "clip_ratio");
        string square = graph.Node("Mul", [ratio, ratio], "clip_square");
        string sum = graph.Node("Add", [graph.Numbers("clip_one", [1.0]), square], "clip_sum");
        return graph.Node("Div", [x, graph.Node("Sqrt", [sum], "clip_root")], "clipped");
    }

    /// <summary>The names of the graph inputs of <paramref name="model"/>.</summary>
    public static IEnumerable<string> Names(ModelDocument model)
    {
        if (model.Preprocessing is not { } pre || pre.Inputs.Any(c => c is NumericColumn)) yield return NumericInput;
        if (model.Preprocessing is { } p)
            foreach (var c in p.Inputs.OfType<CategoricalColumn>()) yield return c.Name;
    }

    /// <summary>The integer codes of the categories when every one is an integer (then the input is int64), else null (a string input).</summary>
    public static long[]? IntegerCodes(CategoricalColumn column)
    {
        var codes = new long[column.Categories.Count];
        for (int i = 0; i < codes.Length; i++)
            if (!long.TryParse(column.Categories[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out codes[i])) return null;
        return codes.Distinct().Count() == codes.Length ? codes : null;
    }

    private static string OneHot(GraphBuilder graph, CategoricalColumn column)
    {
        var codes = IntegerCodes(column);
        if (CodedGapExport.Applies(column, codes)) return CodedGapExport.OneHot(graph, column, codes!);
        int type = codes is null ? (int)TensorProto.Types.DataType.String : (int)TensorProto.Types.DataType.Int64;
        graph.Graph.Input.Add(GraphBuilder.Value(column.Name, type, null, 1));
        var names = GapExport.Categories(column, strings: codes is null);
        var categories = codes is null ? Attr.Strings("cats_strings", names) : Attr.Ints("cats_int64s", codes);
        // [N, 1] in, [N, 1, K] out (an unknown category gives all zeros), then [N, K].
        string encoded = graph.NodeIn(OnnxOpsets.MachineLearning, "OneHotEncoder", [column.Name], $"{column.Name}_onehot", categories,
            Attr.Int("zeros", 1));
        // Declared, for checkers whose OneHotEncoder schema infers no output type (onnx 1.12's strict shape inference stops at the
        // Reshape otherwise).
        graph.Graph.ValueInfo.Add(GraphBuilder.Value(encoded, (int)TensorProto.Types.DataType.Float, null, 1, names.Count));
        string flat = graph.Node("Reshape", [encoded, graph.Int64s("onehot_shape", [-1, names.Count], 2)], $"{column.Name}_encoded");
        flat = graph.Precision == OnnxPrecision.Double ? graph.Node("Cast", [flat], $"{column.Name}_double", Attr.Int("to", graph.NumberType)) : flat;
        return GapExport.Map(graph, flat, column, names.Count);
    }

    /// <summary>Throws when a column's name is that of another input or output.</summary>
    public static void CheckNames(GraphBuilder graph, ModelDocument model, IEnumerable<string> outputs)
    {
        foreach (var name in Names(model).Concat(outputs))
            if (!graph.Reserve(name))
                throw new BackpropException($"the graph would have two values named {Quoted.Name(name)} "
                    + "(a categorical column named like the numeric input X or an output): rename the column and train again");
    }
}

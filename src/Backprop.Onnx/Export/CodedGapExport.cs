using Backprop.Data.Preprocessing;
using Backprop.Onnx.Proto;

namespace Backprop.Onnx;

/// <summary>
/// A categorical column whose categories are all integers and whose model reads a gap as a category (its own, or the
/// most frequent): an int64 input cannot hold a gap, so the column is a double [N, 1] input in which NaN is the gap, as
/// in X. A value that is not an integer code (a gap, a fraction, a number beyond int64) sets none of the categories;
/// a gap then sets the input the gap policy names. Integer columns without such a policy keep their int64 input.
/// </summary>
internal static class CodedGapExport
{
    /// <summary>True when <paramref name="column"/>, whose categories are the integer <paramref name="codes"/> (null when they are not), is a
    /// double input with NaN for a gap.</summary>
    public static bool Applies(CategoricalColumn column, long[]? codes) => codes is not null && column.FillsGaps && column.GapIndex >= 0;

    /// <summary>Declares the double input and returns the column's [N, width] inputs in the graph's precision.</summary>
    public static string OneHot(GraphBuilder graph, CategoricalColumn column, long[] codes)
    {
        string name = column.Name;
        graph.Graph.Input.Add(GraphBuilder.Value(name, (int)TensorProto.Types.DataType.Double, null, 1));
        string zero = graph.Doubles("code_zero", [0.0]);
        string missing = graph.Node("IsNaN", [name], $"{name}_missing");
        string safe = graph.Node("Where", [missing, zero, name], $"{name}_unfilled");
        // A code is a whole number inside int64's range (|x| < 2⁶³) that is not a gap; anything else is none of the categories,
        // as predict reads a fraction or a number no category equals.
        string whole = graph.Node("Equal", [graph.Node("Floor", [safe], $"{name}_floor"), safe], $"{name}_whole");
        string inRange = graph.Node("Less", [graph.Node("Abs", [safe], $"{name}_abs"), graph.Doubles("code_limit", [9223372036854775808.0])],
            $"{name}_in_range");
        string given = graph.Node("Not", [missing], $"{name}_given");
        string known = graph.Node("And", [graph.Node("And", [whole, inRange], $"{name}_integral"), given], $"{name}_code_ok");
        string code = graph.Node("Cast", [graph.Node("Where", [known, safe, zero], $"{name}_code_value")], $"{name}_code",
            Attr.Int("to", (int)TensorProto.Types.DataType.Int64));
        // [N, 1] in, [N, 1, K] out (a code that is no category gives all zeros), then [N, K] in the graph's precision.
        string encoded = graph.NodeIn(OnnxOpsets.MachineLearning, "OneHotEncoder", [code], $"{name}_onehot", Attr.Ints("cats_int64s", codes),
            Attr.Int("zeros", 1));
        graph.Graph.ValueInfo.Add(GraphBuilder.Value(encoded, (int)TensorProto.Types.DataType.Float, null, 1, codes.Length));
        string flat = graph.Node("Reshape", [encoded, graph.Int64s("onehot_shape", [-1, codes.Length], 2)], $"{name}_encoded");
        flat = graph.Precision == OnnxPrecision.Double ? graph.Node("Cast", [flat], $"{name}_double", Attr.Int("to", graph.NumberType)) : flat;
        // The code 0 stands in for a gap and a non-code above: their rows are cleared, then the gap gets a column of its own, [N, K + 1],
        // which the gap map sends to the input the policy names.
        flat = graph.Node("Mul", [flat, graph.Node("Cast", [known], $"{name}_known", Attr.Int("to", graph.NumberType))], $"{name}_codes");
        string gap = graph.Node("Cast", [missing], $"{name}_gap", Attr.Int("to", graph.NumberType));
        string joined = graph.Node("Concat", [flat, gap], $"{name}_with_gap", Attr.Int("axis", 1));
        return GapExport.Map(graph, joined, column, codes.Length + 1);
    }
}

using Backprop.Onnx.Proto;
using Type = Backprop.Onnx.Proto.AttributeProto.Types.AttributeType;

namespace Backprop.Onnx;

/// <summary>
/// A node's attributes read with their declared types: an attribute given twice, or of another type than the op's
/// (alpha as a list of ints), is refused as ONNX Runtime refuses it, rather than read as 0.
/// </summary>
internal static class NodeAttributes
{
    public static long Int(GraphIndex graph, int node, string name, long fallback) => Get(graph, node, name, Type.Int) is { } a ? a.I : fallback;

    public static double Float(GraphIndex graph, int node, string name, double fallback) =>
        Get(graph, node, name, Type.Float) is { } a ? a.F : fallback;

    /// <summary>
    /// The attribute <paramref name="name"/> of node <paramref name="node"/>, which must be of type <paramref name="type"/>;
    /// null when absent.
    /// </summary>
    public static AttributeProto? Get(GraphIndex graph, int node, string name, Type type)
    {
        AttributeProto? found = null;
        foreach (var attribute in graph.Graph.Node[node].Attribute)
        {
            if (attribute.Name != name) continue;
            if (found is not null) throw graph.NodeError(node, $"attribute {Quoted.Name(name)} is given twice");
            found = attribute;
        }
        if (found is null) return null;
        // Files that leave the type out (UNDEFINED) are read by the field that holds a value, as ONNX's own readers do.
        var actual = found.Type != Type.Undefined ? found.Type : Holding(found);
        if (actual != type)
            throw graph.NodeError(node,
                $"attribute {Quoted.Name(name)} is {Describe(actual)}, but {graph.Graph.Node[node].OpType} takes {Describe(type)}");
        return found;
    }

    private static Type Holding(AttributeProto a) =>
        a.HasF ? Type.Float : a.HasI ? Type.Int : a.HasS ? Type.String : a.T is not null ? Type.Tensor : a.Floats.Count > 0 ? Type.Floats
        : a.Ints.Count > 0 ? Type.Ints : a.Strings.Count > 0 ? Type.Strings : Type.Undefined;

    private static string Describe(Type type) => type switch
    {
        Type.Float => "a float",
        Type.Int => "an int",
        Type.String => "a string",
        Type.Tensor => "a tensor",
        Type.Floats => "a list of floats",
        Type.Ints => "a list of ints",
        Type.Strings => "a list of strings",
        Type.Undefined => "empty",
        var other => $"of type {other.ToString().ToLowerInvariant()}",
    };
}

using Backprop.Onnx.Proto;
using Google.Protobuf;

namespace Backprop.Onnx;

/// <summary>Adds nodes, constants and typed inputs and outputs to a <see cref="GraphProto"/>, naming each value once.</summary>
internal sealed class GraphBuilder(OnnxPrecision precision)
{
    private readonly HashSet<string> _names = [];
    private readonly Dictionary<string, int> _counters = [];

    public GraphProto Graph { get; } = new() { Name = "backprop" };

    /// <summary>The element type of the network's numbers.</summary>
    public OnnxPrecision Precision { get; } = precision;

    /// <summary>The ONNX data type of the network's numbers.</summary>
    public int NumberType => Precision == OnnxPrecision.Double ? (int)TensorProto.Types.DataType.Double : (int)TensorProto.Types.DataType.Float;

    /// <summary>A value name not used yet: <paramref name="hint"/> itself the first time, then hint_1, hint_2, ….</summary>
    public string Fresh(string hint)
    {
        if (_names.Add(hint)) return hint;
        int n = _counters.GetValueOrDefault(hint);
        string name;
        do name = $"{hint}_{++n}"; while (!_names.Add(name));
        _counters[hint] = n;
        return name;
    }

    /// <summary>Reserves a name that must be exactly <paramref name="name"/> (a graph input or output).</summary>
    public bool Reserve(string name) => _names.Add(name);

    /// <summary>Adds a constant of the network's precision; returns its name.</summary>
    public string Numbers(string hint, ReadOnlySpan<double> values, params long[] dims)
    {
        var tensor = new TensorProto { Name = Fresh(hint), DataType = NumberType };
        tensor.Dims.AddRange(dims);
        if (Precision == OnnxPrecision.Double) foreach (double v in values) tensor.DoubleData.Add(v);
        else foreach (double v in values) tensor.FloatData.Add((float)v);
        Graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Adds a double constant whatever the network's precision (integer codes fed as doubles); returns its name.</summary>
    public string Doubles(string hint, ReadOnlySpan<double> values, params long[] dims)
    {
        var tensor = new TensorProto { Name = Fresh(hint), DataType = (int)TensorProto.Types.DataType.Double };
        tensor.Dims.AddRange(dims);
        foreach (double v in values) tensor.DoubleData.Add(v);
        Graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Adds an int64 constant; returns its name.</summary>
    public string Int64s(string hint, IEnumerable<long> values, params long[] dims)
    {
        var tensor = new TensorProto { Name = Fresh(hint), DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.AddRange(dims);
        tensor.Int64Data.AddRange(values);
        Graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Adds a string constant; returns its name.</summary>
    public string Strings(string hint, IReadOnlyList<string> values)
    {
        var tensor = new TensorProto { Name = Fresh(hint), DataType = (int)TensorProto.Types.DataType.String };
        tensor.Dims.Add(values.Count);
        foreach (var v in values) tensor.StringData.Add(ByteString.CopyFromUtf8(v));
        Graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Adds a node with one output named from <paramref name="outputHint"/>; returns the output's name.</summary>
    public string Node(string op, IEnumerable<string> inputs, string outputHint, params AttributeProto[] attributes) =>
        NodeIn("", op, inputs, outputHint, attributes);

    /// <summary>Adds a node of <paramref name="domain"/> (empty for the default one); returns the output's name.</summary>
    public string NodeIn(string domain, string op, IEnumerable<string> inputs, string outputHint, params AttributeProto[] attributes)
    {
        string output = Fresh(outputHint);
        Emit(domain, op, inputs, output, attributes);
        return output;
    }

    /// <summary>Adds a default-domain node whose output is exactly <paramref name="output"/>, a name reserved before (a graph output).</summary>
    public string NodeTo(string op, IEnumerable<string> inputs, string output, params AttributeProto[] attributes)
    {
        Emit("", op, inputs, output, attributes);
        return output;
    }

    private void Emit(string domain, string op, IEnumerable<string> inputs, string output, AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = Fresh(op), Domain = domain };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
    }

    /// <summary>Declares a graph input or output of element type <paramref name="elementType"/> and shape <paramref name="dims"/> (null for the
    /// symbolic batch dimension N).</summary>
    public static ValueInfoProto Value(string name, int elementType, params long?[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
            shape.Dim.Add(d is long size ? new TensorShapeProto.Types.Dimension { DimValue = size }
                : new TensorShapeProto.Types.Dimension { DimParam = "N" });
        return new ValueInfoProto { Name = name, Type =
            new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = elementType, Shape = shape } } };
    }
}

using Backprop.Diagnostics;
using Backprop.Onnx.Proto;
using static Backprop.Onnx.Proto.AttributeProto.Types.AttributeType;

namespace Backprop.Onnx;

/// <summary>An imported graph indexed for walking: its constants, who reads each value, and which nodes have been accounted for.</summary>
internal sealed class GraphIndex
{
    private readonly Dictionary<string, TensorValues> _constants = [];
    private readonly Dictionary<string, List<int>> _readers = [];
    private readonly HashSet<int> _used = [];

    public GraphIndex(ModelProto model, string source)
    {
        Source = source;
        Graph = model.Graph;
        Opset = model.OpsetImport.Where(o => o.Domain is "" or OnnxOpsets.Default).Select(o => o.Version).DefaultIfEmpty(1).Max();
        GraphCheck.Run(this);
        foreach (var tensor in Graph.Initializer) _constants[tensor.Name] = TensorValues.Read(tensor, p => Error(p));
        for (int i = 0; i < Graph.Node.Count; i++)
        {
            var node = Graph.Node[i];
            if (node.OpType == "Constant" && node.Domain is "" or OnnxOpsets.Default)
            {
                _constants[node.Output[0]] = ConstantValue(i);
                _used.Add(i);
                continue;
            }
            foreach (var input in node.Input.Where(n => n.Length > 0)) CollectionsMarshalAdd(input, i);
        }
        Outputs = Graph.Output.Select(o => o.Name).ToHashSet();
    }

    public string Source { get; }

    public GraphProto Graph { get; }

    /// <summary>The default-domain opset the graph declares.</summary>
    public long Opset { get; }

    /// <summary>The names of the graph outputs.</summary>
    public HashSet<string> Outputs { get; }

    public bool IsConstant(string name) => _constants.ContainsKey(name);

    /// <summary>The constant <paramref name="name"/>, read by node <paramref name="node"/>.</summary>
    public TensorValues Constant(string name, int node) =>
        _constants.TryGetValue(name, out var values) ? values
        : throw NodeError(node, $"input {Quoted.Name(name)} must be a constant (an initializer): Backprop imports fixed weights");

    /// <summary>The nodes that read <paramref name="value"/>.</summary>
    public IReadOnlyList<int> Readers(string value) => _readers.TryGetValue(value, out var list) ? list : [];

    /// <summary>Marks node <paramref name="node"/> as accounted for.</summary>
    public void Use(int node) => _used.Add(node);

    /// <summary>The first node that is neither constant nor part of the network nor of a recognised classifier tail.</summary>
    public int? FirstUnused() => Enumerable.Range(0, Graph.Node.Count).Cast<int?>().FirstOrDefault(i => !_used.Contains(i!.Value));

    /// <summary>How a node is named in messages: <c>node 'name' (Op)</c>, or its position when it has no name.</summary>
    public string Describe(int node)
    {
        var n = Graph.Node[node];
        string op = Quoted.Name(n.OpType)[1..^1];
        return n.Name.Length > 0 ? $"node {Quoted.Name(n.Name)} ({op})" : $"node #{node + 1} ({op})";
    }

    public ModelFormatException Error(string problem) => new(problem, Source);

    public ModelFormatException NodeError(int node, string problem) => new($"{Describe(node)}: {problem}", Source);

    private TensorValues ConstantValue(int node)
    {
        var n = Graph.Node[node];
        if (n.Attribute.Count != 1) throw NodeError(node, $"a Constant has one value attribute, this one has {n.Attribute.Count}");
        var attribute = n.Attribute[0];
        return attribute.Name switch
        {
            "value" => TensorValues.Read(
                NodeAttributes.Get(this, node, "value", Tensor)?.T ?? throw NodeError(node, "its 'value' holds no tensor"), p => NodeError(node, p)),
            "value_float" => TensorValues.Of(n.Output[0], [], [NodeAttributes.Get(this, node, "value_float", Float)!.F], p => NodeError(node, p)),
            "value_floats" => TensorValues.Of(n.Output[0], [attribute.Floats.Count],
                NodeAttributes.Get(this, node, "value_floats", Floats)!.Floats.Select(v => (double)v).ToArray(), p => NodeError(node, p)),
            "value_int" => TensorValues.Of(n.Output[0], [], [NodeAttributes.Get(this, node, "value_int", Int)!.I], p => NodeError(node, p)),
            "value_ints" => TensorValues.Of(n.Output[0], [attribute.Ints.Count],
                NodeAttributes.Get(this, node, "value_ints", Ints)!.Ints.Select(v => (double)v).ToArray(), p => NodeError(node, p)),
            var other => throw NodeError(node, $"attribute {Quoted.Name(other)} is not supported"),
        };
    }

    private void CollectionsMarshalAdd(string value, int node)
    {
        if (!_readers.TryGetValue(value, out var list)) _readers[value] = list = [];
        // Nodes come in order, so a node reading the value twice is the last one listed: constant time, whatever the graph.
        if (list.Count == 0 || list[^1] != node) list.Add(node);
    }
}

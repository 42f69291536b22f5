namespace Backprop.Onnx;

/// <summary>
/// What any ONNX graph must be before it is walked, as ONNX Runtime checks it on loading: each known op has its
/// operands and one output, every value is defined once (by the graph input, an initializer or one node) before it is
/// read, and the nodes form no cycle. With these the walks from the input end; without them a missing operand would be
/// read past the end of a list and a cycle would be followed forever.
/// </summary>
internal static class GraphCheck
{
    /// <summary>Operands per op: the fewest and the most inputs, and how many of the first are required (not "").</summary>
    private static readonly Dictionary<string, (int Least, int Most, string Operands)> Arity = new()
    {
        ["Gemm"] = (2, 3, "A, B and an optional bias C"),
        ["MatMul"] = (2, 2, "A and B"),
        ["Add"] = (2, 2, "A and B"),
        ["Sub"] = (2, 2, "A and B"),
        ["Div"] = (2, 2, "A and B"),
        ["Gather"] = (2, 2, "the data and the indices"),
        ["ArrayFeatureExtractor"] = (2, 2, "the data and the indices"),
        ["Reshape"] = (1, 2, "the data and the shape"),
        ["Concat"] = (1, int.MaxValue, "one or more tensors"),
        ["Constant"] = (0, 0, "no inputs"),
        ["Relu"] = (1, 1, "one input"), ["Sigmoid"] = (1, 1, "one input"), ["Tanh"] = (1, 1, "one input"),
        ["LeakyRelu"] = (1, 1, "one input"), ["Softmax"] = (1, 1, "one input"), ["Identity"] = (1, 1, "one input"),
        ["Flatten"] = (1, 1, "one input"), ["Cast"] = (1, 1, "one input"), ["ArgMax"] = (1, 1, "one input"),
        ["Scaler"] = (1, 1, "one input"), ["ZipMap"] = (1, 1, "one input"),
    };

    private const int GraphInput = -1, Initializer = -2;

    public static void Run(GraphIndex graph)
    {
        var g = graph.Graph;
        var defined = new Dictionary<string, int>(); // value → the node defining it; GraphInput, Initializer for the others
        foreach (var input in g.Input)
        {
            if (input.Name.Length == 0) throw graph.Error("a graph input has no name");
            if (!defined.TryAdd(input.Name, GraphInput)) throw graph.Error($"the graph input {Quoted.Name(input.Name)} is declared twice");
        }
        var initializers = new HashSet<string>();
        foreach (var tensor in g.Initializer)
        {
            if (tensor.Name.Length == 0) throw graph.Error("an initializer has no name");
            // An initializer may also be listed as a graph input (its default value, as files before IR version 4 require).
            if (!initializers.Add(tensor.Name)) throw graph.Error($"initializer {Quoted.Name(tensor.Name)} is defined twice");
            defined.TryAdd(tensor.Name, Initializer);
        }
        for (int i = 0; i < g.Node.Count; i++) CheckNode(graph, i, defined);
        for (int i = 0; i < g.Node.Count; i++)
            foreach (var input in g.Node[i].Input)
                if (input.Length > 0 && !defined.ContainsKey(input))
                    throw graph.NodeError(i, $"its input {Quoted.Name(input)} is defined by no node, initializer or graph input");
        var outputs = new HashSet<string>();
        foreach (var output in g.Output)
        {
            if (output.Name.Length == 0) throw graph.Error("a graph output has no name");
            if (!outputs.Add(output.Name)) throw graph.Error($"the graph output {Quoted.Name(output.Name)} is declared twice");
            if (!defined.ContainsKey(output.Name)) throw graph.Error($"the graph output {Quoted.Name(output.Name)} is computed by no node");
        }
        if (Cycle(graph, defined) is int node)
            throw graph.NodeError(node, "is part of a cycle (its input depends on its own output); an ONNX graph has none");
    }

    private static void CheckNode(GraphIndex graph, int i, Dictionary<string, int> defined)
    {
        var node = graph.Graph.Node[i];
        if (Arity.TryGetValue(node.OpType, out var arity))
        {
            int n = node.Input.Count;
            if (n < arity.Least || n > arity.Most)
            {
                string range = arity.Most == int.MaxValue ? $"at least {arity.Least}"
                    : arity.Least == arity.Most ? $"{arity.Least}" : $"{arity.Least} or {arity.Most}";
                throw graph.NodeError(i, $"has {Count(n, "input")}; {node.OpType} takes {range} ({arity.Operands})");
            }
            int empty = node.Input.Take(arity.Least).ToList().FindIndex(v => v.Length == 0);
            if (empty >= 0) throw graph.NodeError(i, $"its operand {empty + 1} has no name: {node.OpType} takes {arity.Operands}");
            if (node.Output.Count != 1) throw graph.NodeError(i, $"has {Count(node.Output.Count, "output")}; {node.OpType} has one");
            if (node.Output[0].Length == 0) throw graph.NodeError(i, "its output has no name");
        }
        foreach (var output in node.Output)
        {
            if (output.Length == 0) continue; // an optional output left out
            if (!defined.TryAdd(output, i))
            {
                int other = defined[output];
                string by = other switch { GraphInput => "a graph input", Initializer => "an initializer", _ => graph.Describe(other) };
                throw graph.NodeError(i, $"its output {Quoted.Name(output)} is already defined by {by}: each value is defined once");
            }
        }
    }

    /// <summary>A node on a cycle, or null: the nodes left when those whose inputs are all ready are taken one by one (Kahn's order).</summary>
    private static int? Cycle(GraphIndex graph, Dictionary<string, int> defined)
    {
        var nodes = graph.Graph.Node;
        var waiting = new int[nodes.Count];
        var readers = new List<int>?[nodes.Count];
        for (int i = 0; i < nodes.Count; i++)
            foreach (var producer in nodes[i].Input.Where(v => v.Length > 0).Select(v => defined[v]).Where(p => p >= 0).Distinct())
            {
                waiting[i]++;
                (readers[producer] ??= []).Add(i);
            }
        var ready = new Queue<int>(Enumerable.Range(0, nodes.Count).Where(i => waiting[i] == 0));
        int done = 0;
        while (ready.TryDequeue(out int node))
        {
            done++;
            foreach (int reader in readers[node] ?? [])
                if (--waiting[reader] == 0) ready.Enqueue(reader);
        }
        return done == nodes.Count ? null : Array.FindIndex(waiting, w => w > 0);
    }

    private static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";
}

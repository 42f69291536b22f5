using System.Globalization;
using Backprop.Onnx.Proto;

namespace Backprop.Onnx;

/// <summary>
/// The nodes skl2onnx puts after an MLPClassifier's last activation, read for the class names: for two classes
/// Sub(1, p) and Concat into [1 − p, p]; then ArgMax, ArrayFeatureExtractor over the class constant, Reshape and Cast
/// to the label, and a ZipMap or a plain tensor for the probabilities. Backprop's own export (Gather of the class names)
/// reads back the same way.
/// </summary>
internal static class ClassifierTail
{
    /// <summary>The class names when the nodes reading <paramref name="scores"/> are such a tail, else null (then <paramref name="scores"/> must be
    /// an output).</summary>
    public static IReadOnlyList<string>? Read(GraphIndex graph, string scores, int units)
    {
        var readers = graph.Readers(scores);
        string[] tailOps = units == 1 ? ["Sub", "Concat"] : ["ArgMax", "ZipMap", "Identity"];
        if (readers.Count == 0 || !readers.Any(r => tailOps.Contains(graph.Graph.Node[r].OpType))) return null;
        string probabilities = scores;
        if (units == 1)
        {
            // [1 − p, p]: a Sub from the constant 1, then a Concat of the two along axis 1.
            int sub = Single(graph, readers, "Sub", scores);
            var s = graph.Graph.Node[sub];
            if (s.Input[1] != scores || !graph.IsConstant(s.Input[0]) || graph.Constant(s.Input[0], sub).Numbers is not [1.0])
                throw graph.NodeError(sub, "only Sub(1, p), the probability of the first class, may follow a single sigmoid output");
            int concat = Single(graph, readers, "Concat", scores);
            var c = graph.Graph.Node[concat];
            if (c.Input.Count != 2 || c.Input[0] != s.Output[0] || c.Input[1] != scores || Int(graph, concat, "axis") != 1)
                throw graph.NodeError(concat, "expected Concat(1 − p, p) along axis 1");
            if (readers.Count != 2) throw graph.NodeError(readers.First(r => r != sub && r != concat), "is not part of a classifier's output");
            graph.Use(sub);
            graph.Use(concat);
            probabilities = c.Output[0];
            readers = graph.Readers(probabilities);
        }
        probabilities = SkipIdentities(graph, probabilities, ref readers);
        IReadOnlyList<string>? classes = null;
        int named = -1; // the node that gives the class names
        foreach (int r in readers)
        {
            var node = graph.Graph.Node[r];
            switch (node.OpType)
            {
                case "ArgMax":
                    if (Int(graph, r, "axis") != 1) throw graph.NodeError(r, "only ArgMax along axis 1 (the classes of a row) is supported");
                    graph.Use(r);
                    if (Label(graph, node.Output[0]) is var (names, at)) (classes, named) = (Same(graph, at, names, classes, named), at);
                    break;
                case "ZipMap" when node.Domain == OnnxOpsets.MachineLearning:
                    graph.Use(r);
                    var ints = NodeAttributes.Get(graph, r, "classlabels_int64s", AttributeProto.Types.AttributeType.Ints)?.Ints;
                    var strings = NodeAttributes.Get(graph, r, "classlabels_strings", AttributeProto.Types.AttributeType.Strings)?.Strings;
                    var labels = ints is { Count: > 0 } ? ints.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToList()
                        : strings?.Select(b => b.ToStringUtf8()).ToList();
                    if (labels is not null) (classes, named) = (Same(graph, r, labels, classes, named), classes is null ? r : named);
                    break;
                default:
                    throw graph.NodeError(r, "is not part of an MLP or of a classifier's output");
            }
        }
        if (classes is null)
            throw graph.Error($"the probabilities {Quoted.Name(probabilities)} are read, but no ArgMax over class names gives a label");
        CheckNames(graph, named, classes);
        return classes;
    }

    /// <summary>Refuses what every later command would refuse in the model file: a class without a name, a class named twice.</summary>
    private static void CheckNames(GraphIndex graph, int node, IReadOnlyList<string> classes)
    {
        int empty = classes.ToList().FindIndex(c => c.Trim().Length == 0);
        if (empty >= 0) throw graph.NodeError(node, $"class {empty + 1} of {classes.Count} has a blank name ({Quoted.Name(classes[empty])})");
        var seen = new HashSet<string>();
        foreach (string c in classes)
            if (!seen.Add(c))
                throw graph.NodeError(node, $"the class {Quoted.Name(c)} is named twice among {classes.Count} classes ({Quoted.List(classes, 5)})");
    }

    /// <summary>The class names <paramref name="found"/> at node <paramref name="at"/>, which must be those found before, if any.</summary>
    private static IReadOnlyList<string> Same(GraphIndex graph, int at, IReadOnlyList<string> found, IReadOnlyList<string>? before, int beforeAt)
    {
        if (before is null || before.SequenceEqual(found)) return found;
        throw graph.NodeError(at, $"names the classes {Quoted.List(found, 5)}, but {graph.Describe(beforeAt)} names them {Quoted.List(before, 5)}");
    }

    /// <summary>From the ArgMax output: ArrayFeatureExtractor or Gather over the class constant, then Reshape, Cast or Identity to a graph
    /// output.</summary>
    private static (IReadOnlyList<string> Names, int Node)? Label(GraphIndex graph, string index)
    {
        var readers = graph.Readers(index);
        if (readers.Count != 1) return null;
        int r = readers[0];
        var node = graph.Graph.Node[r];
        bool extractor = node.OpType == "ArrayFeatureExtractor" && node.Domain == OnnxOpsets.MachineLearning;
        if (!(extractor || node.OpType == "Gather") || node.Input[1] != index)
            throw graph.NodeError(r, "expected ArrayFeatureExtractor or Gather of the class names at the ArgMax");
        var names = graph.Constant(node.Input[0], r);
        graph.Use(r);
        string value = node.Output[0];
        while (graph.Readers(value) is [int next] && graph.Graph.Node[next].OpType is "Reshape" or "Cast" or "Identity")
        {
            graph.Use(next);
            value = graph.Graph.Node[next].Output[0];
        }
        if (!graph.Outputs.Contains(value) || graph.Readers(value).Count > 0)
            throw graph.Error($"the label {Quoted.Name(value)} is not a graph output");
        return ((IReadOnlyList<string>?)names.Texts ?? names.Numbers!.Select(v => v.ToString("R", CultureInfo.InvariantCulture)).ToList(), r);
    }

    private static string SkipIdentities(GraphIndex graph, string value, ref IReadOnlyList<int> readers)
    {
        while (readers is [int only] && graph.Graph.Node[only].OpType == "Identity")
        {
            graph.Use(only);
            value = graph.Graph.Node[only].Output[0];
            readers = graph.Readers(value);
        }
        return value;
    }

    private static int Single(GraphIndex graph, IReadOnlyList<int> readers, string op, string value)
    {
        var found = readers.Where(r => graph.Graph.Node[r].OpType == op).ToList();
        if (found.Count != 1)
            throw graph.NodeError(readers[0],
                $"a single sigmoid output {Quoted.Name(value)} must be read by one Sub and one Concat, as skl2onnx writes a binary classifier");
        return found[0];
    }

    private static long Int(GraphIndex graph, int node, string name) => NodeAttributes.Int(graph, node, name, 0);
}

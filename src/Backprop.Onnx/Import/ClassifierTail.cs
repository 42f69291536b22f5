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
    /// <summary>The class names when the nodes reading <paramref name="scores"/> are such a tail, else null (then <paramref name="scores"/> must be an output).</summary>
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
            if (c.Input.Count != 2 || c.Input[0] != s.Output[0] || c.Input[1] != scores || Int(c, "axis") != 1)
                throw graph.NodeError(concat, "expected Concat(1 − p, p) along axis 1");
            if (readers.Count != 2) throw graph.NodeError(readers.First(r => r != sub && r != concat), "is not part of a classifier's output");
            graph.Use(sub);
            graph.Use(concat);
            probabilities = c.Output[0];
            readers = graph.Readers(probabilities);
        }
        probabilities = SkipIdentities(graph, probabilities, ref readers);
        IReadOnlyList<string>? classes = null;
        foreach (int r in readers)
        {
            var node = graph.Graph.Node[r];
            switch (node.OpType)
            {
                case "ArgMax":
                    if (Int(node, "axis") != 1) throw graph.NodeError(r, "only ArgMax along axis 1 (the classes of a row) is supported");
                    graph.Use(r);
                    classes = Label(graph, node.Output[0]) ?? classes;
                    break;
                case "ZipMap" when node.Domain == OnnxOpsets.MachineLearning:
                    graph.Use(r);
                    var ints = node.Attribute.FirstOrDefault(a => a.Name == "classlabels_int64s")?.Ints;
                    var strings = node.Attribute.FirstOrDefault(a => a.Name == "classlabels_strings")?.Strings;
                    classes ??= ints is { Count: > 0 } ? ints.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToList()
                        : strings?.Select(b => b.ToStringUtf8()).ToList();
                    break;
                default:
                    throw graph.NodeError(r, "is not part of an MLP or of a classifier's output");
            }
        }
        return classes ?? throw graph.Error($"the probabilities '{probabilities}' are read, but no ArgMax over class names gives a label");
    }

    /// <summary>From the ArgMax output: ArrayFeatureExtractor or Gather over the class constant, then Reshape, Cast or Identity to a graph output.</summary>
    private static IReadOnlyList<string>? Label(GraphIndex graph, string index)
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
            throw graph.Error($"the label '{value}' is not a graph output");
        return (IReadOnlyList<string>?)names.Texts ?? names.Numbers!.Select(v => v.ToString("R", CultureInfo.InvariantCulture)).ToList();
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
        if (found.Count != 1) throw graph.NodeError(readers[0], $"a single sigmoid output '{value}' must be read by one Sub and one Concat, as skl2onnx writes a binary classifier");
        return found[0];
    }

    private static long Int(NodeProto node, string name) => node.Attribute.FirstOrDefault(a => a.Name == name)?.I ?? 0;
}

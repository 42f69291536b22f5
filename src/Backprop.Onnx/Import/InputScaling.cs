using Backprop.Onnx.Proto;

namespace Backprop.Onnx;

/// <summary>
/// Standardisation right after the input, read into the model's preprocessing: ai.onnx.ml <c>Scaler</c> (as skl2onnx
/// writes a <c>StandardScaler</c>: (x − offset) · scale) or <c>Sub</c> of constants then <c>Div</c> by constants (as
/// Backprop exports it). Either gives each feature a mean and a scale, (x − mean) / scale.
/// </summary>
internal static class InputScaling
{
    /// <summary>The value after the scaling and the per-feature means and scales, or the input itself and null when nothing scales it.</summary>
    public static (string Value, double[]? Means, double[]? Scales) Read(GraphIndex graph, string input, int width)
    {
        if (graph.Readers(input) is not [int first]) return (input, null, null);
        var node = graph.Graph.Node[first];
        if (node.OpType == "Scaler" && node.Domain == OnnxOpsets.MachineLearning)
        {
            foreach (var a in node.Attribute)
                if (a.Name is not ("offset" or "scale")) throw graph.NodeError(first, $"attribute {Quoted.Name(a.Name)} is not supported");
            var offset = PerFeature(graph, first, "offset", Floats(graph, first, "offset") ?? [0], width);
            var scale = PerFeature(graph, first, "scale", Floats(graph, first, "scale") ?? [1], width);
            // Backprop divides by a positive scale: 1 / scale must be a finite positive number.
            int zero = Array.FindIndex(scale, s => !(s > 0 && double.IsFinite(1 / s)));
            if (zero >= 0)
                throw graph.NodeError(first,
                    $"scale {scale[zero]} of feature {zero + 1} is not supported (only positive scales whose inverse is finite)");
            graph.Use(first);
            return (node.Output[0], offset, scale.Select(s => 1 / s).ToArray());
        }
        if (node.OpType != "Sub" || node.Input[0] != input || !graph.IsConstant(node.Input[1])) return (input, null, null);
        if (graph.Readers(node.Output[0]) is not [int second] || graph.Graph.Node[second] is not { OpType: "Div" } div
            || div.Input[0] != node.Output[0] || !graph.IsConstant(div.Input[1]))
            return (input, null, null);
        var means = PerFeature(graph, first, "the subtrahend", graph.Constant(node.Input[1], first).Numbers, width);
        var scales = PerFeature(graph, second, "the divisor", graph.Constant(div.Input[1], second).Numbers, width);
        int bad = Array.FindIndex(scales, s => !(s > 0));
        if (bad >= 0)
            throw graph.NodeError(second,
                $"divisor {scales[bad]} of feature {bad + 1} is not supported (a standardisation divides by a positive scale)");
        graph.Use(first);
        graph.Use(second);
        return (div.Output[0], means, scales);
    }

    private static double[]? Floats(GraphIndex graph, int node, string name)
    {
        var values = NodeAttributes.Get(graph, node, name, AttributeProto.Types.AttributeType.Floats)?.Floats.Select(v => (double)v).ToArray();
        int bad = values is null ? -1 : Array.FindIndex(values, v => !double.IsFinite(v));
        return bad < 0 ? values : throw graph.NodeError(node, $"{name} {values![bad]} of feature {bad + 1} is not a finite number");
    }

    private static double[] PerFeature(GraphIndex graph, int node, string what, double[]? values, int width)
    {
        if (values is null || values.Length is not 1 && values.Length != width)
            throw graph.NodeError(node, $"{what} has {values?.Length ?? 0} values for {width} features");
        return values.Length == width ? values : Enumerable.Repeat(values[0], width).ToArray();
    }
}

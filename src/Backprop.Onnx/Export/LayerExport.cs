using Backprop.Activations;
using Backprop.Diagnostics;
using Backprop.Serialization;

namespace Backprop.Onnx;

/// <summary>
/// The ONNX nodes of one layer. Every kind of layer and activation the exporter knows is a case here and only
/// here: a new layer kind or activation adds one case.
/// </summary>
internal static class LayerExport
{
    /// <summary>Appends layer <paramref name="index"/>'s nodes reading <paramref name="input"/>; returns the name of its output.</summary>
    public static string Append(GraphBuilder graph, string input, LayerDocument layer, int index)
    {
        // Only dense layers come here (the exporter leaves dropout out: the identity at inference): net = input · Wᵀ + b, which is Gemm with the
        // weights as stored (units × inputs) and transB = 1.
        string net = Dense(graph, input, layer, index);
        return Activate(graph, net, layer.Activation, index);
    }

    private static string Dense(GraphBuilder graph, string input, LayerDocument layer, int index)
    {
        int inputs = layer.Weights.Length == 0 ? 0 : layer.Weights[0].Length;
        var weights = new double[layer.Units * inputs];
        for (int j = 0; j < layer.Units; j++) layer.Weights[j].CopyTo(weights, j * inputs);
        var operands = new List<string> { input, graph.Numbers($"layer{index}_weights", weights, layer.Units, inputs) };
        if (layer.Bias is { } bias) operands.Add(graph.Numbers($"layer{index}_bias", bias, layer.Units));
        return graph.Node("Gemm", operands, $"layer{index}_net", Attr.Int("transB", 1));
    }

    private static string Activate(GraphBuilder graph, string net, string activation, int index)
    {
        string output = $"layer{index}_out";
        return ActivationRegistry.Get(activation) switch
        {
            Sigmoid => graph.Node("Sigmoid", [net], output),
            Tanh => graph.Node("Tanh", [net], output),
            Relu => graph.Node("Relu", [net], output),
            // LeakyRelu's alpha is a float attribute, which cannot hold 0.01 exactly: a double graph uses PRelu, whose slope is a double tensor.
            LeakyRelu leaky when graph.Precision == OnnxPrecision.Double =>
                graph.Node("PRelu", [net, graph.Numbers($"layer{index}_slope", [leaky.Slope])], output),
            LeakyRelu leaky => graph.Node("LeakyRelu", [net], output, Attr.Float("alpha", leaky.Slope)),
            Identity => graph.Node("Identity", [net], output),
            Softmax => graph.Node("Softmax", [net], output, Attr.Int("axis", -1)),
            // 1 where net ≥ 0, else 0: a comparison cast back to numbers.
            Step => graph.Node("Cast", [graph.Node("GreaterOrEqual", [net, graph.Numbers($"layer{index}_zero", [0.0])], $"layer{index}_on")],
                output, Attr.Int("to", graph.NumberType)),
            var other => throw new BackpropException($"layer {index + 1}: the activation '{other.Name}' has no ONNX export"),
        };
    }
}

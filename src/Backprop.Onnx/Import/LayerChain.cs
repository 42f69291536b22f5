using System.Globalization;
using Backprop.Activations;
using Backprop.Onnx.Proto;
using Backprop.Serialization;

namespace Backprop.Onnx;

/// <summary>
/// Walks an MLP graph from its input: per layer a Gemm (weights with or without transB, bias as C) or a MatMul and an
/// optional Add of the bias, then at most one activation (Relu, Sigmoid, Tanh, LeakyRelu with Backprop's slope, Softmax
/// over the last axis, Identity); Identity, Flatten and Cast to float or double anywhere are no-ops.
/// </summary>
internal sealed class LayerChain(GraphIndex graph)
{
    private static readonly HashSet<string> Activations = ["Relu", "Sigmoid", "Tanh", "LeakyRelu", "Softmax"];

    private readonly List<LayerDocument> _layers = [];
    private int _width;
    private bool _hasActivation = true;
    private bool _biasMayFollow;

    /// <summary>The layers read so far.</summary>
    public IReadOnlyList<LayerDocument> Layers => _layers;

    /// <summary>
    /// Reads nodes from <paramref name="input"/> (of <paramref name="width"/> features per row) for as long as they are layer nodes;
    /// returns the value where the network ends (a graph output, or the value a classifier tail reads).
    /// </summary>
    public string Read(string input, int width)
    {
        _width = width;
        string current = input;
        var visited = new HashSet<int>();
        while (true)
        {
            var readers = graph.Readers(current);
            if (readers.Count != 1) return current;
            int i = readers[0];
            // The graph is checked acyclic (GraphCheck); this keeps any walk finite whatever reaches it.
            if (!visited.Add(i)) throw graph.NodeError(i, "is reached twice: the graph has a cycle");
            var node = graph.Graph.Node[i];
            if (node.Domain is not ("" or OnnxOpsets.Default)) return current;
            switch (node.OpType)
            {
                case "Identity":
                    NoAttributes(i);
                    break;
                case "Flatten":
                    Allow(i, "axis");
                    if (Int(i, "axis", 1) != 1)
                        throw graph.NodeError(i, $"axis={Int(i, "axis", 1)} is not supported (only axis=1, which keeps one row per sample)");
                    break;
                case "Cast":
                    Allow(i, "to", "saturate");
                    if (Int(i, "to", 0) is not ((int)TensorProto.Types.DataType.Float or (int)TensorProto.Types.DataType.Double))
                        throw graph.NodeError(i, $"a cast to {OnnxFile.TypeName((int)Int(i, "to", 0))} is not supported (only to float or double)");
                    break;
                case "Gemm": Gemm(i, current); break;
                case "MatMul": MatMul(i, current); break;
                case "Add" when _biasMayFollow: Bias(i, current); break;
                case var op when Activations.Contains(op): Activation(i, op); break;
                default: return current;
            }
            graph.Use(i);
            current = node.Output[0];
            if (node.OpType is not "MatMul") _biasMayFollow = false;
        }
    }

    private void Gemm(int i, string current)
    {
        var node = graph.Graph.Node[i];
        Allow(i, "alpha", "beta", "transA", "transB");
        if (node.Input[0] != current) throw graph.NodeError(i, "the layer's input must be its first operand A");
        if (Int(i, "transA", 0) != 0) throw graph.NodeError(i, "transA=1 is not supported (the samples must be the rows of A)");
        bool transposed = Int(i, "transB", 0) != 0;
        double alpha = Float(i, "alpha", 1), beta = Float(i, "beta", 1);
        if (!double.IsFinite(alpha) || !double.IsFinite(beta)) throw graph.NodeError(i, $"alpha={alpha} and beta={beta} must be finite");
        var b = graph.Constant(node.Input[1], i);
        var weights = Weights(i, b, transposed, alpha);
        double[]? bias = null;
        if (node.Input.Count > 2 && node.Input[2].Length > 0)
            bias = BiasValues(i, graph.Constant(node.Input[2], i), weights.Length, beta);
        StartLayer(i, weights, bias);
    }

    private void MatMul(int i, string current)
    {
        var node = graph.Graph.Node[i];
        NoAttributes(i);
        if (node.Input[0] != current) throw graph.NodeError(i, "the layer's input must be the first operand");
        StartLayer(i, Weights(i, graph.Constant(node.Input[1], i), transposed: false, 1), null);
        _biasMayFollow = true;
    }

    private void Bias(int i, string current)
    {
        var node = graph.Graph.Node[i];
        NoAttributes(i);
        string other = node.Input[0] == current ? node.Input[1] : node.Input[0];
        var last = _layers[^1];
        _layers[^1] = last with { Bias = BiasValues(i, graph.Constant(other, i), last.Units, 1) };
    }

    private void Activation(int i, string op)
    {
        var node = graph.Graph.Node[i];
        if (_layers.Count == 0)
            throw graph.NodeError(i, "an activation before the first Gemm or MatMul: Backprop's layers are a product, then an activation");
        if (_hasActivation)
            throw graph.NodeError(i, $"a second activation after the layer's {_layers[^1].Activation}: a Backprop layer has one activation");
        string name = op switch
        {
            "Relu" => "relu",
            "Sigmoid" => "sigmoid",
            "Tanh" => "tanh",
            "LeakyRelu" => LeakyRelu(i, node),
            _ => Softmax(i, node),
        };
        if (op is "Relu" or "Sigmoid" or "Tanh") NoAttributes(i);
        _layers[^1] = _layers[^1] with { Activation = name };
        _hasActivation = true;
    }

    private string LeakyRelu(int i, NodeProto node)
    {
        Allow(i, "alpha");
        double alpha = Float(i, "alpha", 0.01);
        if (!(Math.Abs(alpha - LeakyReluSlope) <= 1e-6))
            throw graph.NodeError(i,
                $"alpha={alpha.ToString("G6", CultureInfo.InvariantCulture)} is not supported: "
                + $"Backprop's leaky-relu has slope {LeakyReluSlope.ToString(CultureInfo.InvariantCulture)}");
        return "leaky-relu";
    }

    private static double LeakyReluSlope => Backprop.Activations.LeakyRelu.DefaultSlope;

    private string Softmax(int i, NodeProto node)
    {
        Allow(i, "axis");
        // Before opset 13 the default axis is 1; from 13 it is −1. On [N, units] both are the units of a row.
        long axis = Int(i, "axis", graph.Opset >= 13 ? -1 : 1);
        if (axis is not (-1 or 1)) throw graph.NodeError(i, $"axis={axis} is not supported (only the last axis, -1 or 1, the units of a row)");
        return "softmax";
    }

    private void StartLayer(int i, double[][] weights, double[]? bias)
    {
        if (_layers.Count > 0 && _layers[^1].Activation == "softmax")
            throw graph.NodeError(i, "a layer after a Softmax: Backprop's softmax belongs on the output layer only");
        if (!_hasActivation) _layers[^1] = _layers[^1] with { Activation = "identity" };
        _layers.Add(new LayerDocument(weights.Length, "identity", weights, bias));
        _width = weights.Length;
        _hasActivation = false;
    }

    /// <summary>Weights as Backprop stores them, units × inputs; <paramref name="transposed"/> when the tensor already is (transB=1).</summary>
    private double[][] Weights(int i, TensorValues b, bool transposed, double alpha)
    {
        if (b.Numbers is null || b.Dims.Length != 2)
            throw graph.NodeError(i, $"the weights {Quoted.Name(b.Name)} are {TensorValues.Shape(b.Dims)}, not a matrix of numbers");
        int rows = (int)b.Dims[0], columns = (int)b.Dims[1];
        if (rows == 0 || columns == 0)
            throw graph.NodeError(i, $"the weights {Quoted.Name(b.Name)} are {rows}×{columns}: a layer has at least one unit and one input");
        int inputs = transposed ? columns : rows, units = transposed ? rows : columns;
        if (inputs != _width)
            throw graph.NodeError(i,
                $"the weights {Quoted.Name(b.Name)} are {rows}×{columns}{(transposed ? " (transB=1)" : "")}, "
                + $"so they take {inputs} inputs, but the layer below gives {_width}");
        var weights = new double[units][];
        for (int j = 0; j < units; j++)
        {
            weights[j] = new double[inputs];
            for (int k = 0; k < inputs; k++)
            {
                weights[j][k] = alpha * b.Numbers[transposed ? j * columns + k : k * columns + j];
                if (!double.IsFinite(weights[j][k])) throw graph.NodeError(i, $"alpha={alpha} times the weights {Quoted.Name(b.Name)} overflows");
            }
        }
        return weights;
    }

    private double[] BiasValues(int i, TensorValues c, int units, double beta)
    {
        bool rowOfUnits = c.Numbers is not null && c.Count == units && c.Dims.Count(d => d != 1) <= 1 && c.Dims.Length <= 2;
        if (!rowOfUnits)
            throw graph.NodeError(i,
                $"the bias {Quoted.Name(c.Name)} is {TensorValues.Shape(c.Dims)}, but the layer has {units} units (expected {units} or 1×{units})");
        var bias = c.Numbers!.Select(v => beta * v).ToArray();
        if (bias.Any(v => !double.IsFinite(v))) throw graph.NodeError(i, $"beta={beta} times the bias {Quoted.Name(c.Name)} overflows");
        return bias;
    }

    private void NoAttributes(int i) => Allow(i);

    private void Allow(int i, params string[] names)
    {
        foreach (var attribute in graph.Graph.Node[i].Attribute)
            if (!names.Contains(attribute.Name)) throw graph.NodeError(i, $"attribute {Quoted.Name(attribute.Name)} is not supported");
    }

    private long Int(int i, string name, long fallback) => NodeAttributes.Int(graph, i, name, fallback);

    private double Float(int i, string name, double fallback) => NodeAttributes.Float(graph, i, name, fallback);

    /// <summary>Ends the chain: a last layer without an activation node is an identity layer.</summary>
    public void Finish()
    {
        if (_layers.Count == 0) throw graph.Error("no Gemm or MatMul reads the graph input: there is no dense layer to import");
        if (!_hasActivation) _layers[^1] = _layers[^1] with { Activation = "identity" };
    }
}

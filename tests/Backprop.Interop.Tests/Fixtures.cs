using Backprop.Onnx.Proto;
using Google.Protobuf;

namespace Backprop.Interop.Tests;

/// <summary>
/// ONNX graphs laid out as the two tools that write MLPs lay them out, built with the protobuf classes: torch.onnx.export
/// of an nn.Sequential (Gemm with transB=1, node names such as /0/Gemm), and skl2onnx's MLPClassifier converter
/// (Cast, MatMul + Add with [1, units] intercepts, ArgMax, ArrayFeatureExtractor). The weights are fixed numbers.
/// </summary>
internal static class Fixtures
{
    /// <summary>Deterministic weights in [−1, 1].</summary>
    public static float[] Numbers(int count, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)Math.Round(rng.NextDouble() * 2 - 1, 3)).ToArray();
    }

    public static TensorProto Floats(string name, float[] values, params long[] dims)
    {
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        t.Dims.AddRange(dims);
        // As torch writes them: raw little-endian bytes.
        t.RawData = ByteString.CopyFrom(values.SelectMany(BitConverter.GetBytes).ToArray());
        return t;
    }

    public static NodeProto Node(string op, string name, string[] inputs, string output, params AttributeProto[] attributes)
    {
        var n = new NodeProto { OpType = op, Name = name };
        n.Input.AddRange(inputs);
        n.Output.Add(output);
        n.Attribute.AddRange(attributes);
        return n;
    }

    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static ValueInfoProto Tensor(string name, TensorProto.Types.DataType type, params object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
            shape.Dim.Add(d is string p ? new TensorShapeProto.Types.Dimension { DimParam = p }
                : new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(d) });
        return new ValueInfoProto { Name = name, Type =
            new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } } };
    }

    public static ModelProto Model(GraphProto graph, long opset = 17, long? mlOpset = null)
    {
        var m = new ModelProto { IrVersion = 8, ProducerName = "fixture", Graph = graph };
        m.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        if (mlOpset is long ml) m.OpsetImport.Add(new OperatorSetIdProto { Domain = "ai.onnx.ml", Version = ml });
        return m;
    }

    /// <summary>torch.onnx.export of nn.Sequential(Linear(4, 8), ReLU(), Linear(8, 3)): Gemm(transB=1) / Relu / Gemm.</summary>
    public static ModelProto TorchSequential()
    {
        var g = new GraphProto { Name = "main_graph" };
        g.Input.Add(Tensor("input", TensorProto.Types.DataType.Float, "batch_size", 4));
        g.Output.Add(Tensor("output", TensorProto.Types.DataType.Float, "batch_size", 3));
        g.Initializer.Add(Floats("0.weight", Numbers(32, 1), 8, 4));
        g.Initializer.Add(Floats("0.bias", Numbers(8, 2), 8));
        g.Initializer.Add(Floats("2.weight", Numbers(24, 3), 3, 8));
        g.Initializer.Add(Floats("2.bias", Numbers(3, 4), 3));
        g.Node.Add(Node("Gemm", "/0/Gemm", ["input", "0.weight", "0.bias"], "/0/Gemm_output_0", Float("alpha", 1), Float("beta", 1),
            Int("transB", 1)));
        g.Node.Add(Node("Relu", "/1/Relu", ["/0/Gemm_output_0"], "/1/Relu_output_0"));
        g.Node.Add(Node("Gemm", "/2/Gemm", ["/1/Relu_output_0", "2.weight", "2.bias"], "output", Float("alpha", 1), Float("beta", 1),
            Int("transB", 1)));
        return Model(g);
    }

    /// <summary>Flatten of a [N, 2, 3] input, MatMul + Add with untransposed weights, Tanh, an Identity, then MatMul + Add + Sigmoid.</summary>
    public static ModelProto MatMulAddWithNoOps()
    {
        var g = new GraphProto { Name = "matmul" };
        g.Input.Add(Tensor("x", TensorProto.Types.DataType.Float, "N", 2, 3));
        g.Output.Add(Tensor("y", TensorProto.Types.DataType.Float, "N", 1));
        g.Initializer.Add(Floats("w1", Numbers(30, 5), 6, 5));
        g.Initializer.Add(Floats("b1", Numbers(5, 6), 5));
        g.Initializer.Add(Floats("w2", Numbers(5, 7), 5, 1));
        g.Initializer.Add(Floats("b2", Numbers(1, 8), 1, 1));
        g.Node.Add(Node("Flatten", "flatten", ["x"], "flat", Int("axis", 1)));
        g.Node.Add(Node("MatMul", "mm1", ["flat", "w1"], "mm1_out"));
        g.Node.Add(Node("Add", "add1", ["b1", "mm1_out"], "add1_out"));
        g.Node.Add(Node("Tanh", "tanh", ["add1_out"], "tanh_out"));
        g.Node.Add(Node("Identity", "id", ["tanh_out"], "id_out"));
        g.Node.Add(Node("MatMul", "mm2", ["id_out", "w2"], "mm2_out"));
        g.Node.Add(Node("Add", "add2", ["mm2_out", "b2"], "add2_out"));
        g.Node.Add(Node("Sigmoid", "sigmoid", ["add2_out"], "y"));
        return Model(g);
    }

    /// <summary>
    /// skl2onnx's MLPClassifier (zipmap=False): Cast, MatMul + Add per layer, the out activation, then for two classes
    /// Sub(1, p) and Concat, ArgMax, ArrayFeatureExtractor over the classes, Reshape (and Cast to int64 for integer classes).
    /// </summary>
    public static ModelProto SklearnMlpClassifier(string[]? stringClasses, int[]? intClasses, bool zipMap = false, bool scaler = false)
    {
        int classes = stringClasses?.Length ?? intClasses!.Length;
        int outputs = classes == 2 ? 1 : classes;
        var g = new GraphProto { Name = "mlp" };
        g.Input.Add(Tensor("X", TensorProto.Types.DataType.Float, "N", 4));
        g.Initializer.Add(Floats("coefficient", Numbers(20, 11), 4, 5));
        g.Initializer.Add(Floats("intercepts", Numbers(5, 12), 1, 5));
        g.Initializer.Add(Floats("coefficient1", Numbers(5 * outputs, 13), 5, outputs));
        g.Initializer.Add(Floats("intercepts1", Numbers(outputs, 14), 1, outputs));
        if (scaler)
        {
            // Pipeline(StandardScaler(), MLPClassifier()): skl2onnx's Scaler, y = (x − offset) · scale, before the MLP's Cast.
            var scale = Node("Scaler", "Scaler", ["X"], "variable");
            scale.Domain = "ai.onnx.ml";
            var offset = new AttributeProto { Name = "offset", Type = AttributeProto.Types.AttributeType.Floats };
            offset.Floats.AddRange([5.8f, 3.1f, 3.7f, 1.2f]);
            var factor = new AttributeProto { Name = "scale", Type = AttributeProto.Types.AttributeType.Floats };
            factor.Floats.AddRange([1.2f, 2.3f, 0.57f, 1.3f]);
            scale.Attribute.Add(offset);
            scale.Attribute.Add(factor);
            g.Node.Add(scale);
        }
        g.Node.Add(Node("Cast", "Cast", [scaler ? "variable" : "X"], "cast_input", Int("to", 1)));
        g.Node.Add(Node("MatMul", "MatMul", ["cast_input", "coefficient"], "mul_result"));
        g.Node.Add(Node("Add", "Add", ["mul_result", "intercepts"], "add_result"));
        g.Node.Add(Node("Relu", "Relu", ["add_result"], "next_activations"));
        g.Node.Add(Node("MatMul", "MatMul1", ["next_activations", "coefficient1"], "mul_result1"));
        g.Node.Add(Node("Add", "Add1", ["mul_result1", "intercepts1"], "add_result1"));
        const string probabilities = "probabilities";
        if (classes == 2)
        {
            g.Node.Add(Node("Sigmoid", "Relu1", ["add_result1"], "out_activations_result"));
            g.Initializer.Add(Floats("unity", [1f]));
            g.Node.Add(Node("Sub", "Sub", ["unity", "out_activations_result"], "negative_class_proba"));
            g.Node.Add(Node("Concat", "Concat", ["negative_class_proba", "out_activations_result"], probabilities, Int("axis", 1)));
        }
        else
        {
            g.Node.Add(Node("Softmax", "Relu1", ["add_result1"], "out_activations_result"));
            g.Node.Add(Node("Identity", "Identity", ["out_activations_result"], probabilities));
        }
        var names = new TensorProto { Name = "classes" };
        names.Dims.Add(classes);
        if (stringClasses is not null)
        {
            names.DataType = (int)TensorProto.Types.DataType.String;
            names.StringData.AddRange(stringClasses.Select(ByteString.CopyFromUtf8));
        }
        else
        {
            names.DataType = (int)TensorProto.Types.DataType.Int32;
            names.Int32Data.AddRange(intClasses!);
        }
        g.Initializer.Add(names);
        g.Initializer.Add(new TensorProto { Name = "shape_tensor", DataType = (int)TensorProto.Types.DataType.Int64, Dims = { 1 },
            Int64Data = { -1 } });
        g.Node.Add(Node("ArgMax", "ArgMax", [probabilities], "argmax_output", Int("axis", 1)));
        var extractor = Node("ArrayFeatureExtractor", "ArrayFeatureExtractor", ["classes", "argmax_output"], "array_feature_extractor_result");
        extractor.Domain = "ai.onnx.ml";
        g.Node.Add(extractor);
        if (stringClasses is not null)
        {
            g.Node.Add(Node("Reshape", "Reshape", ["array_feature_extractor_result", "shape_tensor"], "label"));
            g.Output.Add(Tensor("label", TensorProto.Types.DataType.String, "N"));
        }
        else
        {
            g.Node.Add(Node("Reshape", "Reshape", ["array_feature_extractor_result", "shape_tensor"], "reshaped_result"));
            g.Node.Add(Node("Cast", "Cast1", ["reshaped_result"], "label", Int("to", 7)));
            g.Output.Add(Tensor("label", TensorProto.Types.DataType.Int64, "N"));
        }
        if (zipMap)
        {
            // The output is a sequence of maps, a type these classes do not model: it is left undeclared (only the import reads this fixture).
            var zip = Node("ZipMap", "ZipMap", [probabilities], "output_probability");
            zip.Domain = "ai.onnx.ml";
            var labels = new AttributeProto { Name = stringClasses is null ? "classlabels_int64s" : "classlabels_strings" };
            if (stringClasses is null) labels.Ints.AddRange(intClasses!.Select(c => (long)c));
            else labels.Strings.AddRange(stringClasses.Select(ByteString.CopyFromUtf8));
            zip.Attribute.Add(labels);
            g.Node.Add(zip);
            g.Output.Add(new ValueInfoProto { Name = "output_probability" });
        }
        else g.Output.Add(Tensor(probabilities, TensorProto.Types.DataType.Float, "N", classes));
        return Model(g, opset: 15, mlOpset: 1);
    }

    public static string Save(ModelProto model, string path)
    {
        File.WriteAllBytes(path, model.ToByteArray());
        return path;
    }
}

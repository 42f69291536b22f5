using Backprop.Onnx.Proto;
using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using DataType = Backprop.Onnx.Proto.TensorProto.Types.DataType;
using AttributeType = Backprop.Onnx.Proto.AttributeProto.Types.AttributeType;

namespace Backprop.Tests.Fuzz;

/// <summary>
/// Random ONNX graphs for the import fuzz test: a chain of the ops the importer knows (and one it does not), most of
/// them well formed (consistent weights, as torch writes them), some damaged the ways files are: an operand missing or
/// unnamed or undefined, a value defined twice or by the graph input, a cycle, no output or two, an attribute of the
/// wrong type, weights of a negative, zero, huge or overflowing shape, NaN, the wrong element type, a duplicate
/// initializer, an input of billions of features, a blank or repeated class name, an opset of −5. Each case is one
/// seed drawn by FsCheck, so the same seed gives the same graph.
/// </summary>
internal static class OnnxGraphs
{
    private static readonly string[] Layer = ["Gemm", "MatMul"];
    private static readonly string[] Activations = ["Relu", "Sigmoid", "Tanh", "LeakyRelu", "Softmax", "Identity", "Cast", "Flatten"];
    private static readonly string[] Any =
    [
        "Gemm", "MatMul", "Add", "Sub", "Div", "Relu", "Sigmoid", "Tanh", "LeakyRelu", "Softmax", "Identity", "Flatten", "Cast",
        "Constant", "ArgMax", "Gather", "ArrayFeatureExtractor", "Reshape", "Concat", "ZipMap", "Scaler", "Elu",
    ];
    private static readonly string[] AttributeNames =
        ["alpha", "beta", "transA", "transB", "axis", "to", "value", "value_floats", "classlabels_strings", "offset", "scale"];

    /// <summary>The seeds of <paramref name="count"/> cases, drawn by FsCheck from <paramref name="seed"/>.</summary>
    public static int[] Cases(ulong seed, int count) => Gen.Choose(0, int.MaxValue).Sample(count, new Rnd(seed), 20);

    /// <summary>The graph of case <paramref name="seed"/>.</summary>
    public static ModelProto Build(int seed) => new Builder(new Random(seed)).Model();

    private sealed class Builder(Random r)
    {
        private readonly GraphProto _g = new() { Name = "fuzz" };
        private readonly List<string> _values = ["x"];
        private int _names;

        /// <summary>Half the graphs are left undamaged: well-formed MLPs, which must import.</summary>
        private readonly bool _clean = r.Next(2) == 0;

        private bool Chance(int percent) => r.Next(100) < percent;

        private bool Damage(int percent) => !_clean && Chance(percent);

        private T Pick<T>(IReadOnlyList<T> items) => items[r.Next(items.Count)];

        public ModelProto Model()
        {
            int width = r.Next(1, 6);
            object[] dims = (_clean ? 9 : r.Next(10)) switch
            {
                0 => ["N", 65536, 65536],
                1 => ["N", 1L << 40],
                2 => ["N", -3],
                3 => ["N", 1L << 32, 1L << 32],
                4 => ["N", 0],
                _ => ["N", width],
            };
            _g.Input.Add(Value("x", DataType.Float, dims));
            string current = "x";
            int nodes = r.Next(1, 7);
            for (int k = 0; k < nodes; k++)
            {
                if (Damage(20)) current = RandomNode(current);
                else
                {
                    int units = r.Next(1, 5);
                    current = LayerNode(current, width, units);
                    width = units;
                    string activation = Pick(Activations);
                    var to = new AttributeProto { Name = "to", Type = AttributeType.Int, I = (long)DataType.Float };
                    if (Chance(70)) current = Add(activation, [current], activation == "Cast" ? new[] { to } : null);
                }
            }
            if (Chance(20)) current = Classes(current, width);
            _g.Output.Add(Value(current, DataType.Float, ["N", width]));
            if (Damage(5)) _g.Output.Add(Value(Chance(50) ? "nowhere" : "x", DataType.Float, ["N", 1]));
            var model = new ModelProto { IrVersion = 8, ProducerName = "fuzz", Graph = _g };
            long opset = (_clean ? 9 : r.Next(10)) switch { 0 => -5, 1 => 0, 2 => 99, _ => 17 };
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
            if (Chance(50)) model.OpsetImport.Add(new OperatorSetIdProto { Domain = "ai.onnx.ml", Version = 3 });
            return model;
        }

        /// <summary>A Gemm (B as units × inputs with transB=1, or inputs × units) or a MatMul, consistent with <paramref name="width"/>.</summary>
        private string LayerNode(string current, int width, int units)
        {
            string op = Pick(Layer);
            bool transposed = op == "Gemm" && Chance(70);
            string w = Tensor(transposed ? [units, width] : [width, units]);
            if (op == "MatMul") return Chance(70) ? Add("Add", [Add("MatMul", [current, w]), Tensor([units])]) : Add("MatMul", [current, w]);
            var attributes = transposed ? new[] { Attribute("transB", AttributeType.Int) } : Array.Empty<AttributeProto>();
            if (transposed && !Damage(30)) attributes[0].I = 1;
            return Add("Gemm", Chance(80) ? new[] { current, w, Tensor([units]) } : new[] { current, w }, attributes);
        }

        /// <summary>Any known op (or Elu), reading the current value or anything else, with random attributes.</summary>
        private string RandomNode(string current)
        {
            string op = Pick(Any);
            var inputs = Enumerable.Range(0, r.Next(0, 4))
                .Select(i => i == 0 ? current : Chance(50) ? Tensor([r.Next(1, 4)]) : Pick(_values)).ToArray();
            var attributes = Enumerable.Range(0, r.Next(0, 3)).Select(_ => Attribute(Pick(AttributeNames), (AttributeType)r.Next(0, 9))).ToArray();
            return Add(op, inputs, attributes);
        }

        /// <summary>ArgMax then Gather of the class names, sometimes a ZipMap; the names sometimes blank or repeated.</summary>
        private string Classes(string probabilities, int units)
        {
            string[] names = Enumerable.Range(0, units < 2 ? 2 : units).Select(i => $"c{i}").ToArray();
            if (Damage(50)) names[r.Next(names.Length)] = Chance(50) ? "" : names[0];
            var tensor = new TensorProto { Name = Fresh(), DataType = (int)DataType.String };
            tensor.Dims.Add(names.Length);
            tensor.StringData.AddRange(names.Select(ByteString.CopyFromUtf8));
            _g.Initializer.Add(tensor);
            var axis = new AttributeProto { Name = "axis", Type = AttributeType.Int, I = 1 };
            string label = Add("Gather", [tensor.Name, Add("ArgMax", [probabilities], [axis])]);
            _g.Output.Add(Value(label, DataType.String, ["N"]));
            if (Chance(30))
            {
                var labels = new AttributeProto { Name = "classlabels_strings", Type = AttributeType.Strings };
                labels.Strings.AddRange((Damage(50) ? names.Reverse() : names).Select(ByteString.CopyFromUtf8));
                string zipped = Add("ZipMap", [probabilities], [labels], "ai.onnx.ml");
                _g.Output.Add(new ValueInfoProto { Name = zipped });
            }
            return probabilities;
        }

        /// <summary>Adds a node, damaged now and then (operands, outputs); returns its output.</summary>
        private string Add(string op, string[] inputs, AttributeProto[]? attributes = null, string domain = "")
        {
            var node = new NodeProto { OpType = op, Name = $"{op}_{_g.Node.Count}", Domain = Damage(3) ? "com.example" : domain };
            node.Input.AddRange(inputs);
            if (Damage(8) && node.Input.Count > 0) node.Input.RemoveAt(r.Next(node.Input.Count));
            if (Damage(4) && node.Input.Count > 0) node.Input[r.Next(node.Input.Count)] = Chance(50) ? "" : "undefined";
            string output = Fresh();
            if (Damage(4) && node.Input.Count > 0) node.Input[0] = output; // reads its own output: a cycle
            node.Output.Add(Damage(4) ? Pick(_values) : output);
            if (Damage(3)) node.Output.Add(Fresh());
            if (Damage(3)) node.Output.Clear();
            node.Attribute.AddRange(attributes ?? []);
            if (Damage(8)) node.Attribute.Add(Attribute(Pick(AttributeNames), (AttributeType)r.Next(0, 9)));
            if (Damage(3)) (node.Name, node.OpType) = ("\u001b]0;title\u0007\u001b[2J" + new string('n', 200), "Elu");
            _g.Node.Add(node);
            _values.Add(output);
            return output;
        }

        /// <summary>A float initializer of shape <paramref name="dims"/>, damaged now and then (shape, values, type, name).</summary>
        private string Tensor(long[] dims)
        {
            string name = Damage(3) && _g.Initializer.Count > 0 ? _g.Initializer[0].Name : Fresh();
            long count = dims.Aggregate(1L, (a, b) => a * b);
            var values = Enumerable.Range(0, (int)count).Select(_ => (float)Math.Round(r.NextDouble() * 2 - 1, 3)).ToArray();
            if (Damage(3) && values.Length > 0) values[r.Next(values.Length)] = Pick(new[] { float.NaN, float.PositiveInfinity, 3e38f });
            var type = Damage(4) ? Pick(new[] { DataType.String, DataType.Bool, DataType.Int64, DataType.Double }) : DataType.Float;
            var t = new TensorProto { Name = name, DataType = (int)type };
            long[] shape = (_clean ? 9 : r.Next(25)) switch
            {
                0 => [-dims[0], .. dims[1..]],
                1 => [1L << 32, 1L << 32],
                2 => [0, .. dims[1..]],
                3 => [1L << 40],
                4 => [.. dims, 2],
                _ => dims,
            };
            t.Dims.AddRange(shape);
            t.RawData = ByteString.CopyFrom(values.SelectMany(BitConverter.GetBytes).ToArray());
            _g.Initializer.Add(t);
            return name;
        }

        private AttributeProto Attribute(string name, AttributeType type)
        {
            var a = new AttributeProto { Name = name, Type = type };
            switch (type)
            {
                case AttributeType.Float: a.F = Pick(new[] { 0.01f, 1f, -2f, float.NaN, 1e38f }); break;
                case AttributeType.Int: a.I = Pick(new[] { 1L, 0, -1, 7, long.MaxValue }); break;
                case AttributeType.String: a.S = ByteString.CopyFromUtf8("s"); break;
                case AttributeType.Tensor:
                    if (Chance(70)) a.T = new TensorProto { Name = "t", DataType = (int)DataType.Float, Dims = { 1 }, FloatData = { 1 } };
                    break;
                case AttributeType.Floats: a.Floats.AddRange(new[] { 1f, 0f, float.NaN }[..r.Next(0, 4)]); break;
                case AttributeType.Ints: a.Ints.AddRange(new[] { 1L, -1 }[..r.Next(0, 3)]); break;
                case AttributeType.Strings: a.Strings.AddRange(new[] { "a", "a", "" }[..r.Next(0, 4)].Select(ByteString.CopyFromUtf8)); break;
            }
            return a;
        }

        private string Fresh() => $"v{_names++}";

        private static ValueInfoProto Value(string name, DataType type, object[] dims)
        {
            var shape = new TensorShapeProto();
            foreach (var d in dims)
                shape.Dim.Add(d is string p ? new TensorShapeProto.Types.Dimension { DimParam = p }
                    : new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(d) });
            var tensor = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape };
            return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensor } };
        }
    }
}

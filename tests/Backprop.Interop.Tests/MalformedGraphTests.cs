using System.Diagnostics;
using Backprop.Onnx.Proto;
using Google.Protobuf;
using DataType = Backprop.Onnx.Proto.TensorProto.Types.DataType;

namespace Backprop.Interop.Tests;

/// <summary>
/// Graphs no tool should write but a file can hold — cycles, missing operands, values defined twice, sizes that do not
/// fit, names with escape sequences: each is one line naming the file, the node or tensor and the problem, exit code 1,
/// no model file; never a stack trace, a hang or an allocation of the declared size (issue 21).
/// </summary>
public sealed class MalformedGraphTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Imports <paramref name="model"/> and asserts the refusal: one line with every fragment and the file; nothing written.</summary>
    private string AssertRefused(ModelProto model, params string[] fragments)
    {
        string onnx = Fixtures.Save(model, _folder.File("bad.onnx"));
        string output = _folder.File("out.json");
        var outcome = CliRunner.Run("import", "--format", "onnx", onnx, "--out", output);
        CliRunner.AssertUserError(outcome, [onnx, .. fragments]);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.tmp"));
        return outcome.Error;
    }

    private static NodeProto Node(string op, string name, string[] inputs, params string[] outputs)
    {
        var n = new NodeProto { OpType = op, Name = name };
        n.Input.AddRange(inputs);
        n.Output.AddRange(outputs);
        return n;
    }

    [Fact]
    public void A_cycle_is_refused_and_not_followed()
    {
        // Identity x → a → x: the second node defines the graph input again.
        var model = Fixtures.TorchSequential();
        model.Graph.Node.Insert(0, Node("Identity", "to_a", ["input"], "a"));
        model.Graph.Node.Insert(1, Node("Identity", "back", ["a"], "input"));
        AssertRefused(model, "node 'back' (Identity)", "its output 'input' is already defined by a graph input");

        // Gemm → Relu → the Gemm's input: a loop among the layers.
        model = Fixtures.TorchSequential();
        model.Graph.Node[0].Input[0] = "/1/Relu_output_0";
        AssertRefused(model, "node '/0/Gemm' (Gemm)", "is part of a cycle");

        // A node reading its own output.
        model = Fixtures.TorchSequential();
        model.Graph.Node.Add(Node("Identity", "self", ["loop"], "loop"));
        AssertRefused(model, "node 'self' (Identity)", "is part of a cycle");
    }

    [Theory]
    [InlineData("Gemm", 0, 1, "has 1 input; Gemm takes 2 or 3 (A, B and an optional bias C)")]
    [InlineData("Gemm", 0, 0, "has 0 inputs; Gemm takes 2 or 3")]
    [InlineData("MatMul", 1, 1, "has 1 input; MatMul takes 2 (A and B)")]
    [InlineData("Add", 2, 1, "has 1 input; Add takes 2 (A and B)")]
    [InlineData("Sub", 0, 1, "has 1 input; Sub takes 2 (A and B)")]
    [InlineData("Div", 1, 1, "has 1 input; Div takes 2 (A and B)")]
    public void An_operand_missing_from_a_node_is_named(string op, int node, int keep, string problem)
    {
        var model = op == "Gemm" ? Fixtures.TorchSequential() : Fixtures.SklearnMlpClassifier(["a", "b", "c"], null);
        var target = op switch
        {
            "Gemm" => model.Graph.Node[node],
            "Sub" or "Div" => Scaling(model, op),
            _ => model.Graph.Node.Where(n => n.OpType == op).ElementAt(node / 2),
        };
        while (target.Input.Count > keep) target.Input.RemoveAt(target.Input.Count - 1);
        AssertRefused(model, $"({op})", problem);
    }

    /// <summary>Backprop's standardisation, Sub then Div, before the Cast of skl2onnx's classifier; returns its <paramref name="op"/> node.</summary>
    private static NodeProto Scaling(ModelProto model, string op)
    {
        var g = model.Graph;
        g.Initializer.Add(Fixtures.Floats("means", [1, 2, 3, 4], 4));
        g.Initializer.Add(Fixtures.Floats("scales", [1, 2, 3, 4], 4));
        g.Node.Insert(0, Node("Sub", "sub", ["X", "means"], "centred"));
        g.Node.Insert(1, Node("Div", "div", ["centred", "scales"], "scaled"));
        g.Node.First(n => n.OpType == "Cast").Input[0] = "scaled";
        return g.Node[op == "Sub" ? 0 : 1];
    }

    [Fact]
    public void An_operand_with_no_name_and_an_undefined_operand_are_named()
    {
        var model = Fixtures.TorchSequential();
        model.Graph.Node[2].Input[1] = "";
        AssertRefused(model, "node '/2/Gemm' (Gemm)", "its operand 2 has no name");

        model = Fixtures.TorchSequential();
        model.Graph.Node[2].Input[1] = "nowhere";
        AssertRefused(model, "node '/2/Gemm' (Gemm)", "its input 'nowhere' is defined by no node, initializer or graph input");
    }

    [Fact]
    public void A_constant_with_no_output_two_outputs_or_no_tensor_is_named()
    {
        ModelProto WithConstant(NodeProto constant)
        {
            var model = Fixtures.TorchSequential();
            model.Graph.Node.Insert(0, constant);
            return model;
        }
        var value = new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = Fixtures.Floats("c", [1], 1) };
        var none = Node("Constant", "none", []);
        none.Attribute.Add(value);
        AssertRefused(WithConstant(none), "node 'none' (Constant)", "has 0 outputs; Constant has one");
        var two = Node("Constant", "two", [], "c1", "c2");
        two.Attribute.Add(value);
        AssertRefused(WithConstant(two), "node 'two' (Constant)", "has 2 outputs; Constant has one");
        var empty = Node("Constant", "empty", [], "c");
        empty.Attribute.Add(new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor });
        AssertRefused(WithConstant(empty), "node 'empty' (Constant)", "its 'value' holds no tensor");
        AssertRefused(WithConstant(Node("Constant", "bare", [], "c")), "node 'bare' (Constant)",
            "a Constant has one value attribute, this one has 0");
    }

    [Theory]
    [InlineData(new long[] { 65536, 65536 }, "is [N, 65536, 65536]: 4294967296 features per row")]
    [InlineData(new long[] { 1L << 40 }, "is [N, 1099511627776]: 1099511627776 features per row")]
    [InlineData(new long[] { 1L << 32, 1L << 32 }, "is [N, 4294967296, 4294967296]: a number that overflows features per row")]
    [InlineData(new long[] { 1L << 62, 4 }, "a number that overflows features per row")]
    public void An_input_wider_than_the_file_could_hold_is_refused_before_anything_is_allocated(long[] dims, string problem)
    {
        var model = Fixtures.MatMulAddWithNoOps();
        model.Graph.Input[0] = Fixtures.Tensor("x", DataType.Float, ["N", .. dims.Cast<object>()]);
        AssertRefused(model, "the input 'x'", problem, "more than the weights in this");
    }

    [Fact]
    public void Tensor_shapes_that_overflow_or_are_negative_are_refused()
    {
        var model = Fixtures.TorchSequential();
        model.Graph.Initializer[0].Dims.Clear();
        model.Graph.Initializer[0].Dims.AddRange([1L << 32, 1L << 32]);
        AssertRefused(model, "tensor '0.weight' is declared 4294967296×4294967296, more values than any tensor holds, but holds 32");

        // −8 × −4 = 32, the values held: a negative dimension is refused before its product is compared.
        model = Fixtures.TorchSequential();
        model.Graph.Initializer[0].Dims.Clear();
        model.Graph.Initializer[0].Dims.AddRange([-8, -4]);
        AssertRefused(model, "tensor '0.weight' has a negative dimension: -8×-4");

        model = Fixtures.TorchSequential();
        model.Graph.Initializer[1] = Fixtures.Floats("0.bias", [1, 2, 3, 4, 5, 6, 7, float.NaN], 8);
        AssertRefused(model, "tensor '0.bias' holds NaN (value 8 of 8); a model's numbers are finite");
    }

    [Fact]
    public void A_duplicate_initializer_and_a_value_defined_twice_are_refused()
    {
        var model = Fixtures.TorchSequential();
        model.Graph.Initializer.Add(Fixtures.Floats("0.bias", Fixtures.Numbers(8, 9), 8));
        AssertRefused(model, "initializer '0.bias' is defined twice");

        model = Fixtures.TorchSequential();
        model.Graph.Node[1].Output[0] = "/0/Gemm_output_0";
        AssertRefused(model, "node '/1/Relu' (Relu)", "its output '/0/Gemm_output_0' is already defined by node '/0/Gemm' (Gemm)");
    }

    [Theory]
    [InlineData(-5)]
    [InlineData(0)]
    public void An_opset_below_1_is_refused(long version)
    {
        var model = Fixtures.TorchSequential();
        model.OpsetImport[0].Version = version;
        AssertRefused(model, $"the model declares opset {version} of ai.onnx; opset versions start at 1");
    }

    [Fact]
    public void An_attribute_of_the_wrong_type_is_refused()
    {
        var model = Fixtures.TorchSequential();
        var transB = model.Graph.Node[0].Attribute.Single(a => a.Name == "transB");
        (transB.Type, transB.I) = (AttributeProto.Types.AttributeType.Floats, 0);
        transB.Floats.Add(1);
        AssertRefused(model, "node '/0/Gemm' (Gemm)", "attribute 'transB' is a list of floats, but Gemm takes an int");

        model = Fixtures.TorchSequential();
        model.Graph.Node[0].Attribute.Add(Fixtures.Int("transB", 0));
        AssertRefused(model, "node '/0/Gemm' (Gemm)", "attribute 'transB' is given twice");
    }

    [Fact]
    public void Blank_and_repeated_class_names_are_refused_at_import_not_by_every_later_command()
    {
        AssertRefused(Fixtures.SklearnMlpClassifier(["a", "", "c"], null),
            "node 'ArrayFeatureExtractor' (ArrayFeatureExtractor)", "class 2 of 3 has a blank name ('')");
        AssertRefused(Fixtures.SklearnMlpClassifier(["a", "a", "b"], null, zipMap: true),
            "the class 'a' is named twice among 3 classes ('a', 'a', 'b')");

        // The ZipMap's labels against the label's class constant.
        var model = Fixtures.SklearnMlpClassifier(["a", "b", "c"], null, zipMap: true);
        var labels = model.Graph.Node.Single(n => n.OpType == "ZipMap").Attribute[0].Strings;
        labels[1] = ByteString.CopyFromUtf8("a");
        AssertRefused(model, "node 'ZipMap' (ZipMap)",
            "names the classes 'a', 'a', 'c', but node 'ArrayFeatureExtractor' (ArrayFeatureExtractor) names them 'a', 'b', 'c'");
    }

    [Fact]
    public void A_name_with_escape_sequences_is_shown_escaped_and_a_long_one_is_cut()
    {
        var model = Fixtures.TorchSequential();
        (model.Graph.Node[1].OpType, model.Graph.Node[1].Name) = ("Elu", "\u001b]0;title\u0007\u001b[2J");
        string error = AssertRefused(model, @"node '\e]0;title\x07\e[2J' (Elu)", "is not an op Backprop imports");
        Assert.DoesNotContain('\u001b', error);
        Assert.DoesNotContain('\u0007', error);

        model = Fixtures.TorchSequential();
        (model.Graph.Node[1].OpType, model.Graph.Node[1].Name) = ("Elu", new string('n', 100_000));
        error = AssertRefused(model, $"node '{new string('n', 80)}…' (Elu)");
        Assert.True(error.Length < 400, $"{error.Length} characters");
    }

    [Fact]
    public void Class_names_with_escape_sequences_import_and_are_printed_escaped()
    {
        string onnx = Fixtures.Save(Fixtures.SklearnMlpClassifier(["a\u001b[2J", "b", "c"], null), _folder.File("esc.onnx"));
        string printed = CliRunner.Ok("import", "--format", "onnx", onnx, "--out", _folder.File("esc.json"));
        Assert.Contains(@"3 classes 'a\e[2J', 'b', 'c'", printed);
        Assert.DoesNotContain('\u001b', printed);
    }

    [Fact]
    public void A_softmax_before_another_layer_is_named_at_import()
    {
        var model = Fixtures.TorchSequential();
        model.Graph.Node[1].OpType = "Softmax";
        AssertRefused(model, "node '/2/Gemm' (Gemm)", "a layer after a Softmax: Backprop's softmax belongs on the output layer only");
    }

    [Fact]
    public void A_device_is_refused_naming_its_size_and_not_read_to_the_end()
    {
        Assert.True(OperatingSystem.IsWindows() || File.Exists("/dev/zero"));
        if (OperatingSystem.IsWindows()) return;
        string output = _folder.File("zero.json");
        var outcome = CliRunner.Run("import", "--format", "onnx", "/dev/zero", "--out", output);
        CliRunner.AssertUserError(outcome, "/dev/zero", "its size is 0 bytes", "a device such as /dev/zero");
        Assert.False(File.Exists(output));

        // A named pipe with no writer: refused by its size, not opened (an open would wait for a writer forever).
        string fifo = _folder.File("pipe.onnx");
        if (Process.Start("mkfifo", [fifo]) is { } mkfifo) mkfifo.WaitForExit();
        Assert.True(File.Exists(fifo));
        CliRunner.AssertUserError(CliRunner.Run("import", "--format", "onnx", fifo, "--out", output), "pipe.onnx", "its size is 0 bytes");
        Assert.False(File.Exists(output));
    }
}

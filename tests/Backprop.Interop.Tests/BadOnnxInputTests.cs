using Backprop.Onnx.Proto;
using Google.Protobuf;

namespace Backprop.Interop.Tests;

/// <summary>Bad ONNX input: one line naming the file, the node and the problem, exit code 1, and no model file written.</summary>
public sealed class BadOnnxInputTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Imports <paramref name="bytes"/> and asserts the refusal: one line with every fragment and the file's name, nothing
    /// written.</summary>
    private void AssertRefused(byte[] bytes, params string[] fragments)
    {
        string onnx = _folder.File("bad.onnx");
        File.WriteAllBytes(onnx, bytes);
        string output = _folder.File("out.json");
        var outcome = CliRunner.Run("import", "--format", "onnx", onnx, "--out", output);
        CliRunner.AssertUserError(outcome, [onnx, .. fragments]);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.tmp"));
    }

    private void AssertRefused(ModelProto model, params string[] fragments) => AssertRefused(model.ToByteArray(), fragments);

    [Fact]
    public void TruncatedFile()
    {
        var bytes = Fixtures.TorchSequential().ToByteArray();
        AssertRefused(bytes[..(bytes.Length / 2)], "truncated");
    }

    [Fact]
    public void NotOnnx()
    {
        AssertRefused(File.ReadAllBytes(TestData.File("uci/iris.csv")), "not an ONNX model");
        AssertRefused([], "empty");
    }

    [Fact]
    public void UnsupportedOp()
    {
        var model = Fixtures.TorchSequential();
        var relu = model.Graph.Node[1];
        (relu.OpType, relu.Name) = ("Elu", "/1/Elu");
        AssertRefused(model, "node '/1/Elu' (Elu)", "not an op Backprop imports");
    }

    [Fact]
    public void UnsupportedAttributes()
    {
        var model = Fixtures.TorchSequential();
        model.Graph.Node[0].Attribute.Add(Fixtures.Int("transA", 1));
        AssertRefused(model, "node '/0/Gemm' (Gemm)", "transA=1 is not supported");

        model = Fixtures.TorchSequential();
        var relu = model.Graph.Node[1];
        relu.OpType = "LeakyRelu";
        relu.Attribute.Add(Fixtures.Float("alpha", 0.2f));
        AssertRefused(model, "node '/1/Relu' (LeakyRelu)", "alpha=0.2 is not supported");

        model = Fixtures.TorchSequential();
        model.Graph.Node[1].Attribute.Add(Fixtures.Int("inplace", 1));
        AssertRefused(model, "node '/1/Relu' (Relu)", "attribute 'inplace' is not supported");
    }

    [Fact]
    public void InconsistentShapes()
    {
        var model = Fixtures.TorchSequential();
        model.Graph.Initializer[2] = Fixtures.Floats("2.weight", Fixtures.Numbers(21, 3), 3, 7);
        AssertRefused(model, "node '/2/Gemm' (Gemm)", "'2.weight' are 3×7 (transB=1), so they take 7 inputs, but the layer below gives 8");

        model = Fixtures.TorchSequential();
        model.Graph.Initializer[1] = Fixtures.Floats("0.bias", Fixtures.Numbers(7, 2), 7);
        AssertRefused(model, "node '/0/Gemm' (Gemm)", "the bias '0.bias' is 7, but the layer has 8 units");

        model = Fixtures.TorchSequential();
        model.Graph.Initializer[0] = Fixtures.Floats("0.weight", Fixtures.Numbers(30, 1), 8, 4);
        AssertRefused(model, "tensor '0.weight' is declared 8×4 (32 values) but holds 30");

        model = Fixtures.TorchSequential();
        model.Graph.Input[0] = Fixtures.Tensor("input", TensorProto.Types.DataType.Float, "batch_size", 5);
        AssertRefused(model, "node '/0/Gemm' (Gemm)", "take 4 inputs, but the layer below gives 5");
    }

    [Fact]
    public void OpsetAboveWhatIsSupported()
    {
        var model = Fixtures.TorchSequential();
        model.OpsetImport[0].Version = 99;
        AssertRefused(model, "declares opset 99 of ai.onnx; Backprop reads up to 23");
    }

    [Fact]
    public void AGoodEarlierOutputIsLeftAlone()
    {
        string output = _folder.File("keep.json");
        File.WriteAllText(output, "earlier");
        var bytes = Fixtures.TorchSequential().ToByteArray();
        File.WriteAllBytes(_folder.File("cut.onnx"), bytes[..100]);
        CliRunner.AssertUserError(CliRunner.Run("import", "--format", "onnx", _folder.File("cut.onnx"), "--out", output), "cut.onnx");
        Assert.Equal("earlier", File.ReadAllText(output));
    }

    [Fact]
    public void ExportRefusesAMissingModelAndAnUnknownFormat()
    {
        string onnx = _folder.File("m.onnx");
        CliRunner.AssertUserError(CliRunner.Run("export", "--model", _folder.File("missing.json"), "--out", onnx), "missing.json", "file not found");
        CliRunner.AssertUserError(CliRunner.Run("export", "--model", _folder.File("missing.json"), "--format", "pmml", "--out", onnx),
            "--format", "'pmml'");
        CliRunner.AssertUserError(CliRunner.Run("import", "--format", "pmml", _folder.File("x.onnx"), "--out", _folder.File("x.json")),
            "--format", "'pmml'");
        Assert.False(File.Exists(onnx));
    }
}

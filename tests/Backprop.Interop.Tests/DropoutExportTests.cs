using Backprop.Serialization;

namespace Backprop.Interop.Tests;

/// <summary>
/// A model trained with dropout exports its inference graph: no dropout node (dropout is the identity at inference),
/// and ONNX Runtime gives what <c>backprop predict</c> prints on every row.
/// </summary>
public sealed class DropoutExportTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_dropout_model_exports_without_dropout_and_agrees_with_predict()
    {
        string data = TestData.File("uci/iris.csv"), model = _folder.File("model.json"), onnx = _folder.File("model.onnx");
        CliRunner.Ok("train", "--data", data, "--target", "species", "--layers", "8,6", "--dropout", "0.3", "--optimizer", "adam", "--lr", "0.01",
            "--epochs", "30", "--quiet", "--out", model);
        Assert.Equal(2, ModelFile.Load(model).Layers.Count(l => l.Kind == "dropout"));
        CliRunner.Ok("predict", "--model", model, "--data", data, "--out", _folder.File("predicted.csv"));
        CliRunner.Ok("export", "--model", model, "--format", "onnx", "--out", onnx);
        var graph = Backprop.Onnx.Proto.ModelProto.Parser.ParseFrom(File.ReadAllBytes(onnx)).Graph;
        Assert.DoesNotContain(graph.Node, n => n.OpType == "Dropout");
        Assert.Equal(3, graph.Node.Count(n => n.OpType == "Gemm"));
        var outputs = OnnxRun.OnTable(onnx, ModelFile.Load(model).Preprocessing!, RawTable.Read(data));
        Agreement.AssertSame(RawTable.Read(_folder.File("predicted.csv")), outputs, 1e-12, classifier: true);
    }
}

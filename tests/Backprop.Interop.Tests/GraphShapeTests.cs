using System.Text.Json;
using Backprop.Onnx;
using Backprop.Onnx.Proto;
using Backprop.Serialization;

namespace Backprop.Interop.Tests;

/// <summary>The exported graph's structure: the nodes docs/interop.md draws, the opsets, a symbolic batch dimension, plain tensor outputs and the
/// metadata.</summary>
public sealed class GraphShapeTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private ModelProto Export(string data, params string[] train)
    {
        string model = _folder.File("m.json");
        CliRunner.Ok(["train", "--optimizer", "gd", "--lr", "0.01", "--data", data, .. train, "--epochs", "2", "--quiet", "--out", model]);
        CliRunner.Ok("export", "--model", model, "--format", "onnx", "--out", _folder.File("m.onnx"));
        return ModelProto.Parser.ParseFrom(File.ReadAllBytes(_folder.File("m.onnx")));
    }

    private static string Shape(ValueInfoProto v) =>
        string.Join(",", v.Type.TensorType.Shape.Dim.Select(d => d.HasDimValue ? d.DimValue.ToString() : d.DimParam));

    [Fact]
    public void WineIsSubDivThenGemmPerLayerThenLabelAndProbabilities()
    {
        var onnx = Export(TestData.File("uci/wine.csv"), "--target", "cultivar", "--standardize", "--layers", "5", "--activation", "tanh");
        Assert.Equal(["IsNaN", "Where", "Sub", "Div", "Gemm", "Tanh", "Gemm", "Softmax", "Identity", "ArgMax", "Gather"],
            onnx.Graph.Node.Select(n => n.OpType));
        Assert.All(onnx.Graph.Node.Where(n => n.OpType == "Gemm"), g => Assert.Equal(1, g.Attribute.Single(a => a.Name == "transB").I));
        Assert.DoesNotContain(onnx.Graph.Node, n => n.OpType == "ZipMap");
        Assert.Contains(onnx.OpsetImport, o => o.Domain == "" && o.Version == 17);
        var x = Assert.Single(onnx.Graph.Input);
        Assert.Equal(("X", "N,13", (int)TensorProto.Types.DataType.Double), (x.Name, Shape(x), x.Type.TensorType.ElemType));
        Assert.Equal(["label:N", "probabilities:N,3"], onnx.Graph.Output.Select(o => $"{o.Name}:{Shape(o)}"));
        Assert.Equal((int)TensorProto.Types.DataType.String, onnx.Graph.Output[0].Type.TensorType.ElemType);
        var metadata = onnx.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(["class_0", "class_1", "class_2"], JsonSerializer.Deserialize<string[]>(metadata["backprop.classes"])!);
        Assert.Equal("proline", JsonSerializer.Deserialize<string[]>(metadata["backprop.features"])![12]);
        Assert.Equal(OnnxExporter.Version, metadata["backprop.version"]);
        // The first layer's weights as stored: 5 units × 13 inputs, row j the weights into unit j.
        var stored = ModelFile.Load(_folder.File("m.json")).Layers[0].Weights;
        var w = onnx.Graph.Initializer.Single(t => t.Name == onnx.Graph.Node[4].Input[1]); // after IsNaN, Where, Sub, Div
        Assert.Equal([5L, 13L], w.Dims);
        Assert.Equal(stored[1][4], w.DoubleData[1 * 13 + 4]);
    }

    [Fact]
    public void AdmissionsRankIsAnInt64InputOneHotEncodedInTheGraph()
    {
        var onnx = Export(TestData.File("admissions/binary.csv"), "--target", "admit", "--classify", "--one-hot", "rank", "--standardize", "gre,gpa",
            "--layers", "3");
        Assert.Equal(["X:N,2:double", "rank:N,1:int64"],
            onnx.Graph.Input.Select(i => $"{i.Name}:{Shape(i)}:{OnnxFile.TypeName(i.Type.TensorType.ElemType)}"));
        var encoder = onnx.Graph.Node.Single(n => n.OpType == "OneHotEncoder");
        Assert.Equal("ai.onnx.ml", encoder.Domain);
        Assert.Equal([1L, 2L, 3L, 4L], encoder.Attribute.Single(a => a.Name == "cats_int64s").Ints);
        Assert.Equal(["IsNaN", "Where", "Sub", "Div", "Gather", "OneHotEncoder", "Reshape", "Cast", "Concat", "Gemm", "Relu", "Gemm", "Sigmoid"],
            onnx.Graph.Node.Take(13).Select(n => n.OpType));
        // Two classes, 0 and 1: the label is int64, the probabilities [1 − y, y].
        Assert.Equal((int)TensorProto.Types.DataType.Int64, onnx.Graph.Output.Single(o => o.Name == "label").Type.TensorType.ElemType);
        Assert.Equal("N,2", Shape(onnx.Graph.Output.Single(o => o.Name == "probabilities")));
    }
}

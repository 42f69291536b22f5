using Backprop.Onnx;
using Backprop.Onnx.Proto;
using Backprop.Serialization;
using Backprop.Tensors;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Backprop.Interop.Tests;

/// <summary>MLP graphs as torch.onnx.export and skl2onnx write them import into models that give ONNX Runtime's outputs.</summary>
public sealed class ImportTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static float[] Inputs(int rows, int columns) => Fixtures.Numbers(rows * columns, 99).Select(v => v * 3).ToArray();

    /// <summary>ONNX Runtime's outputs for <paramref name="x"/> (float), by output name.</summary>
    private static Dictionary<string, object> RunOrt(string path, string input, float[] x, params int[] dims)
    {
        using var session = new InferenceSession(path);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(input, new DenseTensor<float>(x, dims))]);
        return results.ToDictionary(r => r.Name, r => r.Value switch
        {
            Tensor<float> f => (object)f.ToArray(),
            Tensor<string> s => s.ToArray(),
            Tensor<long> l => l.ToArray(),
            var other => throw new InvalidOperationException(other?.GetType().Name),
        });
    }

    private static Matrix<double> Predict(ModelDocument model, float[] x, int rows) =>
        model.ToNetwork<double>().Predict(new Matrix<double>(rows, model.Inputs, x.Select(v => (double)v).ToArray()));

    [Fact]
    public void TorchSequentialOfGemmsImportsWithItsWeights()
    {
        string onnx = Fixtures.Save(Fixtures.TorchSequential(), _folder.File("torch.onnx"));
        string printed = CliRunner.Ok("import", "--format", "onnx", onnx, "--out", _folder.File("torch.json"));
        Assert.Contains("model 4-8-3 (relu, identity)", printed);
        var model = ModelFile.Load(_folder.File("torch.json"));
        // Gemm with transB=1 holds the weights as Backprop stores them: row j is unit j's weights.
        var w = Fixtures.Numbers(32, 1);
        Assert.Equal((double)w[2 * 4 + 3], model.Layers[0].Weights[2][3]);
        Assert.Equal((double)Fixtures.Numbers(3, 4)[2], model.Layers[1].Bias![2]);
        Assert.Equal(["input0", "input1", "input2", "input3"], model.Features!);

        int rows = 50;
        var x = Inputs(rows, 4);
        var expected = (float[])RunOrt(onnx, "input", x, rows, 4)["output"];
        var actual = Predict(model, x, rows);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual.Span[i], 1e-5);
    }

    [Fact]
    public void MatMulAddWithFlattenAndIdentityImports()
    {
        string onnx = Fixtures.Save(Fixtures.MatMulAddWithNoOps(), _folder.File("mm.onnx"));
        var model = OnnxImporter.Load(onnx);
        Assert.Equal(6, model.Inputs);
        Assert.Equal(["tanh", "sigmoid"], model.Layers.Select(l => l.Activation));
        // MatMul's weights are inputs × units: Backprop's [j][i] is the tensor's (i, j).
        Assert.Equal((double)Fixtures.Numbers(30, 5)[4 * 5 + 1], model.Layers[0].Weights[1][4]);

        int rows = 40;
        var x = Inputs(rows, 6);
        var expected = (float[])RunOrt(onnx, "x", x, rows, 2, 3)["y"];
        var actual = Predict(model, x, rows);
        for (int i = 0; i < rows; i++) Assert.Equal(expected[i], actual[i, 0], 1e-6);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SklearnMulticlassImportsWithItsClassNames(bool zipMap)
    {
        string[] classes = ["setosa", "versicolor", "virginica"];
        var proto = Fixtures.SklearnMlpClassifier(classes, null, zipMap);
        string onnx = Fixtures.Save(proto, _folder.File("sk.onnx"));
        CliRunner.Ok("import", "--format", "onnx", onnx, "--out", _folder.File("sk.json"));
        var model = ModelFile.Load(_folder.File("sk.json"));
        Assert.Equal(classes, model.Preprocessing!.Target.Classes!);
        Assert.Equal(["relu", "softmax"], model.Layers.Select(l => l.Activation));
        if (zipMap) return; // ONNX Runtime cannot load this fixture's undeclared ZipMap output type; the plain-tensor form is compared below.

        int rows = 60;
        var x = Inputs(rows, 4);
        var ort = RunOrt(onnx, "X", x, rows, 4);
        var (labels, probabilities) = ((string[])ort["label"], (float[])ort["probabilities"]);
        var actual = Predict(model, x, rows);
        for (int r = 0; r < rows; r++)
        {
            Assert.Equal(labels[r], classes[model.Preprocessing.Target.ClassOf(actual.Row(r))]);
            for (int k = 0; k < 3; k++) Assert.Equal(probabilities[r * 3 + k], actual[r, k], 1e-6);
        }
        Assert.True(labels.Distinct().Count() > 1, "the fixture's rows should not all fall in one class");
    }

    [Fact]
    public void SklearnScalerBecomesStandardisation()
    {
        string[] classes = ["a", "b", "c"];
        string onnx = Fixtures.Save(Fixtures.SklearnMlpClassifier(classes, null, scaler: true), _folder.File("scaled.onnx"));
        var model = OnnxImporter.Load(onnx);
        var first = (Backprop.Data.Preprocessing.NumericColumn)model.Preprocessing!.Inputs[0];
        Assert.Equal((5.8f, 1 / (double)1.2f), ((float)first.Mean, first.Scale));

        int rows = 60;
        var x = Inputs(rows, 4);
        var ort = RunOrt(onnx, "X", x, rows, 4);
        var probabilities = (float[])ort["probabilities"];
        // The raw rows go through the model's standardisation, as predict does, then the network.
        var encoded = new Matrix<double>(rows, 4);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < 4; c++)
            {
                var column = (Backprop.Data.Preprocessing.NumericColumn)model.Preprocessing.Inputs[c];
                encoded[r, c] = (x[r * 4 + c] - column.Mean) / column.Scale;
            }
        var actual = model.ToNetwork<double>().Predict(encoded);
        for (int r = 0; r < rows; r++)
        {
            Assert.Equal(((string[])ort["label"])[r], classes[model.Preprocessing.Target.ClassOf(actual.Row(r))]);
            for (int k = 0; k < 3; k++) Assert.Equal(probabilities[r * 3 + k], actual[r, k], 1e-5);
        }
    }

    [Fact]
    public void BackpropsOwnStandardisedExportReadsBackAsTheSameModel()
    {
        // wine with --standardize, exported in double (Sub, Div, Gemm, …, ArgMax, Gather), imported: the same weights,
        // means, scales, column and class names, so predict prints exactly the same file.
        string data = TestData.File("uci/wine.csv");
        string model = _folder.File("wine.json");
        CliRunner.Ok("train", "--optimizer", "gd", "--lr", "0.01", "--data", data, "--target", "cultivar", "--standardize", "--layers", "6",
            "--epochs", "10", "--quiet", "--out", model);
        CliRunner.Ok("export", "--model", model, "--out", _folder.File("wine.onnx"));
        CliRunner.Ok("import", "--format", "onnx", _folder.File("wine.onnx"), "--out", _folder.File("back.json"));
        CliRunner.Ok("predict", "--model", model, "--data", data, "--out", _folder.File("original.csv"));
        CliRunner.Ok("predict", "--model", _folder.File("back.json"), "--data", data, "--out", _folder.File("imported.csv"));
        Assert.Equal(File.ReadAllText(_folder.File("original.csv")), File.ReadAllText(_folder.File("imported.csv")));
        var back = ModelFile.Load(_folder.File("back.json"));
        Assert.Equal(ModelFile.Load(model).Preprocessing!.Inputs, back.Preprocessing!.Inputs);
    }

    [Fact]
    public void SklearnBinaryWithIntegerClassesImports()
    {
        string onnx = Fixtures.Save(Fixtures.SklearnMlpClassifier(null, [0, 1]), _folder.File("binary.onnx"));
        CliRunner.Ok("import", "--format", "onnx", onnx, "--out", _folder.File("binary.json"));
        var model = ModelFile.Load(_folder.File("binary.json"));
        Assert.Equal(["0", "1"], model.Preprocessing!.Target.Classes!);
        Assert.Equal(1, model.Layers[^1].Units);

        int rows = 60;
        var x = Inputs(rows, 4);
        var ort = RunOrt(onnx, "X", x, rows, 4);
        var (labels, probabilities) = ((long[])ort["label"], (float[])ort["probabilities"]);
        var actual = Predict(model, x, rows);
        for (int r = 0; r < rows; r++)
        {
            var p = model.Preprocessing.Target.Probabilities(actual.Row(r));
            Assert.Equal(probabilities[2 * r], p[0], 1e-6);
            Assert.Equal(probabilities[2 * r + 1], p[1], 1e-6);
            Assert.Equal(labels[r], model.Preprocessing.Target.ClassOf(actual.Row(r)));
        }
    }

    [Fact]
    public void BackpropExportWithoutPreprocessingReadsBack()
    {
        var network = Backprop.Layers.Network<double>.Create(3, [new(4, "tanh"), new(2, "identity")], seed: 5);
        var document = ModelDocument.FromNetwork(network);
        string onnx = _folder.File("own.onnx");
        OnnxExporter.Save(document, onnx, OnnxPrecision.Double);
        var back = OnnxImporter.Load(onnx);
        Assert.Equal(document.Layers.Select(l => l.Activation), back.Layers.Select(l => l.Activation));
        for (int l = 0; l < document.Layers.Count; l++)
        {
            Assert.Equal(document.Layers[l].Weights, back.Layers[l].Weights);
            Assert.Equal(document.Layers[l].Bias, back.Layers[l].Bias);
        }
    }
}

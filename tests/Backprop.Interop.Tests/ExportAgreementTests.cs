using Backprop.Serialization;
using Xunit.Abstractions;

namespace Backprop.Interop.Tests;

/// <summary>
/// Exported models run in ONNX Runtime give what <c>backprop predict</c> prints, on every row of the data they were
/// trained on: the same labels, and probabilities within 1e-12 for a double graph and 1e-5 for a float one.
/// </summary>
public sealed class ExportAgreementTests(ITestOutputHelper log) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Trains with <paramref name="train"/>, predicts, exports in each precision and compares every row; returns the largest difference per
    /// precision.</summary>
    private Dictionary<string, double> TrainExportCompare(string data, string[] train, bool classifier,
        params (string Precision, double Tolerance)[] exports)
    {
        string model = _folder.File("model.json");
        CliRunner.Ok(["train", "--data", data, .. train, "--quiet", "--out", model]);
        CliRunner.Ok("predict", "--model", model, "--data", data, "--out", _folder.File("predicted.csv"));
        var predicted = RawTable.Read(_folder.File("predicted.csv"));
        var pre = ModelFile.Load(model).Preprocessing!;
        var largest = new Dictionary<string, double>();
        foreach (var (precision, tolerance) in exports)
        {
            string onnx = _folder.File($"model-{precision}.onnx");
            CliRunner.Ok("export", "--model", model, "--format", "onnx", "--precision", precision, "--out", onnx);
            var outputs = Backprop.Data.Idx.MnistFile.IsImagesFile(data) ? OnImages(onnx, data) : OnnxRun.OnTable(onnx, pre, RawTable.Read(data));
            largest[precision] = Agreement.AssertSame(predicted, outputs, tolerance, classifier);
            log.WriteLine($"{Path.GetFileName(data)} {precision}: {predicted.Rows.Count} rows, largest difference {largest[precision]:G3}");
        }
        return largest;
    }

    private static OrtOutputs OnImages(string onnx, string images)
    {
        var (pixels, _) = Backprop.Data.Idx.MnistFile.Read(images);
        return OnnxRun.OnMatrix(onnx, pixels.Span.ToArray(), pixels.Rows, pixels.Columns);
    }

    [Fact]
    public void IrisAgreesInDoubleAndFloat()
    {
        var largest = TrainExportCompare(TestData.File("uci/iris.csv"),
            ["--optimizer", "gd", "--target", "species", "--layers", "8", "--activation", "tanh", "--lr", "0.05", "--epochs", "40", "--seed", "3"],
            classifier: true, ("double", 1e-12), ("float", 1e-5));
        Assert.True(largest["float"] > 0,
            "a float graph cannot reproduce double arithmetic bit for bit; zero difference means the comparison compared nothing");
    }

    [Fact]
    public void WineStandardisedAgrees() =>
        TrainExportCompare(TestData.File("uci/wine.csv"),
            ["--optimizer", "gd", "--target", "cultivar", "--standardize", "--layers", "10", "--activation", "relu", "--lr", "0.05", "--epochs", "30",
                "--seed", "5"],
            classifier: true, ("double", 1e-12), ("float", 1e-5));

    [Fact]
    public void WineRobustlyScaledAgrees() =>
        TrainExportCompare(TestData.File("uci/wine.csv"),
            ["--optimizer", "gd", "--target", "cultivar", "--standardize", "robust", "--layers", "10", "--activation", "relu", "--lr", "0.05",
                "--epochs", "30", "--seed", "5"],
            classifier: true, ("double", 1e-12), ("float", 1e-5));

    [Fact]
    public void AdmissionsWithOneHotRankAgrees() =>
        TrainExportCompare(TestData.File("admissions/binary.csv"),
            ["--optimizer", "gd", "--target", "admit", "--classify", "--one-hot", "rank", "--standardize", "gre,gpa", "--layers", "4", "--activation",
                "sigmoid", "--lr", "0.1", "--epochs", "30", "--seed", "7"],
            classifier: true, ("double", 1e-12), ("float", 1e-5));

    [Fact]
    public void FloatTrainedModelExportsAsFloatByDefault()
    {
        string data = TestData.File("uci/iris.csv");
        string model = _folder.File("float.json");
        CliRunner.Ok("train", "--optimizer", "gd", "--lr", "0.01", "--data", data, "--target", "species", "--layers", "6", "--precision", "float",
            "--epochs", "20", "--quiet", "--out", model);
        string printed = CliRunner.Ok("export", "--model", model, "--out", _folder.File("float.onnx"));
        Assert.Contains("inputs X [N, 4] float; outputs label [N] string, probabilities [N, 3] float", printed);
        CliRunner.Ok("predict", "--model", model, "--data", data, "--out", _folder.File("predicted.csv"));
        var outputs = OnnxRun.OnTable(_folder.File("float.onnx"), ModelFile.Load(model).Preprocessing!, RawTable.Read(data));
        Agreement.AssertSame(RawTable.Read(_folder.File("predicted.csv")), outputs, 1e-5, classifier: true);
    }

    [Fact]
    public void TextColumnBecomesAStringInput()
    {
        // A made-up table: y = 2·x + 3·[colour = green] − [colour = red]; a text column is one-hot encoded by the model.
        var rng = new Random(11);
        string[] colours = ["blue", "green", "red"];
        var lines = new List<string> { "x,colour,y" };
        for (int i = 0; i < 60; i++)
        {
            double x = Math.Round(rng.NextDouble() * 4 - 2, 3);
            string c = colours[i % 3];
            lines.Add(FormattableString.Invariant($"{x},{c},{2 * x + (c == "green" ? 3 : c == "red" ? -1 : 0)}"));
        }
        string data = _folder.File("colours.csv");
        File.WriteAllLines(data, lines);
        TrainExportCompare(data, ["--optimizer", "gd", "--target", "y", "--standardize", "x", "--layers", "5", "--activation", "leaky-relu", "--lr",
            "0.05", "--epochs", "30"],
            classifier: false, ("double", 1e-12), ("float", 1e-5));
    }

    [Fact]
    public void StandardisedRegressionTargetIsTurnedBackInTheGraph()
    {
        // gre (200–800) predicted from gpa and rank: the target is standardised for training (the default), so the graph must end in
        // y = z·scale + mean (Mul, Add) to give predict's numbers; without it its outputs would be z, about −2…2.
        string data = TestData.File("admissions/binary.csv");
        var largest = TrainExportCompare(data, ["--target", "gre", "--features", "gpa,rank", "--layers", "4", "--epochs", "20", "--seed", "3",
            "--validation-split", "0"],
            classifier: false, ("double", 1e-12), ("float", 1e-3));
        var target = ModelFile.Load(_folder.File("model.json")).Preprocessing!.Target;
        Assert.Equal(587.7, target.Mean![0], 1e-9); // the 400 rows' mean gre (numpy: np.mean(gre) = 587.7)
        Assert.Equal(115.37205034149302, target.Scale![0], 1e-9); // their population sd (numpy: np.std(gre))
        log.WriteLine($"largest difference: double {largest["double"]:G3}, float {largest["float"]:G3}");
    }

    [Fact]
    public void MnistAgreesOnEveryImage()
    {
        // A 784-16-10 network trained in float on the first 1,000 of the 10,000 test images (the other 9,000 held out), then compared on all 10,000.
        string images = TestData.File("mnist-t10k/t10k-images-idx3-ubyte.gz");
        TrainExportCompare(images,
            ["--layers", "16", "--activation", "relu", "--optimizer", "adam", "--lr", "0.01", "--batch-size", "50", "--epochs", "1",
                "--validation-split", "0.9", "--precision", "float"],
            classifier: true, ("float", 1e-5));
    }
}

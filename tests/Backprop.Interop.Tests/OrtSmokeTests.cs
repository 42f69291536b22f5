using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Backprop.Interop.Tests;

public class OrtSmokeTests
{
    [Fact]
    public void IrisRuns()
    {
        using var folder = new TempFolder();
        string iris = TestData.File("uci/iris.csv");
        Cli.Ok("train", "--data", iris, "--target", "species", "--layers", "8", "--standardize", "--lr", "0.1", "--epochs", "20", "--out", folder.File("m.json"));
        Console.WriteLine(Cli.Ok("export", "--model", folder.File("m.json"), "--out", folder.File("m.onnx")));
        using var session = new InferenceSession(folder.File("m.onnx"));
        var x = new DenseTensor<double>(new double[] { 5.1, 3.5, 1.4, 0.2 }, [1, 4]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("X", x)]);
        foreach (var r in results) Console.WriteLine($"{r.Name}: {string.Join(",", r.AsEnumerable<object>() ?? [])}");
    }
}

using Backprop.Serialization;

namespace Backprop.Interop.Tests;

/// <summary>Tests that change the current directory run alone.</summary>
[CollectionDefinition("current directory", DisableParallelization = true)]
public sealed class CurrentDirectoryCollection;

/// <summary>docs/interop.md's C# examples are DocExamples.cs's, and they run.</summary>
[Collection("current directory")]
public sealed class DocExampleTests
{
    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Backprop.sln"))) return dir.FullName;
        throw new InvalidOperationException("no Backprop.sln above the test binaries");
    }

    [Fact]
    public void EveryLineOfEveryExampleIsInDocExamples()
    {
        var doc = File.ReadAllLines(Path.Combine(Root(), "docs", "interop.md"));
        var source = File.ReadAllLines(Path.Combine(Root(), "tests", "Backprop.Interop.Tests", "DocExamples.cs")).Select(l => l.Trim()).ToList();
        int blocks = 0;
        for (int i = 0; i < doc.Length; i++)
        {
            if (doc[i].StartsWith("# ML.NET", StringComparison.Ordinal)) break; // that section's example is tests/Backprop.MLNet.Tests' DocExamples
            if (doc[i] != "```csharp") continue;
            blocks++;
            int at = 0;
            for (i++; doc[i] != "```"; i++)
            {
                string line = doc[i].Trim();
                if (line.Length == 0) continue;
                if (line.StartsWith("using ", StringComparison.Ordinal) && !line.StartsWith("using var", StringComparison.Ordinal)
                    && !line.StartsWith("using (", StringComparison.Ordinal))
                {
                    Assert.Contains(line, source);
                    continue;
                }
                int found = source.IndexOf(line, at);
                Assert.True(found >= 0, $"docs/interop.md line {i + 1} is not in DocExamples.cs (in order): {line}");
                at = found + 1;
            }
        }
        Assert.Equal(3, blocks);
    }

    [Fact]
    public void TheExamplesRun()
    {
        using var folder = new TempFolder();
        CliRunner.Ok("train", "--optimizer", "gd", "--data", TestData.File("uci/iris.csv"), "--target", "species", "--layers", "8", "--standardize",
            "--lr", "0.05", "--epochs", "60", "--quiet", "--out", folder.File("iris.json"));
        Fixtures.Save(Fixtures.TorchSequential(), folder.File("torch_mlp.onnx"));
        string before = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(folder.Path);
        try
        {
            Assert.Equal("IsNaN Where Sub Div Gemm Relu Gemm Softmax Identity ArgMax Gather", DocExamples.Export());
            Assert.True(new FileInfo("iris-float.onnx").Length < new FileInfo("iris.onnx").Length);

            var (labels, probabilities) = DocExamples.Run();
            // The two rows are iris rows 1 and 145 (a setosa and a virginica); the graph gives what predict gives for them.
            var model = ModelFile.Load("iris.json");
            var pre = model.Preprocessing!;
            var rows = new Tensors.Matrix<double>(2, 4, [5.1, 3.5, 1.4, 0.2, 6.7, 3.0, 5.2, 2.3]);
            for (int r = 0; r < 2; r++)
                for (int c = 0; c < 4; c++)
                {
                    var column = (Data.Preprocessing.NumericColumn)pre.Inputs[c];
                    rows[r, c] = (rows[r, c] - column.Mean) / column.Scale;
                }
            var expected = model.ToNetwork<double>().Predict(rows);
            for (int r = 0; r < 2; r++)
            {
                Assert.Equal(pre.Target.Classes![pre.Target.ClassOf(expected.Row(r))], labels[r]);
                for (int k = 0; k < 3; k++) Assert.Equal(expected[r, k], probabilities[r * 3 + k], 1e-12);
            }

            var (imported, outputs) = DocExamples.Import();
            Assert.Equal([8, 3], imported.Layers.Select(l => l.Units));
            Assert.True(File.Exists("torch_mlp.json"));
            using var session = new Microsoft.ML.OnnxRuntime.InferenceSession("torch_mlp.onnx");
            var x = new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>(new[] { 5.1f, 3.5f, 1.4f, 0.2f }, [1, 4]);
            using var ort = session.Run([Microsoft.ML.OnnxRuntime.NamedOnnxValue.CreateFromTensor("input", x)]);
            var graphOutputs = ort.First().AsTensor<float>().ToArray();
            for (int k = 0; k < 3; k++) Assert.Equal(graphOutputs[k], outputs[0, k], 1e-5);
        }
        finally
        {
            Directory.SetCurrentDirectory(before);
        }
    }
}

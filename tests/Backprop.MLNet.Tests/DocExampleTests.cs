using Backprop.Serialization;

namespace Backprop.MLNet.Tests;

/// <summary>Tests that change the current directory run alone.</summary>
[CollectionDefinition("current directory", DisableParallelization = true)]
public sealed class CurrentDirectoryCollection;

/// <summary>The C# example of docs/interop.md's ML.NET section is DocExamples.cs's, and it runs and prints what the page says.</summary>
[Collection("current directory")]
public sealed class DocExampleTests
{
    private const string Section = "# ML.NET";

    private static string[] Lines() => File.ReadAllLines(Path.Combine(TestData.Root(), "docs", "interop.md"));

    [Fact]
    public void EveryLineOfTheExampleIsInDocExamples()
    {
        var doc = Lines();
        var source = File.ReadAllLines(Path.Combine(TestData.Root(), "tests", "Backprop.MLNet.Tests", "DocExamples.cs"))
            .Select(l => l.Trim()).ToList();
        int start = Array.FindIndex(doc, l => l.StartsWith(Section, StringComparison.Ordinal));
        Assert.True(start > 0, $"docs/interop.md has no '{Section}' section");
        int blocks = 0, at = 0;
        for (int i = start; i < doc.Length; i++)
        {
            if (doc[i] != "```csharp") continue;
            blocks++;
            for (i++; doc[i] != "```"; i++)
            {
                string line = doc[i].Trim();
                if (line.Length == 0) continue;
                int found = source.IndexOf(line, line.StartsWith("using ", StringComparison.Ordinal) ? 0 : at);
                Assert.True(found >= 0, $"docs/interop.md line {i + 1} is not in DocExamples.cs (in order): {line}");
                if (!line.StartsWith("using ", StringComparison.Ordinal)) at = found + 1;
            }
        }
        Assert.Equal(1, blocks);
    }

    [Fact]
    public void TheExampleRunsAndPrintsWhatThePageSays()
    {
        // The example reads ../shared/data/uci/iris.csv from where it runs: a scratch folder with the file there.
        var scratch = Directory.CreateTempSubdirectory("backprop-mlnet-doc-");
        string work = Directory.CreateDirectory(Path.Combine(scratch.FullName, "work")).FullName;
        Directory.CreateDirectory(Path.Combine(scratch.FullName, "shared", "data", "uci"));
        File.Copy(TestData.File("uci/iris.csv"), Path.Combine(scratch.FullName, "shared", "data", "uci", "iris.csv"));
        string before = Directory.GetCurrentDirectory();
        var output = new StringWriter();
        var console = Console.Out;
        Directory.SetCurrentDirectory(work);
        Console.SetOut(output);
        try
        {
            var (accuracy, r2, predicted, scores, loadedScores, auc, lost) = DocExamples.Iris();
            Assert.True(auc > 0.95, $"AUC {auc}");
            Assert.Equal(2, Array.IndexOf(lost, lost.Max()));                                               // petal length matters most
            Assert.Equal("virginica", predicted);
            Assert.Equal(scores, loadedScores);
            Assert.True(accuracy >= 0.95 && r2 > 0.9, $"accuracy {accuracy}, R² {r2}");
            var saved = ModelFile.Load("iris.json");
            Assert.Equal(4, saved.Inputs);
            Assert.Equal(["SepalLength", "SepalWidth", "PetalLength", "PetalWidth"], saved.Features!);     // Concatenate's slot names
            Assert.Equal(["setosa", "versicolor", "virginica"], saved.Preprocessing!.Target.Classes!.Order());
        }
        finally
        {
            Console.SetOut(console);
            Directory.SetCurrentDirectory(before);
            scratch.Delete(recursive: true);
        }
        // The page shows the lines the example printed.
        var printed = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var doc = Lines();
        int start = Array.FindIndex(doc, l => l.StartsWith(Section, StringComparison.Ordinal));
        foreach (string line in printed)
            Assert.True(doc[start..].Contains(line.TrimEnd('\r')),
                $"the page does not show the printed line '{line}'; the example printed: {string.Join(" | ", printed)}");
        Assert.Equal(5, printed.Length);
    }
}

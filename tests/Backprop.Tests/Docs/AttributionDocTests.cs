using System.Text.RegularExpressions;
using Backprop.Cli.Examples;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Docs;

/// <summary>The tables docs/attribution.md prints are what the commands it shows print, line for line.</summary>
public class AttributionDocTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_docs_tables_are_what_attribute_prints()
    {
        string iris = SharedData.File("uci/iris.csv"), model = _folder.File("iris.json");
        CliRunner.Ok("train", "--data", iris, "--target", "species", "--layers", "8", "--standardize", "--validation-split", "0.2", "--shuffle",
            "--optimizer", "gd", "--lr", "0.1", "--epochs", "300", "--out", model, "--quiet");
        string row = CliRunner.Ok("attribute", "--model", model, "--data", iris, "--row", "120");
        string file = CliRunner.Ok("attribute", "--model", model, "--data", iris);
        string doc = File.ReadAllText(Path.Combine(Root(), "docs", "attribution.md"));
        var blocks = Regex.Matches(doc, "^```text\\n(.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, blocks.Count);
        foreach (string line in blocks[0].Split('\n', StringSplitOptions.RemoveEmptyEntries)) Assert.Contains(line + "\n", row);
        foreach (string line in blocks[1].Split('\n', StringSplitOptions.RemoveEmptyEntries)) Assert.Contains(line + "\n", file);
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Backprop.sln"))) return dir.FullName;
        throw new InvalidOperationException("no Backprop.sln above the test binaries");
    }
}

using Backprop.Serialization;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Report;

/// <summary>A model written by hand records only part of its training: the report shows what is there and invents nothing.</summary>
public sealed class HandWrittenReportTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_training_section_without_a_seed_or_stop_shows_neither()
    {
        // Mazur's 2-2-2 network with the training section docs/model-format.md shows: loss, reduction, optimiser, rate.
        string model = _folder.Write("mazur.json", """
            {"format": "backprop.mlp", "version": 1, "inputs": 2, "features": ["i1", "i2"], "targets": ["o1", "o2"], "layers": [
              {"units": 2, "activation": "sigmoid", "weights": [[0.15, 0.2], [0.25, 0.3]], "bias": [0.35, 0.35], "trainBias": false},
              {"units": 2, "activation": "sigmoid", "weights": [[0.4, 0.45], [0.5, 0.55]], "bias": [0.6, 0.6], "trainBias": false}],
             "training": {"loss": "squared", "reduction": "sum", "optimizer": "gd", "learningRate": 0.5}}
            """);
        Assert.Null(ModelFile.Load(model).Training!.Seed);
        string data = _folder.Write("mazur.csv", "i1,i2,o1,o2\n0.05,0.1,0.01,0.99\n");
        string page = _folder.File("mazur.html");
        var r = CliRunner.Run("report", "--model", model, "--data", data, "--target", "o1,o2", "--out", page);
        Assert.True(r.ExitCode == 0, r.Error);
        string html = File.ReadAllText(page);
        Assert.DoesNotContain("seed", html);
        Assert.DoesNotContain("stopped:", html);
        Assert.Contains("<tr><th>precision</th><td>double</td></tr>", html);
        // Saved again, the file still has no seed (a missing value stays missing, it does not become 0).
        ModelFile.Save(_folder.File("again.json"), ModelFile.Load(model));
        Assert.DoesNotContain("\"seed\"", File.ReadAllText(_folder.File("again.json")));
    }
}

using System.Text.Json;

namespace Backprop.Tests.Cli;

public class GradcheckAndDiagnosticsCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Gradcheck_random_passes_every_network()
    {
        var r = CliRunner.Run("gradcheck", "--random", "--json");
        Assert.Equal(0, r.ExitCode);
        using var json = JsonDocument.Parse(r.Output);
        Assert.True(json.RootElement.GetProperty("passed").GetBoolean());
        Assert.Equal(360, json.RootElement.GetProperty("cases").GetInt32());
        Assert.True(json.RootElement.GetProperty("maxRelativeDifference").GetDouble() < 1e-7);
        // The figure docs/worked-examples.md quotes, so that it cannot go stale.
        Assert.Equal(Docs.WorkedExamplesDoc.Figure(@"With seed 1 all 360 pass; the largest relative difference is ([0-9.e-]+[0-9])"),
            json.RootElement.GetProperty("maxRelativeDifference").GetDouble().ToString("0.0e-0", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Gradcheck_of_a_model_on_a_csv_reports_each_layer()
    {
        string model = _folder.Write("m.json", """
            {"format": "backprop.mlp", "version": 1, "inputs": 2, "targets": ["y"], "layers": [
              {"units": 3, "activation": "tanh", "weights": [[0.1, -0.2], [0.4, 0.3], [-0.5, 0.2]], "bias": [0.0, 0.1, -0.1]},
              {"units": 1, "activation": "sigmoid", "weights": [[0.5, -0.6, 0.7]], "bias": [0.2], "trainBias": false}]}
            """);
        string data = _folder.Write("d.csv", "a,b,y\n1,0,1\n0,1,0\n0.5,0.5,1\n");
        var r = CliRunner.Run("gradcheck", "--model", model, "--data", data, "--loss", "cross-entropy", "--l2", "0.1");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("layers[0].weights", r.Output);
        Assert.Contains("layers[1].bias", r.Output);
        Assert.Contains("PASS", r.Output);
    }

    [Fact]
    public void Train_diagnostics_warns_of_vanishing_gradients_in_a_deep_sigmoid_network()
    {
        var lines = new List<string> { "a,b,y" };
        for (int i = 0; i < 40; i++) lines.Add($"{i % 7 / 7.0},{i % 5 / 5.0},{(i % 3 == 0 ? 1 : 0)}");
        string data = _folder.Write("d.csv", string.Join("\n", lines));
        var r = CliRunner.Run("train", "--optimizer", "gd", "--lr", "0.01", "--data", data, "--target", "y", "--layers", "16,16,16,16,16,16,16,16",
            "--activation", "sigmoid",
            "--init", "glorot", "--epochs", "2", "--diagnostics", "--out", _folder.File("m.json"));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("layer 1  gradient norm", r.Output);
        Assert.Contains("WARNING epoch 1: layer 1 gradient norm", r.Output);
        Assert.Contains("vanishing gradients", r.Output);
    }
}

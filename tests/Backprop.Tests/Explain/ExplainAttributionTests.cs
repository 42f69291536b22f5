using System.Globalization;
using System.Text.Json;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Explain;

/// <summary>
/// <c>explain --model --data --sample N --attribute METHOD</c>: the step on row N and the row's attributions, checked against
/// the chain rule worked by hand on a 2-1-1 network, y = 3 · tanh(a − 2b + 0.5) + 1 (no preprocessing).
/// </summary>
public sealed class ExplainAttributionTests : IDisposable
{
    private const string Json = """
        {"format": "backprop.mlp", "version": 1, "inputs": 2,
         "layers": [{"units": 1, "activation": "tanh", "weights": [[1, -2]], "bias": [0.5]},
                    {"units": 1, "activation": "identity", "weights": [[3]], "bias": [1]}],
         "preprocessing": {"inputs": [{"column": "a", "kind": "numeric", "mean": 0, "scale": 1},
           {"column": "b", "kind": "numeric", "mean": 0, "scale": 1}],
           "target": {"columns": ["y"], "classes": null, "mean": null, "scale": null}}}
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private (string Model, string Data) Files() =>
        (_folder.Write("hand.json", Json), _folder.Write("hand.csv", "a,b,y\n0,1,0\n1,0.25,2\n"));

    [Fact]
    public void The_json_holds_the_rows_gradient_times_input_from_the_mean_row()
    {
        var (model, data) = Files();
        var r = CliRunner.Run("explain", "--model", model, "--data", data, "--sample", "2", "--attribute", "gradient-x-input", "--format", "json",
            "--loss", "squared");
        Assert.True(r.ExitCode == 0, r.Error);
        var root = JsonDocument.Parse(r.Output).RootElement;
        Assert.True(root.TryGetProperty("quantities", out _)); // the step is still there
        var attributions = root.GetProperty("attributions");
        Assert.Equal(2, attributions.GetProperty("row").GetInt32());
        // Row 2: a = 1, b = 0.25, so the hidden unit's net is 1 − 0.5 + 0.5 = 1 and ∂y/∂net = 3 · (1 − tanh²(1)).
        // The mean row is a = 0.5, b = 0.625: a gives 3·sech²(1)·1·(1 − 0.5), b gives 3·sech²(1)·(−2)·(0.25 − 0.625).
        double slope = 3 * (1 - Math.Tanh(1) * Math.Tanh(1));
        var columns = attributions.GetProperty("columns").EnumerateArray().ToList();
        Assert.Equal(["a", "b"], columns.Select(c => c.GetProperty("column").GetString()));
        Assert.Equal(slope * 0.5, columns[0].GetProperty("attribution").GetProperty("y").GetDouble(), 12);
        Assert.Equal(slope * -2 * -0.375, columns[1].GetProperty("attribution").GetProperty("y").GetDouble(), 12);
    }

    [Fact]
    public void The_text_and_the_page_show_the_gradient_of_the_row()
    {
        var (model, data) = Files();
        var text = CliRunner.Run("explain", "--model", model, "--data", data, "--row", "2", "--attribute", "gradient", "--loss", "squared");
        Assert.True(text.ExitCode == 0, text.Error);
        double slope = 3 * (1 - Math.Tanh(1) * Math.Tanh(1)); // 1.2598…; b's is −2 times it
        var lines = text.Output.Split('\n');
        int at = Array.IndexOf(lines, "Attributions");
        Assert.True(at > 0, text.Output);
        Assert.StartsWith("row 2: gradient ∂y/∂x", lines[at + 1]);
        Assert.Contains(slope.ToString("0.0000", CultureInfo.InvariantCulture), lines[at + 3]);
        Assert.Contains((-2 * slope).ToString("0.0000", CultureInfo.InvariantCulture), lines[at + 4]);

        string page = _folder.File("page.html");
        var html = CliRunner.Run("explain", "--model", model, "--data", data, "--sample", "2", "--attribute", "gradient", "--loss", "squared",
            "--format", "html", "--out", page);
        Assert.True(html.ExitCode == 0, html.Error);
        string content = File.ReadAllText(page);
        Assert.Contains("<section id=\"attributions\"><h2>Attributions of row 2</h2><pre>row 2: gradient ∂y/∂x", content);
        Assert.True(content.IndexOf("id=\"attributions\"", StringComparison.Ordinal)
            < content.IndexOf("id=\"explain-data\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Attributions_need_one_row_of_a_models_data()
    {
        var (model, data) = Files();
        CliRunner.AssertUserError(CliRunner.Run("explain", "--model", model, "--data", data, "--attribute", "gradient", "--loss", "squared"),
            "--attribute shows the attributions of one row of a model's data: give --model M --data D.csv --sample N");
        CliRunner.AssertUserError(CliRunner.Run("explain", "xor", "--attribute", "gradient"), "--sample N");
        CliRunner.AssertUserError(CliRunner.Run("explain", "--model", model, "--data", data, "--sample", "1", "--attribute", "shap",
            "--loss", "squared"), "--attribute: 'shap' is not a method");
    }
}

using System.Text.Json;

namespace Backprop.Tests.Cli;

/// <summary>
/// <c>backprop attribute</c> on the hand model of <see cref="Estimators.Attribution.HandAttributionTests"/>: y = 3 · (2 · (a − 2)/4
/// − 3 · b + 0.5 · [c = u] − [c = v] + 1) + 10, whose attributions are worked there by hand; and its refusals.
/// </summary>
public class AttributeCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string ModelFile() => _folder.Write("hand.json", """
        {"format": "backprop.mlp", "version": 1, "inputs": 4,
         "layers": [{"units": 1, "activation": "identity", "weights": [[2, -3, 0.5, -1]], "bias": [1]}],
         "preprocessing": {"inputs": [{"column": "a", "kind": "numeric", "mean": 2, "scale": 4},
           {"column": "b", "kind": "numeric", "mean": 0, "scale": 1}, {"column": "c", "kind": "one-hot", "categories": ["u", "v"]}],
           "target": {"columns": ["y"], "classes": null, "mean": [10], "scale": [3]}}}
        """);

    // y of the rows: 11.5, 3 · (0 + 3 − 1 + 1) + 10 = 19, 3 · (1 + 0.5 + 1) + 10 = 17.5.
    private string Data() => _folder.Write("hand.csv", "a,b,c,y\n6,1,u,11.5\n2,-1,v,19\n4,0,u,17.5\n");

    [Fact]
    public void One_row_prints_each_column_value_baseline_and_share()
    {
        string json = _folder.File("row.json");
        string text = CliRunner.Ok("attribute", "--model", ModelFile(), "--data", Data(), "--row", "1", "--method", "gradient-x-input",
            "--out", json);
        // From the mean row (4, 0, u 2/3 v 1/3): a (6 − 4) · 1.5 = 3, b 1 · (−9), c 1.5; y(x) = 11.5, y(x₀) = 16.
        var rows = text.Split('\n').Select(l => string.Join(" ", l.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Contains("column value baseline y", rows);
        Assert.Contains("a 6 4 3.0000", rows);
        Assert.Contains("b 1 0 -9.0000", rows);
        Assert.Contains("c u (frequencies) 1.5000", rows);
        Assert.Contains("sum -4.5000", rows);
        Assert.Contains("y(x) 11.5000", rows);
        Assert.Contains("y(x₀) 16.0000", rows);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var columns = doc.RootElement.GetProperty("columns");
        Assert.Equal(3, columns[0].GetProperty("attribution").GetProperty("y").GetDouble(), 12);
        Assert.Equal(16, doc.RootElement.GetProperty("outputs")[0].GetProperty("baselinePrediction").GetDouble(), 12);
    }

    [Fact]
    public void The_whole_file_prints_mean_attribution_and_permutation_importance()
    {
        string csv = _folder.File("importance.csv"), svg = _folder.File("bars.svg");
        string text = CliRunner.Ok("attribute", "--model", ModelFile(), "--data", Data(), "--method", "gradient", "--out", csv, "--plot", svg);
        Assert.Contains("drop in R²", text);
        var lines = File.ReadAllLines(csv);
        Assert.Equal("column,mean_abs_attribution,permutation_drop,permutation_sd", lines[0]);
        // The gradients: b −9, a 1.5, c 1.5, 3 and 1.5 along the rows' own categories (u, v, u: 1.5, −3, 1.5) — mean |·| 2.
        Assert.StartsWith("b,9,", lines[1]);
        Assert.Contains(lines, l => l.StartsWith("c,2,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("a,1.5,", StringComparison.Ordinal));
        Assert.Contains("<svg", File.ReadAllText(svg));
    }

    [Theory]
    [InlineData("--method", "shap", "--method: 'shap' is not a method (gradient, gradient-x-input, integrated-gradients)")]
    [InlineData("--baseline", "median", "--baseline: 'median' is not a baseline (mean, zeros)")]
    [InlineData("--row", "4", "--row 4: the file has 3 rows (1 to 3)")]
    [InlineData("--row", "0", "--row must be at least 1")]
    [InlineData("--steps", "0", "--steps must be at least 1 and at most 100,000, not 0")]
    [InlineData("--repeats", "0", "--repeats must be at least 1 and at most 100,000, not 0")]
    public void A_bad_option_is_one_line_and_nothing_is_written(string option, string value, string problem)
    {
        string out1 = _folder.File("a.csv"), plot = _folder.File("a.png");
        var r = CliRunner.Run("attribute", "--model", ModelFile(), "--data", Data(), option, value, "--out", out1, "--plot", plot);
        CliRunner.AssertUserError(r, problem);
        Assert.False(File.Exists(out1));
        Assert.False(File.Exists(plot));
    }

    [Fact]
    public void A_file_without_the_models_columns_is_refused_naming_the_file_and_the_column()
    {
        string data = _folder.Write("short.csv", "a,c\n6,u\n");
        string out1 = _folder.File("a.json");
        var r = CliRunner.Run("attribute", "--model", ModelFile(), "--data", data, "--row", "1", "--out", out1);
        CliRunner.AssertUserError(r, "short.csv", "'b'");
        Assert.False(File.Exists(out1));
    }

    [Fact]
    public void An_output_of_another_kind_is_refused_before_anything_is_read()
    {
        string out1 = _folder.File("a.txt");
        CliRunner.AssertUserError(CliRunner.Run("attribute", "--model", ModelFile(), "--data", Data(), "--out", out1),
            $"--out {out1}: give a .csv or .json file");
        CliRunner.AssertUserError(CliRunner.Run("attribute", "--model", ModelFile(), "--data", Data(), "--plot", out1),
            $"--plot {out1}: give a .png or .svg file");
        Assert.False(File.Exists(out1));
    }
}

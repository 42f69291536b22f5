using System.Text.Json;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Explain;

public class ExplainCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Explain_mazur_markdown_matches_its_snapshot()
    {
        // The numbers are pinned by ExplainerTests; this pins the layout (reviewed by eye when it changes).
        var r = CliRunner.Run("explain", "mazur", "--format", "markdown");
        Assert.Equal(0, r.ExitCode);
        string expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Explain", "Snapshots", "mazur.md"));
        Assert.Equal(expected.ReplaceLineEndings(), r.Output.ReplaceLineEndings());
    }

    [Fact]
    public void Explain_json_names_every_quantity()
    {
        var r = CliRunner.Run("explain", "mazur", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var json = JsonDocument.Parse(r.Output);
        var q = json.RootElement.GetProperty("quantities");
        Assert.Equal(0.298371109, q.GetProperty("E_total").GetDouble(), 9);
        Assert.Equal(0.35891648, q.GetProperty("w5+").GetDouble(), 8);
        var after = json.RootElement.GetProperty("equations").EnumerateArray().Single(e => e.GetProperty("key").GetString() == "E_total_after");
        Assert.False(after.GetProperty("document").GetProperty("agrees").GetBoolean());
        Assert.Equal("0.291027924", after.GetProperty("document").GetProperty("printed").GetString());
    }

    [Fact]
    public void Explain_text_reads_like_the_post()
    {
        var r = CliRunner.Run("explain", "mazur");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("net_h1 = w1·i1 + w2·i2 + b1·1 = 0.15·0.05 + 0.2·0.1 + 0.35·1 = 0.3775", r.Output);
        Assert.Contains("∂E/∂w5 = ∂E/∂out_o1·∂out_o1/∂net_o1·∂net_o1/∂w5 = 0.74136507 × 0.186815602 × 0.593269992 = 0.082167041", r.Output);
        Assert.Contains("w5⁺ = w5 - η·∂E/∂w5 = 0.4 - 0.5·0.082167041 = 0.35891648", r.Output);
        Assert.Contains("E_total⁺ = 0.291027774   [document: 0.291027924 ✗ differs", r.Output);
    }

    [Fact]
    public void Explain_a_hand_written_model_on_a_csv()
    {
        string model = _folder.Write("my.json", """
            {"format": "backprop.mlp", "version": 1, "inputs": 2, "layers": [
              {"units": 2, "activation": "tanh", "weights": [[0.1, -0.2], [0.4, 0.3]], "bias": [0.0, 0.1]},
              {"units": 1, "activation": "sigmoid", "weights": [[0.5, -0.6]], "bias": [0.2]}]}
            """);
        string data = _folder.Write("my.csv", "a,b,y\n1,0,1\n0,1,0\n");
        var r = CliRunner.Run("explain", "--model", model, "--data", data, "--target", "y", "--format", "markdown");
        Assert.Equal(0, r.ExitCode);
        // tanh(0.1·1 − 0.2·0 + 0) = tanh(0.1) = 0.099667995 (a value of the math library, to 9 decimals).
        Assert.Contains(@"\mathrm{out}_{h1}^{(1)} = \tanh\left(\mathrm{net}_{h1}^{(1)}\right)", r.Output);
        Assert.Contains("0.099667995", r.Output);
    }

    [Theory]
    [InlineData(new[] { "explain", "nosuch" }, "no worked example called 'nosuch'")]
    [InlineData(new[] { "explain" }, "give a worked example")]
    [InlineData(new[] { "explain", "mazur", "--format", "pdf" }, "'pdf' is not text, markdown, json or html")]
    [InlineData(new[] { "explain", "mazur", "--sample", "2" }, "--sample must be between 1 and 1")]
    [InlineData(new[] { "explain", "mazur", "--layer", "3" }, "--layer must be between 1 and 2")]
    [InlineData(new[] { "explain", "mazur", "--steps", "0" }, "--steps must be at least 1")]
    public void Bad_explain_requests_are_user_errors(string[] args, string problem)
    {
        CliRunner.AssertUserError(CliRunner.Run(args), problem);
    }
}

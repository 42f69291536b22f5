using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Backprop.Cli.Examples;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Explain;

/// <summary>The explain page without a browser (its data and markup), explain xor, and examples run --out.</summary>
public sealed class ExplainPageTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static JsonElement PageData(string html)
    {
        var data = Regex.Match(html, "<script id=\"explain-data\" type=\"application/json\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(data.Success, "the page embeds its data");
        return JsonDocument.Parse(data.Groups[1].Value.Replace("<\\/", "</")).RootElement;
    }

    [Fact]
    public void Mazur_page_is_self_contained_and_embeds_the_json_of_the_step_with_the_subject_of_every_equation()
    {
        string page = _folder.File("mazur.html");
        var r = CliRunner.Run("explain", "mazur", "--format", "html", "--out", page);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal($"page written to {page}\n", r.Output);
        string html = File.ReadAllText(page);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        Assert.DoesNotContain("<script src", html);
        var json = JsonDocument.Parse(CliRunner.Run("explain", "mazur", "--format", "json").Output).RootElement;
        var step = PageData(html).GetProperty("steps")[0];
        var embedded = step.GetProperty("explanation").GetProperty("quantities");
        foreach (var quantity in json.GetProperty("quantities").EnumerateObject())
            Assert.Equal(quantity.Value.GetDouble(), embedded.GetProperty(quantity.Name).GetDouble());
        Assert.Equal(json.GetProperty("quantities").EnumerateObject().Count(), embedded.EnumerateObject().Count());
        var equations = step.GetProperty("equations").EnumerateArray().ToList();
        Assert.Equal(json.GetProperty("equations").GetArrayLength(), equations.Count);
        foreach (var e in equations)
        {
            string key = e.GetProperty("key").GetString()!;
            string? primary = e.GetProperty("primary").GetString();
            if (key.StartsWith("dE/dw", StringComparison.Ordinal)) Assert.Equal(key[4..], primary);   // ∂E/∂w5 is about w5
            if (key.StartsWith("net_", StringComparison.Ordinal)) Assert.Equal(key[4..], primary);   // net_h1 about h1
            if (key.StartsWith("delta_", StringComparison.Ordinal)) Assert.Equal(key[6..], primary); // δ_o1 about o1
        }
        // net_h1 = w1·i1 + w2·i2 + b1·1 touches h1, w1, i1, w2, i2 and the bias b1.
        var net = equations.Single(e => e.GetProperty("key").GetString() == "net_h1");
        Assert.Equal(["h1", "w1", "i1", "w2", "i2", "b1"], net.GetProperty("touches").EnumerateArray().Select(t => t.GetString()));
        // Mazur's weights as the drawing labels them, in the drawing's edge order; w5 is 0.40 and w8 0.55.
        var labels = step.GetProperty("edges").GetProperty("weight").EnumerateArray().Select(s => s.GetProperty("label").GetString()).ToList();
        Assert.Contains("w5 = 0.4", labels);
        Assert.Contains("w8 = 0.55", labels);
        Assert.Contains("b1 = 0.35", labels);
        Assert.Contains("data-name=\"w5\"", html);
        Assert.StartsWith("<math display=\"block\"><mrow><msub><mi mathvariant=\"normal\">net</mi><mi mathvariant=\"normal\">h1</mi></msub>",
            net.GetProperty("math").GetString());
    }

    [Fact]
    public void Explain_xor_shows_the_first_step_on_all_four_samples()
    {
        var r = CliRunner.Run("explain", "xor", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        var q = JsonDocument.Parse(r.Output).RootElement.GetProperty("quantities");
        double[] targets = [0, 1, 1, 0];
        // E = Σ ½(t − out)² over the four samples, from the outputs the step shows.
        double total = Enumerable.Range(1, 4).Sum(s => 0.5 * Math.Pow(targets[s - 1] - q.GetProperty($"out_o1[{s}]").GetDouble(), 2));
        Assert.Equal(total, q.GetProperty("E_total").GetDouble(), 12);
        for (int w = 1; w <= 12; w++)
        {
            // Gradient descent with η = 0.1: w⁺ = w − 0.1·∂E/∂w, and the update line shows both.
            Assert.True(q.TryGetProperty($"dE/dw{w}", out _), $"dE/dw{w}");
            Assert.True(q.TryGetProperty($"w{w}+", out _), $"w{w}+");
        }
        Assert.True(q.GetProperty("E_total_after").GetDouble() < q.GetProperty("E_total").GetDouble(), "the step lowers the error");
    }

    [Fact]
    public void A_long_run_is_paged_at_ten_training_steps_with_the_error_falling()
    {
        string page = _folder.File("xor.html");
        Assert.Equal(0, CliRunner.Run("explain", "xor", "--steps", "200", "--format", "html", "--out", page).ExitCode);
        var data = PageData(File.ReadAllText(page));
        var steps = data.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("step").GetInt32()).ToList();
        Assert.Equal([1, 23, 45, 67, 89, 112, 134, 156, 178, 200], steps); // 1 + round(k·199/9)
        var errors = data.GetProperty("chart").GetProperty("points").EnumerateArray().Select(p => p.GetProperty("error").GetDouble()).ToList();
        Assert.True(errors[^1] < errors[0], $"E_total {errors[0]} at step 1, {errors[^1]} at step 200");
    }

    [Fact]
    public void Examples_run_out_saves_the_trained_network_and_predict_gives_the_printed_predictions()
    {
        string model = _folder.File("xor.json");
        var run = CliRunner.Run("examples", "run", "xor", "--out", model);
        Assert.Equal(0, run.ExitCode);
        Assert.EndsWith($"model written to {model}\n", run.Output);
        var printed = Regex.Matches(run.Output, @"→ (\d\.\d{6})").Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(4, printed.Count);
        string data = _folder.Write("xor.csv", "x1,x2\n0,0\n0,1\n1,0\n1,1\n");
        var predict = CliRunner.Run("predict", "--model", model, "--data", data);
        var predicted = predict.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToList();
        for (int i = 0; i < 4; i++) Assert.Equal(printed[i], predicted[i], 6);
    }

    [Fact]
    public void Examples_run_out_on_admissions_keeps_the_preprocessing_so_evaluate_takes_the_raw_file()
    {
        string model = _folder.File("admissions.json");
        Assert.Equal(0, CliRunner.Run("examples", "run", "admissions", "--out", model).ExitCode);
        var evaluate = CliRunner.Run("evaluate", "--model", model, "--data", SharedData.File("admissions/binary.csv"), "--json");
        Assert.True(evaluate.ExitCode == 0, evaluate.Error);
        Assert.Equal(400, JsonDocument.Parse(evaluate.Output).RootElement.GetProperty("samples").GetInt32());
    }

    [Fact]
    public void Explain_out_that_names_an_input_is_refused_and_the_input_kept()
    {
        string data = _folder.Write("xor.csv", "x1,x2,y\n0,1,1\n");
        string model = _folder.File("xor.json");
        Assert.Equal(0, CliRunner.Run("examples", "run", "xor", "--out", model).ExitCode);
        byte[] before = File.ReadAllBytes(data);
        CliRunner.AssertUserError(CliRunner.Run("explain", "--model", model, "--data", data, "--target", "y", "--format", "html", "--out", data),
            "--out", "--data");
        Assert.Equal(before, File.ReadAllBytes(data));
        CliRunner.AssertUserError(CliRunner.Run("explain", "mazur", "--format", "pdf"), "--format: 'pdf' is not text, markdown, json or html");
    }
}

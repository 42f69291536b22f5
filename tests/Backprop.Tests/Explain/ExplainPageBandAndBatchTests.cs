using System.Globalization;
using System.Text.RegularExpressions;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Explain;

/// <summary>
/// The explain page's drawing starts at its top row when no layer has a bias (GfG, Udacity: no empty band kept for bias
/// boxes), and a <c>--batch-size</c> page's error chart says its points are each step's own batch.
/// </summary>
public sealed class ExplainPageBandAndBatchTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Page(params string[] arguments)
    {
        string page = _folder.File("page.html");
        var r = CliRunner.Run(["explain", .. arguments, "--format", "html", "--out", page]);
        Assert.True(r.ExitCode == 0, r.Error);
        return File.ReadAllText(page);
    }

    /// <summary>The centres of the drawing's unit circles, top first.</summary>
    private static double[] Rows(string html) => Regex.Matches(html, "<circle cx=\"[0-9.]+\" cy=\"([0-9.]+)\" r=\"24\"/>")
        .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct().Order().ToArray();

    [Theory]
    [InlineData("gfg")]
    [InlineData("udacity")]
    public void A_network_without_bias_has_no_band_above_its_top_row(string example)
    {
        string html = Page(example);
        Assert.DoesNotContain("class=\"unit bias\"", html);
        // The top row's centre is 52: its circle (radius 24) and the tutorial's name above it (7 px higher, 12 px tall) fit, no more.
        Assert.Equal(52, Rows(html)[0]);
    }

    [Fact]
    public void A_network_with_bias_keeps_the_row_of_bias_boxes_above_its_units()
    {
        string html = Page("mazur");
        Assert.Equal(2, Regex.Matches(html, "class=\"unit bias\"").Count);
        // Bias boxes centred at 28 (32 px tall, from 12), the top row 62 px lower.
        Assert.Matches("data-name=\"bias1\"><rect x=\"[0-9.]+\" y=\"12.0\"", html);
        Assert.Equal(90, Rows(html)[0]);
    }

    [Fact]
    public void The_batch_size_chart_is_labelled_per_batch_and_each_step_names_its_rows()
    {
        // xor's 4 rows in batches of 3: steps 1, 3, 5 take rows 1–3, steps 2, 4, 6 row 4 alone.
        string html = Page("xor", "--optimizer", "adam", "--batch-size", "3", "--steps", "6", "--reduction", "mean");
        Assert.Contains(">step (batch of 3)</text>", html);
        Assert.Contains(">E_total of the batch</text>", html);
        Assert.DoesNotContain(">training step</text>", html);
        Assert.Contains("mini-batch 3 rows per step, in order", html);
        var labels = Regex.Matches(html, "\"label\":\"(step [0-9]+, rows? [^\"]*?) \\(E_total before it").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["step 1, rows 1–3 of 4", "step 2, row 4 of 4", "step 3, rows 1–3 of 4", "step 4, row 4 of 4", "step 5, rows 1–3 of 4",
            "step 6, row 4 of 4"], labels);
        // The title names no kind of step: the header says which (here the mini-batch).
        Assert.Contains("<h1>XOR with a 2-4-1 sigmoid network, 10,000 epochs (the GeeksforGeeks example): training steps on the four " +
            "samples</h1>", html);
        // A full-batch run keeps the plain words.
        string full = Page("xor", "--steps", "3");
        Assert.Contains(">training step</text>", full);
        Assert.Contains(">E_total before the step</text>", full);
    }
}

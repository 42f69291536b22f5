using System.Xml.Linq;
using Backprop.Plotting.Charts;
using Backprop.Plotting.Rendering;

namespace Backprop.Tests.Plotting;

/// <summary>The curves of <see cref="CompareChart"/> and <see cref="GradientChart"/>, counted in their SVG and seen in their PNG.</summary>
public class CompareGradientChartTests
{
    private const string Blue = "#1F77B4", Orange = "#FF7F0E", Green = "#2CA02C";

    private static LearningCurves Run(double scale, bool heldOut) => new("squared, mean",
        Enumerable.Range(1, 40).Select(e => scale / e).ToArray(), [],
        heldOut ? Enumerable.Range(1, 40).Select(e => scale * 1.1 / e).ToArray() : [], [], []);

    private static XElement[] Paths(Picture svg) =>
        XDocument.Parse(svg.Text).Descendants().Where(e => e.Name.LocalName == "path").ToArray();

    /// <summary>Solid curves of <paramref name="colour"/>: stroked paths of more than 20 segments (a legend's sample is one).</summary>
    private static int SolidCurves(Picture svg, string colour) =>
        Paths(svg).Count(p => (string?)p.Attribute("stroke") == colour && ((string?)p.Attribute("d") ?? "").Count(ch => ch == 'L') > 20);

    /// <summary>Dashed curves of <paramref name="colour"/>: Skia writes a dashed line as a filled path of one closed piece per dash.</summary>
    private static int DashedCurves(Picture svg, string colour) =>
        Paths(svg).Count(p => (string?)p.Attribute("fill") == colour && ((string?)p.Attribute("d") ?? "").Count(ch => ch == 'M') > 10);

    private static string[] Texts(Picture svg) =>
        XDocument.Parse(svg.Text).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToArray();

    [Fact]
    public void Compare_draws_each_runs_training_curve_solid_and_its_held_out_curve_dashed_in_its_colour_with_a_legend()
    {
        var svg = CompareChart.Render([Run(1, heldOut: true), Run(2, heldOut: false), Run(0.5, heldOut: true)], ["sigmoid", "relu", "adam"],
            PictureFormat.Svg);
        Assert.Equal((1, 1), (SolidCurves(svg, Blue), DashedCurves(svg, Blue)));
        Assert.Equal((1, 0), (SolidCurves(svg, Orange), DashedCurves(svg, Orange))); // relu has no held-out rows
        Assert.Equal((1, 1), (SolidCurves(svg, Green), DashedCurves(svg, Green)));
        var texts = Texts(svg);
        foreach (var entry in new[] { "sigmoid: training", "sigmoid: held-out", "relu: training", "adam: training", "adam: held-out" })
            Assert.Contains(entry, texts);
        Assert.DoesNotContain("relu: held-out", texts);
        Assert.Contains("Loss (squared, mean)", texts);
    }

    [Fact]
    public void Compare_names_each_runs_loss_when_they_differ_and_its_png_shows_every_colour()
    {
        var cross = Run(1, heldOut: false) with { LossName = "cross-entropy, mean" };
        var texts = Texts(CompareChart.Render([cross, Run(1, heldOut: false)], ["a", "b"], PictureFormat.Svg));
        Assert.Contains("a (cross-entropy, mean): training", texts);
        Assert.Contains("b (squared, mean): training", texts);
        Assert.Contains("Loss, as each run measured it", texts);

        var png = new PngFile(CompareChart.Render([Run(1, true), Run(2, true)], ["a", "b"], PictureFormat.Png).Bytes);
        Assert.Equal((1000, 560), (png.Width, png.Height));
        Assert.True(png.Count(c => c.Red < 60 && c.Green is > 100 and < 140 && c.Blue > 160) > 300, "run a's curves are blue");
        Assert.True(png.Count(c => c.Red > 230 && c.Green is > 110 and < 150 && c.Blue < 40) > 300, "run b's curves are orange");
    }

    [Fact]
    public void Compare_refuses_a_run_without_history_and_more_runs_than_colours()
    {
        var empty = new LearningCurves("", [], [], [], [], []);
        var e = Assert.Throws<Backprop.Diagnostics.BackpropException>(() =>
            CompareChart.Render([Run(1, false), empty], ["a", "b"], PictureFormat.Png));
        Assert.Equal("b: the model records no loss across epochs to compare", e.Message);
        var many = Enumerable.Range(0, 11).Select(i => Run(1 + i, false)).ToList();
        Assert.Throws<Backprop.Diagnostics.BackpropException>(() =>
            CompareChart.Render(many, many.Select((_, i) => $"r{i}").ToList(), PictureFormat.Png));
    }

    [Fact]
    public void Gradients_draw_one_curve_per_layer_named_from_the_first_hidden_layer_to_the_output_on_a_log_axis()
    {
        // Three layers whose norms differ by decades: 1, 0.01 and 1e-4 falling by half over the epochs.
        var curves = Run(1, false) with
        {
            GradientNorms = [.. new[] { 1e-4, 1e-2, 1.0 }.Select(s => Enumerable.Range(1, 30).Select(e => s * (1 + 1.0 / e)).ToArray())],
        };
        var svg = GradientChart.Render(curves, PictureFormat.Svg);
        Assert.Equal((1, 1, 1), (SolidCurves(svg, Blue), SolidCurves(svg, Orange), SolidCurves(svg, Green)));
        var texts = Texts(svg);
        foreach (var entry in new[] { "hidden layer 1", "hidden layer 2", "output layer", "‖∂E/∂W‖₂, mean over the epoch's batches, log scale" })
            Assert.Contains(entry, texts);
        foreach (var tick in new[] { "0.0001", "0.001", "0.01", "0.1", "1" }) Assert.Contains(tick, texts); // every decade labelled
    }

    [Fact]
    public void Gradients_refuse_a_run_that_did_not_record_them()
    {
        var e = Assert.Throws<Backprop.Diagnostics.BackpropException>(() => GradientChart.Render(Run(1, false), PictureFormat.Png));
        Assert.Contains("records no gradient norms", e.Message);
    }
}

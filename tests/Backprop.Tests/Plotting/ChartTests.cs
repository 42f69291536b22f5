using System.Xml.Linq;
using Backprop.Metrics;
using Backprop.Plotting.Charts;
using Backprop.Plotting.Rendering;
using Backprop.Tensors;

namespace Backprop.Tests.Plotting;

public class ChartTests
{
    private static readonly LearningCurves Curves = new("squared, mean",
        Loss: Enumerable.Range(1, 50).Select(e => 1.0 / e).ToArray(), Rmse: Enumerable.Range(1, 50).Select(e => 0.5 / Math.Sqrt(e)).ToArray(),
        ValidationLoss: Enumerable.Range(1, 50).Select(e => 1.2 / e + 0.01).ToArray(), ValidationRmse: [], ValidationAccuracy: []);

    private static string[] Texts(Picture svg) =>
        XDocument.Parse(svg.Text).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToArray();

    [Fact]
    public void Loss_chart_is_a_two_panel_png_with_both_curves()
    {
        var png = new PngFile(LossChart.LossAndMetric(Curves, PictureFormat.Png).Bytes);
        Assert.Equal((800, 760), (png.Width, png.Height));
        Assert.True(png.Inked > 800 * 760 / 50, "more than 2% of the picture is drawn");
        Assert.True(png.Count(PngFile.Blue) > 300, "the training curve is blue");
        Assert.True(png.Count(c => c.Red > 200 && c.Green is > 100 and < 170 && c.Blue < 60) > 300, "the validation curve is orange");
    }

    [Fact]
    public void Loss_chart_svg_names_its_panels_and_axes()
    {
        var texts = Texts(LossChart.LossAndMetric(Curves, PictureFormat.Svg));
        Assert.Contains("Loss across epochs", texts);
        Assert.Contains("RMSE across epochs", texts);
        Assert.Contains("Loss (squared, mean)", texts);
        Assert.Contains("validation", texts);
    }

    [Fact]
    public void Log_scale_labels_powers_of_ten()
    {
        // The loss falls from 1 to 0.02: a log axis labels 1, 0.5, 0.2, 0.1, 0.05, 0.02.
        var texts = Texts(LossChart.LossAndMetric(Curves, PictureFormat.Svg, logScale: true));
        Assert.Contains("Loss (squared, mean), log scale", texts);
        foreach (var label in new[] { "1", "0.5", "0.2", "0.1", "0.05" }) Assert.Contains(label, texts);
    }

    [Fact]
    public void Log_ticks_span_the_range_with_labels_at_one_two_five()
    {
        var ticks = LossChart.LogTicks(Math.Log10(0.001), Math.Log10(2));
        var labels = ticks.Where(t => t.IsMajor).Select(t => t.Label).ToList();
        Assert.Equal(["0.001", "0.002", "0.005", "0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1", "2"], labels);
        Assert.All(ticks, t => Assert.InRange(t.Position, -3.2, 0.5));
    }

    [Fact]
    public void Model_without_history_has_no_loss_chart()
    {
        var empty = new LearningCurves("squared, mean", [], [], [], [], []);
        var e = Assert.Throws<Backprop.Diagnostics.BackpropException>(() => LossChart.LossAndMetric(empty, PictureFormat.Png));
        Assert.Contains("no training history", e.Message);
    }

    [Fact]
    public void Scatter_against_inputs_stacks_one_panel_per_output_in_blue_and_red()
    {
        double[] x = [.. Enumerable.Range(0, 40).Select(i => i / 40.0)];
        var outputs = new[]
        {
            new OutputValues("Y1", [.. x.Select(v => 0.6 + 0.1 * v)], [.. x.Select(v => 0.61 + 0.09 * v)], "X1", x),
            new OutputValues("Y2", [.. x.Select(v => 0.7 - 0.1 * v)], [.. x.Select(v => 0.69 - 0.08 * v)], "X2", x),
        };
        var png = new PngFile(ScatterChart.AgainstInputs(outputs, PictureFormat.Png).Bytes);
        Assert.Equal((800, 760), (png.Width, png.Height));
        Assert.True(png.Count(PngFile.Blue) > 500, "actual values in blue");
        Assert.True(png.Count(c => c.Red > 200 && c.Green < 180 && c.Blue < 180 && c.Red > c.Green + 40) > 300, "predicted values in red");
        var texts = Texts(ScatterChart.AgainstInputs(outputs, PictureFormat.Svg));
        Assert.Contains("Relationship between X1 and Y1", texts);
        Assert.Contains("Relationship between X2 and Y2", texts);
    }

    [Fact]
    public void Predicted_vs_actual_titles_each_output_with_its_rmse()
    {
        var outputs = new[] { new OutputValues("price", [1, 2, 3, 4], [1, 2, 3, 5]) };
        // RMSE √(1/4) = 0.5; R² = 1 − 1/5 = 0.8 (targets' squared deviations sum to 5).
        Assert.Contains("price: predicted vs actual (RMSE 0.5, R² 0.8)", Texts(ScatterChart.PredictedVsActual(outputs, PictureFormat.Svg)));
    }

    [Fact]
    public void Confusion_heatmap_writes_every_nonzero_count()
    {
        var outputs = Matrix<double>.FromArray(new double[,] { { 0.9, 0.1 }, { 0.8, 0.2 }, { 0.3, 0.7 }, { 0.6, 0.4 }, { 0.2, 0.8 } });
        var targets = Matrix<double>.FromArray(new double[,] { { 1, 0 }, { 1, 0 }, { 0, 1 }, { 0, 1 }, { 0, 1 } });
        var report = ClassificationReport.Compute(outputs, targets, ["cat", "dog"]);
        var texts = Texts(ConfusionChart.Render(report, PictureFormat.Svg));
        Assert.Contains("Confusion matrix (accuracy 0.8000)", texts);
        Assert.Equal(["1", "2", "2"], texts.Where(t => t is "1" or "2").Order()); // 2 cats right, 1 dog called a cat, 2 dogs right
        Assert.Contains("cat", texts);
        Assert.Contains("dog", texts);
        var png = new PngFile(ConfusionChart.Render(report, PictureFormat.Png).Bytes);
        Assert.True(png.Count(PngFile.Blue) > 10_000, "right answers shaded blue");
    }

    [Fact]
    public void Digits_grid_marks_mistakes_in_red()
    {
        // Four 4×4 "images": a bar in a different place each; the third is labelled wrong.
        var pixels = new Matrix<double>(4, 16);
        for (int k = 0; k < 4; k++)
            for (int y = 0; y < 4; y++) pixels[k, y * 4 + k] = 1;
        var images = new DigitImages(pixels, 4, 4, PixelOrder.RowMajor, ["0", "1", "2", "3"], ["0", "1", "7", "3"]);
        var png = new PngFile(DigitsChart.Render(images, PictureFormat.Png).Bytes);
        Assert.Equal(4 * 84 + 40, png.Width);
        Assert.True(png.Count(c => c.Red < 40 && c.Green < 40 && c.Blue < 40) > 4 * 200, "each image's ink is drawn dark");
        Assert.True(png.Count(PngFile.Red) > 4 * 70, "the mistake has a red frame");
        var texts = Texts(DigitsChart.Render(images, PictureFormat.Svg));
        Assert.Contains("2 → 7", texts);
        Assert.Contains("0 ✓", texts);
        Assert.Equal(["2 → 7"], Texts(DigitsChart.Render(images, PictureFormat.Svg, mistakesOnly: true))
            .Where(t => t.Contains('→') && !t.Contains('"')));
    }

    [Fact]
    public void Column_major_images_are_read_down_the_columns()
    {
        var pixels = new Matrix<double>(1, 6, [0, 0.1, 0.2, 0.3, 0.4, 0.5]);
        var matlab = new DigitImages(pixels, 2, 3, PixelOrder.ColumnMajor, ["a"], ["a"]);
        var numpy = new DigitImages(pixels, 2, 3, PixelOrder.RowMajor, ["a"], ["a"]);
        Assert.Equal(0.1, matlab[0, 0, 1]); // MATLAB: (x 0, y 1) is the second value of the first column
        Assert.Equal(0.2, numpy[0, 0, 1]);  // numpy: the first value of the second row
    }
}

using System.Globalization;
using Backprop.Diagnostics;
using Backprop.Plotting.Rendering;
using ScottPlot;

namespace Backprop.Plotting.Charts;

/// <summary>
/// Training curves across epochs: the loss (training and held-out) above, and below it the held-out accuracy of a
/// classifier or the RMSE; or seed 000's single "RMSE across epochs" panel. Optionally on a logarithmic y axis.
/// </summary>
public static class LossChart
{
    /// <summary>Longer loss names than this go under the epoch axis: the vertical axis has room for about 50 characters.</summary>
    private const int AxisRoom = 40;

    /// <summary>
    /// The axis titles of a loss panel: "Loss (squared, mean)" up the side for a short name; a formula such as
    /// "E = -(1/m)·Σ [target·ln(out) + …] (cross-entropy)" is too long to stand there, so the side says "Loss E" and the
    /// formula is written under the epochs, where it has the picture's width.
    /// </summary>
    internal static (string Across, string Up) LossLabels(string name, bool logScale)
    {
        string log = logScale ? ", log scale" : "";
        if (name.Length <= AxisRoom) return ("Epoch", $"Loss{(name.Length > 0 ? $" ({name})" : "")}{log}");
        return ($"Epoch · {name}", $"Loss {(name.StartsWith("E =", StringComparison.Ordinal) ? "E" : "")}{log}".Replace(" ,", ",").TrimEnd());
    }

    /// <summary>The loss panel and the metric panel.</summary>
    /// <exception cref="BackpropException">Nothing was recorded (the model was not trained by Backprop, or for no epoch).</exception>
    public static Picture LossAndMetric(LearningCurves curves, PictureFormat format, bool logScale = false, int width = 800, int height = 760)
    {
        EnsureRecorded(curves);
        var figure = new Figure(width, height);
        var (across, up) = LossLabels(curves.LossName, logScale);
        var loss = figure.Add(figure.Cell(0, 2), "Loss across epochs", across, up);
        AddCurve(loss, curves.Loss, "training", Colours.Actual, logScale);
        AddCurve(loss, curves.ValidationLoss, "validation", Colours.Validation, logScale);
        Finish(loss, logScale, legend: curves.ValidationLoss.Length > 0);

        if (curves.ValidationAccuracy.Length > 0)
        {
            var accuracy = figure.Add(figure.Cell(1, 2), "Validation accuracy across epochs", "Epoch", "Accuracy on the held-out data");
            AddCurve(accuracy, curves.ValidationAccuracy, "validation", Colours.Validation, logScale: false);
            Finish(accuracy, logScale: false, legend: false);
        }
        else
        {
            var rmse = figure.Add(figure.Cell(1, 2), "RMSE across epochs", "Epoch", $"RMSE{(logScale ? ", log scale" : "")}");
            AddCurve(rmse, curves.Rmse, "training", Colours.Actual, logScale);
            AddCurve(rmse, curves.ValidationRmse, "validation", Colours.Validation, logScale);
            Finish(rmse, logScale, legend: curves.ValidationRmse.Length > 0);
        }
        return figure.Render(format);
    }

    /// <summary>Seed 000's picture: the RMSE of each epoch, titled and labelled as the blog's.</summary>
    public static Picture Rmse(LearningCurves curves, PictureFormat format, bool logScale = false, int width = 800, int height = 500)
    {
        EnsureRecorded(curves);
        var figure = new Figure(width, height);
        var plot = figure.Add("RMSE across epochs", "Number of epochs", logScale ? "RMSE (log scale)" : "RMSE");
        AddCurve(plot, curves.Rmse, "training", Colours.Actual, logScale);
        AddCurve(plot, curves.ValidationRmse, "validation", Colours.Validation, logScale);
        Finish(plot, logScale, legend: curves.ValidationRmse.Length > 0);
        return figure.Render(format);
    }

    private static void EnsureRecorded(LearningCurves curves)
    {
        if (curves.Epochs == 0) throw new BackpropException("the model records no training history (train it with backprop train to get one)");
    }

    internal static ScottPlot.Plottables.Scatter? AddCurve(Plot plot, double[] values, string label, string colour, bool logScale)
    {
        if (values.Length == 0) return null;
        var xs = new List<double>();
        var ys = new List<double>();
        for (int e = 0; e < values.Length; e++)
        {
            double y = values[e];
            if (!double.IsFinite(y) || (logScale && y <= 0)) continue; // a log axis has no place for 0
            xs.Add(e + 1);
            ys.Add(logScale ? Math.Log10(y) : y);
        }
        var line = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray(), Colours.Color(colour));
        line.LineWidth = 2;
        line.MarkerSize = values.Length <= 30 ? 5 : 0;
        line.LegendText = label;
        return line;
    }

    internal static void Finish(Plot plot, bool logScale, bool legend)
    {
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        if (logScale)
        {
            var ys = plot.GetPlottables<ScottPlot.Plottables.Scatter>().SelectMany(s => s.Data.GetScatterPoints()).Select(p => p.Y).ToList();
            if (ys.Count > 0) plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(LogTicks(ys.Min(), ys.Max()));
        }
        if (legend) plot.ShowLegend(Alignment.UpperRight);
        else plot.HideLegend();
    }

    /// <summary>
    /// Ticks for a y axis that holds log₁₀ of the values from <paramref name="low"/> to <paramref name="high"/>: labels at
    /// 1, 2 and 5 × 10ᵏ (only at 10ᵏ when the range spans many decades), minor ticks at the other multiples.
    /// </summary>
    internal static Tick[] LogTicks(double low, double high)
    {
        if (!(high > low)) (low, high) = (low - 0.5, high + 0.5);
        double padding = (high - low) * 0.05;
        low -= padding;
        high += padding;
        int[] labelled = high - low > 4 ? [1] : high - low > 1.5 ? [1, 2, 5] : high - low > 0.6 ? [1, 2, 3, 5] : [1, 2, 3, 4, 5, 6, 7, 8, 9];
        var ticks = new List<Tick>();
        for (int e = (int)Math.Floor(low); e <= (int)Math.Ceiling(high); e++)
            for (int m = 1; m <= 9; m++)
            {
                double position = Math.Log10(m) + e;
                if (position < low || position > high) continue;
                ticks.Add(labelled.Contains(m) ? Tick.Major(position, Label(m, e)) : Tick.Minor(position));
            }
        return [.. ticks];
    }

    /// <summary>m × 10ᵉ as plain decimals near 1 (0.002, 50), as "2e-7" beyond.</summary>
    private static string Label(int m, int e) => e is >= -4 and <= 5
        ? ((decimal)m * (decimal)Math.Pow(10, e)).ToString("0.#########", CultureInfo.InvariantCulture)
        : $"{m}e{e}";
}

using System.Globalization;
using Backprop.Diagnostics;
using Backprop.Plotting.Rendering;
using ScottPlot;

namespace Backprop.Plotting.Charts;

/// <summary>One output's values over a data set: what the data says and what the network predicts, and an input to draw them against.</summary>
/// <param name="Output">The output's name, e.g. "Y1".</param>
/// <param name="Actual">The target of each sample.</param>
/// <param name="Predicted">The network's output for each sample.</param>
/// <param name="Input">The input drawn on the x axis (seed 000's picture), or null to draw predicted against actual.</param>
/// <param name="InputValues">That input's value for each sample.</param>
public sealed record OutputValues(string Output, double[] Actual, double[] Predicted, string? Input = null, double[]? InputValues = null);

/// <summary>Actual and predicted values of a regression network, one panel per output.</summary>
public static class ScatterChart
{
    /// <summary>At most this many panels in one picture.</summary>
    public const int MaxPanels = 12;

    /// <summary>
    /// Seed 000's picture: for each output a panel of the actual (blue) and predicted (red, half transparent) values
    /// against an input, titled "Relationship between X and Y", stacked one above the other.
    /// </summary>
    public static Picture AgainstInputs(IReadOnlyList<OutputValues> outputs, PictureFormat format, int width = 800, int panelHeight = 380)
    {
        EnsurePanels(outputs);
        var figure = new Figure(width, panelHeight * outputs.Count);
        for (int k = 0; k < outputs.Count; k++)
        {
            var o = outputs[k];
            if (o.Input is null || o.InputValues is null) throw new ArgumentException($"output {o.Output} has no input to draw against");
            var plot = figure.Add(figure.Cell(k, outputs.Count), $"Relationship between {o.Input} and {o.Output}", o.Input, o.Output);
            Points(plot, o.InputValues, o.Actual, Colours.Color(Colours.Actual), "Actual");
            Points(plot, o.InputValues, o.Predicted, Colours.Color(Colours.Predicted, 0.5), "Predicted");
            plot.ShowLegend(Alignment.LowerRight);
        }
        return figure.Render(format);
    }

    /// <summary>
    /// For each output, the predicted value against the actual one with the line y = x where a perfect network's points
    /// would lie; the title gives the output's RMSE and R².
    /// </summary>
    public static Picture PredictedVsActual(IReadOnlyList<OutputValues> outputs, PictureFormat format, int panelSize = 420)
    {
        EnsurePanels(outputs);
        int columns = outputs.Count == 1 ? 1 : 2, rows = (outputs.Count + columns - 1) / columns;
        var figure = new Figure(panelSize * columns + (columns == 1 ? 180 : 0), panelSize * rows);
        for (int k = 0; k < outputs.Count; k++)
        {
            var o = outputs[k];
            var measures = Measure(o);
            var plot = figure.Add(figure.Cell(k / columns, rows, k % columns, columns),
                $"{o.Output}: predicted vs actual (RMSE {Fmt(measures.Rmse)}, R² {Fmt(measures.R2)})", $"Actual {o.Output}", $"Predicted {o.Output}");
            double low = Math.Min(o.Actual.Min(), o.Predicted.Min()), high = Math.Max(o.Actual.Max(), o.Predicted.Max());
            if (high <= low) { low -= 0.5; high += 0.5; }
            var diagonal = plot.Add.Line(low, low, high, high);
            diagonal.LineColor = Colours.Color(Colours.Muted);
            diagonal.LinePattern = LinePattern.Dashed;
            diagonal.LineWidth = 1.5f;
            diagonal.LegendText = "predicted = actual";
            Points(plot, o.Actual, o.Predicted, Colours.Color(Colours.Predicted, 0.6), "samples");
            plot.ShowLegend(Alignment.UpperLeft);
        }
        return figure.Render(format);
    }

    private static void Points(Plot plot, double[] xs, double[] ys, Color colour, string legend)
    {
        var points = plot.Add.ScatterPoints(xs, ys, colour);
        points.MarkerSize = 7;
        points.LegendText = legend;
    }

    private static void EnsurePanels(IReadOnlyList<OutputValues> outputs)
    {
        if (outputs.Count == 0) throw new BackpropException("there is no output to draw");
        if (outputs.Count > MaxPanels)
            throw new BackpropException($"the network has {outputs.Count} outputs; a scatter picture draws at most {MaxPanels}");
        if (outputs[0].Actual.Length == 0) throw new BackpropException("the data has no rows to draw");
    }

    /// <summary>The output's RMSE and R², as <c>backprop evaluate</c> measures them.</summary>
    private static Metrics.RegressionReport Measure(OutputValues o) =>
        Metrics.RegressionReport.Compute(new Tensors.Matrix<double>(o.Predicted.Length, 1, o.Predicted),
            new Tensors.Matrix<double>(o.Actual.Length, 1, o.Actual));

    private static string Fmt(double v) => v.ToString("G3", CultureInfo.InvariantCulture);
}

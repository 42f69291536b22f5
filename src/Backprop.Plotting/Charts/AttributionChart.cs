using System.Globalization;
using Backprop.Estimators.Attribution;
using Backprop.Plotting.Rendering;
using ScottPlot;

namespace Backprop.Plotting.Charts;

/// <summary>
/// Horizontal bars of each input column's share, largest on top: for one row its signed contribution to one output (green
/// raises it, red lowers it), for a whole file the mean |attribution| beside permutation importance (with ± one standard
/// deviation of its shuffles). At most <see cref="MaxBars"/> columns are drawn, the largest.
/// </summary>
public static class AttributionChart
{
    /// <summary>The most columns drawn.</summary>
    public const int MaxBars = 25;

    /// <summary>The first row of <paramref name="attributions"/>: its contributions to the output the model ranks highest (a class's
    /// probability), or to its only output.</summary>
    public static Picture Row(RowAttributions attributions, PictureFormat format, int width = 900)
    {
        ArgumentNullException.ThrowIfNull(attributions);
        int output = Enumerable.Range(0, attributions.Outputs.Count).MaxBy(o => attributions.Output(0, o));
        var values = Enumerable.Range(0, attributions.Columns.Count).Select(c => attributions[0, output, c]).ToArray();
        var order = Top(values.Select(Math.Abs).ToArray());
        var figure = new Figure(width, Height(order.Length));
        string value = attributions.Output(0, output).ToString("0.####", CultureInfo.InvariantCulture);
        var plot = figure.Add($"Row {attributions.Rows[0] + 1}: each column's share of {attributions.Outputs[output]} = {value}",
            "contribution" + Shown(order.Length, values.Length), "");
        Bars(plot, order.Select(c => (attributions.Columns[c], values[c], 0.0)).ToList(), signed: true);
        return figure.Render(format);
    }

    /// <summary>A whole file's importance: mean |attribution|, and permutation importance beside it when the file had a target.</summary>
    public static Picture Importance(ColumnImportance importance, PictureFormat format, int width = 1100)
    {
        ArgumentNullException.ThrowIfNull(importance);
        var order = Top([.. importance.MeanAbsoluteAttribution]);
        int panels = importance.PermutationDrop is null ? 1 : 2;
        var figure = new Figure(panels == 1 ? width / 2 + 150 : width, Height(order.Length));
        var left = figure.Add(figure.Cell(0, 1, 0, panels), "Mean |attribution| per column",
            "summed over the outputs" + Shown(order.Length, importance.Columns.Count), "");
        Bars(left, order.Select(c => (importance.Columns[c], importance.MeanAbsoluteAttribution[c], 0.0)).ToList(), signed: false);
        if (importance.PermutationDrop is { } drop)
        {
            var right = figure.Add(figure.Cell(0, 1, 1, panels), "Permutation importance", $"drop in {importance.Metric} when shuffled (± sd)", "");
            Bars(right, order.Select(c => (importance.Columns[c], drop[c], importance.PermutationSpread![c])).ToList(), signed: true);
        }
        return figure.Render(format);
    }

    private static int[] Top(double[] size) => [.. Enumerable.Range(0, size.Length).OrderByDescending(c => size[c]).Take(MaxBars)];

    private static int Height(int bars) => 140 + 28 * Math.Max(bars, 3);

    private static string Shown(int drawn, int all) => drawn < all ? $" (the largest {drawn} of {all} columns)" : "";

    /// <summary>One bar per (label, value, error), the first on top.</summary>
    private static void Bars(Plot plot, List<(string Label, double Value, double Error)> bars, bool signed)
    {
        int n = bars.Count;
        for (int i = 0; i < n; i++)
        {
            var (_, v, error) = bars[i];
            double y = n - 1 - i;
            var bar = plot.Add.Rectangle(Math.Min(0, v), Math.Max(0, v), y - 0.35, y + 0.35);
            bar.FillColor = Colours.Color(!signed ? Colours.Actual : v >= 0 ? Colours.Positive : Colours.Negative);
            bar.LineWidth = 0;
            if (error > 0)
            {
                var line = plot.Add.Line(v - error, y, v + error, y);
                line.LineColor = Colours.Color(Colours.Ink);
                line.LineWidth = 1.5f;
            }
        }
        var zero = plot.Add.VerticalLine(0);
        zero.LineColor = Colours.Color(Colours.Muted);
        zero.LineWidth = 1;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, n).Select(i => (double)(n - 1 - i)).ToArray(), bars.Select(b => b.Label).ToArray());
        double low = Math.Min(0, bars.Min(b => b.Value - b.Error)), high = Math.Max(0, bars.Max(b => b.Value + b.Error));
        double pad = Math.Max(1e-12, (high - low) * 0.05);
        plot.Axes.SetLimits(low - (low < 0 ? pad : 0), high + pad, -0.6, n - 0.4);
        plot.HideGrid();
    }
}

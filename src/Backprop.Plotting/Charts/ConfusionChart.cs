using System.Globalization;
using Backprop.Diagnostics;
using Backprop.Metrics;
using Backprop.Plotting.Rendering;
using ScottPlot;

namespace Backprop.Plotting.Charts;

/// <summary>
/// The confusion matrix as a heatmap: a row per true class, a column per predicted class, each cell the count of samples,
/// shaded by its share of the row (the row's recall on the diagonal), so a weak class stands out whatever its size.
/// </summary>
public static class ConfusionChart
{
    /// <summary>Cells are labelled with their counts up to this many classes.</summary>
    public const int MaxLabelledClasses = 20;

    /// <summary>Draws <paramref name="report"/>'s confusion matrix.</summary>
    public static Picture Render(ClassificationReport report, PictureFormat format, int size = 640)
    {
        int k = report.Classes.Count;
        if (k < 2) throw new BackpropException("a confusion matrix needs at least two classes");
        var figure = new Figure(size + 60, size);
        var plot = figure.Add($"Confusion matrix (accuracy {report.Accuracy.ToString("0.0000", CultureInfo.InvariantCulture)})", "Predicted class",
            "True class");
        float fontSize = k <= 10 ? 14 : k <= 15 ? 11 : 9;
        for (int t = 0; t < k; t++)
        {
            int rowTotal = Enumerable.Range(0, k).Sum(p => report.Confusion[t, p]);
            for (int p = 0; p < k; p++)
            {
                int count = report.Confusion[t, p];
                double share = rowTotal == 0 ? 0 : (double)count / rowTotal;
                double y = k - 1 - t; // the first class on top, as the table `evaluate` prints
                var cell = plot.Add.Rectangle(p - 0.5, p + 0.5, y - 0.5, y + 0.5);
                cell.FillColor = Shade(share, diagonal: t == p);
                cell.LineColor = Colors.White;
                cell.LineWidth = 1;
                if (k > MaxLabelledClasses || count == 0) continue;
                var label = plot.Add.Text(count.ToString(CultureInfo.InvariantCulture), p, y);
                label.Alignment = Alignment.MiddleCenter;
                label.LabelFontSize = fontSize;
                label.LabelFontColor = share > 0.55 ? Colors.White : Colours.Color(Colours.Ink);
                label.LabelBold = t == p;
            }
        }
        var positions = Enumerable.Range(0, k).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, report.Classes.ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, report.Classes.Reverse().ToArray());
        plot.Axes.SetLimits(-0.5, k - 0.5, -0.5, k - 0.5);
        plot.HideGrid();
        return figure.Render(format);
    }

    /// <summary>White for none of the row, deep blue (right answers) or deep red (mistakes) for all of it.</summary>
    private static Color Shade(double share, bool diagonal)
    {
        var (r, g, b) = diagonal ? (31, 95, 191) : (214, 39, 40);
        double s = Math.Sqrt(share); // small shares of mistakes still show
        byte Mix(int c) => (byte)Math.Round(255 + (c - 255) * s);
        return new Color(Mix(r), Mix(g), Mix(b));
    }
}

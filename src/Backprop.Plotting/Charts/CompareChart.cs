using Backprop.Diagnostics;
using Backprop.Plotting.Rendering;
using ScottPlot;

namespace Backprop.Plotting.Charts;

/// <summary>
/// The loss curves of several runs on one panel (sigmoid against ReLU, gradient descent against momentum): one colour per
/// run, its training loss solid and its held-out loss dashed, each named in the legend.
/// </summary>
public static class CompareChart
{
    /// <summary>At most this many runs in one picture: beyond ten colours a legend no longer tells them apart.</summary>
    public const int MaxRuns = 10;

    /// <summary>The runs' colours, in order (matplotlib's ten, which most readers know).</summary>
    internal static readonly string[] Palette =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>The loss across epochs of every run in <paramref name="runs"/>, named in the legend by <paramref name="labels"/>.</summary>
    /// <param name="runs">Each run's recorded curves.</param>
    /// <param name="labels">One name per run (a file name, say), in the same order.</param>
    /// <param name="format">PNG or SVG.</param>
    /// <param name="logScale">Put the loss on a logarithmic axis.</param>
    /// <param name="width">The picture's width in pixels.</param>
    /// <param name="height">The picture's height in pixels.</param>
    /// <exception cref="BackpropException">No run, more than <see cref="MaxRuns"/>, or a run that records no loss.</exception>
    public static Picture Render(IReadOnlyList<LearningCurves> runs, IReadOnlyList<string> labels, PictureFormat format, bool logScale = false,
        int width = 1000, int height = 560)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count != runs.Count)
            throw new ArgumentException($"{runs.Count} runs need {runs.Count} labels, not {labels.Count}", nameof(labels));
        if (runs.Count == 0) throw new BackpropException("there is no run to compare");
        if (runs.Count > MaxRuns)
            throw new BackpropException($"{runs.Count} runs are too many to tell apart on one picture; compare at most {MaxRuns}");
        for (int r = 0; r < runs.Count; r++)
            if (runs[r].Loss.Length == 0) throw new BackpropException($"{labels[r]}: the model records no loss across epochs to compare");

        // One loss named on the axis when every run measured the same one; else each run's in the legend.
        var names = runs.Select(r => r.LossName).Distinct().ToList();
        bool sameLoss = names.Count == 1;
        var (across, axis) = sameLoss ? LossChart.LossLabels(names[0], logScale)
            : ("Epoch", "Loss, as each run measured it" + (logScale ? ", log scale" : ""));
        var figure = new Figure(width, height);
        var plot = figure.Add("Loss across epochs", across, axis);
        for (int r = 0; r < runs.Count; r++)
        {
            string colour = Palette[r], label = labels[r] + (sameLoss || runs[r].LossName.Length == 0 ? "" : $" ({runs[r].LossName})");
            LossChart.AddCurve(plot, runs[r].Loss, $"{label}: training", colour, logScale);
            if (LossChart.AddCurve(plot, runs[r].ValidationLoss, $"{label}: held-out", colour, logScale) is { } heldOut)
                heldOut.LinePattern = LinePattern.Dashed;
        }
        LossChart.Finish(plot, logScale, legend: false);
        plot.ShowLegend(Edge.Right); // beside the curves, never over them
        return figure.Render(format);
    }
}

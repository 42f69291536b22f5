using Backprop.Diagnostics;
using Backprop.Plotting.Rendering;
using ScottPlot;

namespace Backprop.Plotting.Charts;

/// <summary>
/// Each layer's gradient norm across epochs, on a logarithmic axis: a layer whose gradient is decades below the others learns
/// that much slower (vanishing gradients), one that climbs decade after decade is exploding.
/// </summary>
public static class GradientChart
{
    /// <summary>The gradient norm of every layer across epochs, as <see cref="LearningCurves.GradientNorms"/> holds them.</summary>
    /// <param name="curves">A run's recorded curves, with its gradient norms.</param>
    /// <param name="format">PNG or SVG.</param>
    /// <param name="logScale">A logarithmic y axis (the default: norms differ by decades); false for a linear one.</param>
    /// <param name="width">The picture's width in pixels.</param>
    /// <param name="height">The picture's height in pixels.</param>
    /// <exception cref="BackpropException">The run did not record gradient norms.</exception>
    public static Picture Render(LearningCurves curves, PictureFormat format, bool logScale = true, int width = 1000, int height = 560)
    {
        ArgumentNullException.ThrowIfNull(curves);
        var norms = curves.GradientNorms;
        if (norms.Length == 0 || norms.All(layer => layer.All(double.IsNaN)))
            throw new BackpropException($"the model records no gradient norms; train it with {Setting.Diagnostics} to record them");
        var figure = new Figure(width, height);
        var plot = figure.Add("Gradient norm of each layer across epochs", "Epoch",
            $"‖∂E/∂W‖₂, mean over the epoch's batches{(logScale ? ", log scale" : "")}");
        for (int l = 0; l < norms.Length; l++)
            LossChart.AddCurve(plot, norms[l], LayerName(l, norms.Length), CompareChart.Palette[l % CompareChart.Palette.Length], logScale);
        LossChart.Finish(plot, logScale, legend: false);
        plot.ShowLegend(Edge.Right); // beside the curves, never over them
        return figure.Render(format);
    }

    /// <summary>"hidden layer 1" … and "output layer", the last (a network without hidden layers has only that).</summary>
    internal static string LayerName(int layer, int layers) =>
        layer == layers - 1 ? "output layer" : layers == 2 ? "hidden layer" : $"hidden layer {layer + 1}";
}

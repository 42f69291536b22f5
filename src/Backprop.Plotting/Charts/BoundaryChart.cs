using Backprop.Estimators;
using Backprop.Metrics;
using Backprop.Plotting.Rendering;
using Backprop.Tensors;
using ScottPlot;

namespace Backprop.Plotting.Charts;

/// <summary>
/// What a model of two inputs answers over the plane of its inputs, with the data drawn on it: a classifier's decision regions
/// (pale, one colour per class, the boundary where they meet) under its points in the class's full colour; a regression's
/// output as a heatmap with a colour bar, under its points coloured by their target on the same scale.
/// </summary>
public static class BoundaryChart
{
    /// <summary>The plane is padded by this share of the data's range on each side.</summary>
    internal const double Padding = 0.1;

    /// <summary>A pale class colour: the palette's colour over white at this opacity.</summary>
    internal const double RegionOpacity = 0.3;

    /// <summary>The decision regions or the output surface of <paramref name="model"/> with the rows of <paramref name="data"/>.</summary>
    /// <param name="model">A model of exactly two numeric inputs.</param>
    /// <param name="data">Its labelled data (<see cref="Model.PredictLabelled"/>): the points, and the range the plane spans.</param>
    /// <param name="format">PNG or SVG.</param>
    /// <param name="resolution">Cells per side of the grid the model is run on.</param>
    /// <param name="width">The picture's width in pixels.</param>
    /// <param name="height">The picture's height in pixels.</param>
    /// <exception cref="Diagnostics.BackpropException">The model does not read exactly two numbers, or the data has no rows.</exception>
    public static Picture Render(Model model, LabelledPredictions data, PictureFormat format, int resolution = 200, int width = 760,
        int height = 640)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, 2);
        var inputs = BoundaryInputs.Of(model);
        if (data.Data.Count == 0) throw new Diagnostics.BackpropException("the data has no rows to draw");
        var (xs, ys) = inputs.Points(data.Data.Features);
        var plane = Plane(xs, ys);
        var outputs = model.Run(Grid(inputs, plane, resolution));

        var figure = new Figure(width, height);
        string target = model.TargetNames.Count > 0 ? string.Join(", ", model.TargetNames) : "the output";
        var plot = data.Classes is { } classes
            ? figure.Add($"Decision regions: {target} from {inputs.Names[0]} and {inputs.Names[1]}", inputs.Names[0], inputs.Names[1])
            : figure.Add($"{Output(model)} over {inputs.Names[0]} and {inputs.Names[1]}; points: the data's {Output(model)}", inputs.Names[0],
                inputs.Names[1]);
        if (data.Classes is { } names) Classes(plot, outputs, data, names, xs, ys, plane, resolution);
        else Surface(plot, outputs, data, Output(model), xs, ys, plane, resolution);
        plot.Axes.SetLimits(plane.Left, plane.Right, plane.Bottom, plane.Top);
        return figure.Render(format);
    }

    /// <summary>The name of the output a surface draws: the first.</summary>
    private static string Output(Model model) => model.OutputNames.FirstOrDefault() ?? "output";

    private static void Classes(Plot plot, Matrix<double> outputs, LabelledPredictions data, IReadOnlyList<string> names, double[] xs,
        double[] ys, CoordinateRect plane, int n)
    {
        var cells = new double[n, n];
        for (int row = 0; row < n; row++)
            for (int col = 0; col < n; col++) cells[row, col] = ClassOf(outputs.Row(row * n + col));
        var regions = plot.Add.Heatmap(cells);
        regions.Extent = plane;
        regions.Colormap = new ClassColours(names.Count);
        regions.ManualRange = new ScottPlot.Range(0, Math.Max(1, names.Count - 1));
        for (int k = 0; k < names.Count; k++)
        {
            var rows = Enumerable.Range(0, data.Data.Count).Where(r => data.TrueClass(r) == k).ToArray();
            if (rows.Length == 0) continue;
            var points = plot.Add.ScatterPoints(rows.Select(r => xs[r]).ToArray(), rows.Select(r => ys[r]).ToArray(), ClassColours.Point(k));
            Outline(points);
            points.LegendText = names[k];
        }
        plot.ShowLegend(Alignment.UpperRight);
    }

    private static void Surface(Plot plot, Matrix<double> outputs, LabelledPredictions data, string output, double[] xs, double[] ys,
        CoordinateRect plane, int n)
    {
        var cells = new double[n, n];
        for (int row = 0; row < n; row++)
            for (int col = 0; col < n; col++) cells[row, col] = outputs[row * n + col, 0];
        double low = Math.Min(cells.Cast<double>().Min(), Enumerable.Range(0, data.Data.Count).Min(r => data.Data.Targets[r, 0]));
        double high = Math.Max(cells.Cast<double>().Max(), Enumerable.Range(0, data.Data.Count).Max(r => data.Data.Targets[r, 0]));
        if (!(high > low)) (low, high) = (low - 0.5, high + 0.5);
        var surface = plot.Add.Heatmap(cells);
        surface.Extent = plane;
        surface.Colormap = new ScottPlot.Colormaps.Viridis();
        surface.ManualRange = new ScottPlot.Range(low, high);
        var bar = plot.Add.ColorBar(surface);
        bar.Label = output;
        var colours = new ScottPlot.Colormaps.Viridis();
        for (int r = 0; r < data.Data.Count; r++)
        {
            // A black ring keeps a point seen where the model fits it (its colour is then the surface's under it).
            var colour = colours.GetColor((data.Data.Targets[r, 0] - low) / (high - low));
            var point = plot.Add.Marker(xs[r], ys[r], MarkerShape.FilledCircle, 9, colour);
            point.MarkerStyle.OutlineColor = Colours.Color(Colours.Ink);
            point.MarkerStyle.OutlineWidth = 1f;
        }
    }

    private static void Outline(ScottPlot.Plottables.Scatter points)
    {
        points.MarkerSize = 8;
        points.MarkerShape = MarkerShape.FilledCircle;
        points.MarkerStyle.OutlineColor = Colours.Color(Colours.Ink);
        points.MarkerStyle.OutlineWidth = 1f;
    }

    /// <summary>The data's extent padded by <see cref="Padding"/> of its range on each side (a range of one value spans 1 around it).</summary>
    internal static CoordinateRect Plane(double[] xs, double[] ys)
    {
        static (double Low, double High) Span(double[] v)
        {
            double low = v.Min(), high = v.Max(), pad = high > low ? (high - low) * Padding : 0.5;
            return (low - pad, high + pad);
        }
        var (left, right) = Span(xs);
        var (bottom, top) = Span(ys);
        return new CoordinateRect(left, right, bottom, top);
    }

    /// <summary>The grid's cell centres as the network reads them, row after row from the top, left to right.</summary>
    private static Matrix<double> Grid(BoundaryInputs inputs, CoordinateRect plane, int n)
    {
        var grid = new Matrix<double>(n * n, 2);
        for (int row = 0; row < n; row++)
            for (int col = 0; col < n; col++)
            {
                grid[row * n + col, 0] = inputs.Encode(0, plane.Left + (col + 0.5) * plane.Width / n);
                grid[row * n + col, 1] = inputs.Encode(1, plane.Top - (row + 0.5) * plane.Height / n);
            }
        return grid;
    }

    /// <summary>The class of a row of outputs as <see cref="LabelledPredictions.PredictedClass"/> takes it: one output reaching 0.5, or the
    /// largest.</summary>
    private static int ClassOf(ReadOnlySpan<double> y) => y.Length == 1 ? (y[0] >= 0.5 ? 1 : 0) : ClassificationMetrics.ArgMax(y);

    /// <summary>A class's colour: pale for its region, full for its points.</summary>
    private sealed class ClassColours(int classes) : IColormap
    {
        public string Name => "classes";

        public Color GetColor(double normalizedIntensity)
        {
            int k = (int)Math.Round(normalizedIntensity * Math.Max(1, classes - 1));
            return Region(Math.Clamp(k, 0, classes - 1));
        }

        public static Color Point(int k) => Colours.Color(CompareChart.Palette[k % CompareChart.Palette.Length]);

        /// <summary>The class's colour over white at <see cref="RegionOpacity"/>, opaque (so the picture needs no blending).</summary>
        public static Color Region(int k)
        {
            var c = Point(k);
            static byte Mix(byte v) => (byte)Math.Round(RegionOpacity * v + (1 - RegionOpacity) * 255);
            return new Color(Mix(c.R), Mix(c.G), Mix(c.B));
        }
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Backprop.Explain.Html;

/// <summary>
/// The total error before each explained training step, as a small SVG line chart with a marker the page moves: the
/// step axis runs from step 1 and the error axis from 0, both with their values, so a run stuck at 0.5 looks stuck.
/// With mini-batches each step's error is its own batch's, so the axes say so ("step (batch of 2)", "E_total of the batch")
/// and each step's label names its rows.
/// </summary>
internal static class ErrorChart
{
    private const double Width = 520, Height = 190, Left = 64, Right = 16, Top = 16, Bottom = 44;

    private static double Error(Explanation step) => step.Quantities.TryGetValue("E_total", out double e) ? e : double.NaN;

    /// <summary>The step's mini-batch in words ("rows 1–2 of 4 (batch 1 of 2)"), or null for a full-batch step.</summary>
    private static string? Batch(Explanation step) => step.Settings.FirstOrDefault(s => s.Key == "mini-batch").Value;

    /// <summary>Rows per mini-batch (the largest batch of the steps shown), or null when the steps take the whole data.</summary>
    internal static int? BatchSize(IReadOnlyList<Explanation> steps) => steps.Any(s => Batch(s) is not null)
        ? steps.Max(s => int.Parse(s.Settings.First(p => p.Key == "samples").Value, CultureInfo.InvariantCulture)) : null;

    /// <summary>The point's words: the step, its batch's rows when it has one, and the error before it.</summary>
    private static string Label(Explanation step) => Batch(step) is string batch
        ? $"step {step.Step}, {batch[..(batch.IndexOf(" (", StringComparison.Ordinal) is int cut and > 0 ? cut : batch.Length)]} " +
            $"(E_total before it {NumberFormat.Format(Error(step))})"
        : $"training step {step.Step} (E_total before it {NumberFormat.Format(Error(step))})";

    private static (double Top, double Step) ErrorAxis(IReadOnlyList<Explanation> steps)
    {
        double high = steps.Select(Error).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        double step = Nice(high <= 0 ? 1 : high / 4);
        return (Math.Max(step, Math.Ceiling(high / step - 1e-9) * step), step);
    }

    /// <summary>1, 2 or 5 times a power of ten, at least <paramref name="rough"/>.</summary>
    internal static double Nice(double rough)
    {
        double power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        return new[] { 1, 2, 5, 10 }.Select(f => f * power).First(v => v >= rough * (1 - 1e-9));
    }

    private static double X(int step, int last) => Left + (last <= 1 ? 0 : (step - 1) * (Width - Left - Right) / (last - 1));

    private static double Y(double error, double top) => Height - Bottom - (double.IsFinite(error) ? error / top : 0) * (Height - Top - Bottom);

    private static (double X, double Y)[] Points(IReadOnlyList<Explanation> steps)
    {
        var (top, _) = ErrorAxis(steps);
        int last = steps[^1].Step;
        return steps.Select(s => (X(s.Step, last), Y(Error(s), top))).ToArray();
    }

    /// <summary>Per explained step: where its marker goes and its error, for the page.</summary>
    public static JsonObject Data(IReadOnlyList<Explanation> steps) => new()
    {
        ["points"] = new JsonArray(Points(steps).Zip(steps).Select(p => (JsonNode?)new JsonObject
        {
            ["x"] = Math.Round(p.First.X, 1), ["y"] = Math.Round(p.First.Y, 1), ["step"] = p.Second.Step, ["error"] = Error(p.Second),
            ["label"] = Label(p.Second),
        }).ToArray()),
    };

    public static string Svg(IReadOnlyList<Explanation> steps)
    {
        var points = Points(steps);
        var (top, yStep) = ErrorAxis(steps);
        int last = steps[^1].Step;
        int? batch = BatchSize(steps);
        var svg = new StringBuilder();
        string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        svg.Append($"<svg id=\"error-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {F(Width)} {F(Height)}\" role=\"img\" " +
            $"aria-label=\"{(batch is null ? "total error by training step" : "each step's error on its own batch")}\">");
        double y0 = Height - Bottom, x1 = Width - Right;
        for (int k = 0; k * yStep <= top * (1 + 1e-9); k++)
        {
            double v = k * yStep, y = Y(v, top);
            svg.Append($"<line class=\"grid\" x1=\"{F(Left)}\" y1=\"{F(y)}\" x2=\"{F(x1)}\" y2=\"{F(y)}\"/>")
                .Append($"<text class=\"tick y-tick\" x=\"{F(Left - 6)}\" y=\"{F(y + 4)}\" text-anchor=\"end\">{Tick(v, yStep)}</text>");
        }
        double xStep = Math.Max(1, Nice(Math.Max(1, (last - 1) / 5.0)));
        var xTicks = new List<int> { 1 };
        for (double s = xStep; s <= last; s += xStep) if ((int)s > 1 && X((int)s, last) - X(xTicks[^1], last) >= 28) xTicks.Add((int)s);
        if (xTicks[^1] != last && X(last, last) - X(xTicks[^1], last) < 28) xTicks.RemoveAt(xTicks.Count - 1);
        if (!xTicks.Contains(last)) xTicks.Add(last);
        foreach (int s in xTicks)
            svg.Append($"<line class=\"axis\" x1=\"{F(X(s, last))}\" y1=\"{F(y0)}\" x2=\"{F(X(s, last))}\" y2=\"{F(y0 + 5)}\"/>")
                .Append($"<text class=\"tick x-tick\" x=\"{F(X(s, last))}\" y=\"{F(y0 + 18)}\" text-anchor=\"middle\">{s}</text>");
        svg.Append($"<line class=\"axis\" x1=\"{F(Left)}\" y1=\"{F(y0)}\" x2=\"{F(x1)}\" y2=\"{F(y0)}\"/>")
            .Append($"<line class=\"axis\" x1=\"{F(Left)}\" y1=\"{F(Top)}\" x2=\"{F(Left)}\" y2=\"{F(y0)}\"/>");
        svg.Append("<polyline class=\"error-line\" points=\"").AppendJoin(' ', points.Select(p => $"{F(p.X)},{F(p.Y)}")).Append("\"/>");
        svg.Append(string.Concat(points.Select(p => $"<circle class=\"error-point\" r=\"2.5\" cx=\"{F(p.X)}\" cy=\"{F(p.Y)}\"/>")));
        string across = batch is int n ? $"step (batch of {n})" : "training step";
        svg.Append($"<text class=\"axis-title\" x=\"{F((Left + x1) / 2)}\" y=\"{F(Height - 6)}\" text-anchor=\"middle\">{across}</text>");
        svg.Append($"<text class=\"axis-title\" transform=\"translate(14 {F((Top + y0) / 2)}) rotate(-90)\" text-anchor=\"middle\">" +
            $"{(batch is null ? "E_total before the step" : "E_total of the batch")}</text>");
        svg.Append($"<circle id=\"error-marker\" r=\"6\" cx=\"{F(points[0].X)}\" cy=\"{F(points[0].Y)}\"/></svg>");
        return svg.ToString();
    }

    private static string Tick(double v, double step)
    {
        int decimals = Math.Max(0, (int)Math.Ceiling(-Math.Log10(step) - 1e-9));
        return v.ToString("F" + decimals, CultureInfo.InvariantCulture);
    }
}

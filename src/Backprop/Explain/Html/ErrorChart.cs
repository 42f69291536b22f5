using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Backprop.Explain.Html;

/// <summary>The total error before each explained training step, as a small SVG line chart with a marker the page moves.</summary>
internal static class ErrorChart
{
    private const double Width = 520, Height = 160, Pad = 36;

    private static double Error(Explanation step) => step.Quantities.TryGetValue("E_total", out double e) ? e : double.NaN;

    private static (double X, double Y)[] Points(IReadOnlyList<Explanation> steps)
    {
        var errors = steps.Select(Error).ToArray();
        double low = errors.Where(double.IsFinite).DefaultIfEmpty(0).Min(), high = errors.Where(double.IsFinite).DefaultIfEmpty(1).Max();
        if (high <= low) high = low + 1;
        int first = steps[0].Step, last = steps[^1].Step;
        return steps.Select((s, k) => (
            Pad + (last == first ? 0 : (s.Step - first) * (Width - 2 * Pad) / (last - first)),
            Height - Pad - (double.IsFinite(errors[k]) ? (errors[k] - low) / (high - low) : 0) * (Height - 2 * Pad))).ToArray();
    }

    /// <summary>Per explained step: where its marker goes and its error, for the page.</summary>
    public static JsonObject Data(IReadOnlyList<Explanation> steps) => new()
    {
        ["points"] = new JsonArray(Points(steps).Zip(steps).Select(p => (JsonNode?)new JsonObject
        {
            ["x"] = Math.Round(p.First.X, 1), ["y"] = Math.Round(p.First.Y, 1), ["step"] = p.Second.Step, ["error"] = Error(p.Second),
            ["label"] = $"training step {p.Second.Step} (E_total before it {NumberFormat.Format(Error(p.Second))})",
        }).ToArray()),
    };

    public static string Svg(IReadOnlyList<Explanation> steps)
    {
        var points = Points(steps);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg id=\"error-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"total error " +
                $"by training step\">");
        svg.Append(CultureInfo.InvariantCulture,
            $"<line class=\"axis\" x1=\"{Pad}\" y1=\"{Height - Pad}\" x2=\"{Width - Pad}\" y2=\"{Height - Pad}\"/><line class=\"axis\" " +
                $"x1=\"{Pad}\" y1=\"{Pad}\" x2=\"{Pad}\" y2=\"{Height - Pad}\"/>");
        svg.Append("<polyline class=\"error-line\" points=\"")
            .AppendJoin(' ', points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X:F1},{p.Y:F1}"))).Append("\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"{Height - 8}\" text-anchor=\"middle\">training step</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"12\" y=\"{Pad - 12}\">E_total</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<circle id=\"error-marker\" r=\"6\" cx=\"{points[0].X:F1}\" cy=\"{points[0].Y:F1}\"/></svg>");
        return svg.ToString();
    }
}

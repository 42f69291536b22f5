using System.Globalization;
using System.Net;
using System.Text;

namespace Backprop.Explain.Html;

/// <summary>
/// The network of an explanation as SVG: layers left to right, every unit a circle named as the equations name it,
/// a bias unit above each layer, and every edge a line carrying <c>data-name</c> (w5, b1, b_h1) so that the page can
/// highlight and colour it. Edge labels are filled in by the page from the step's data.
/// </summary>
internal static class ExplainSvg
{
    private const double ColumnGap = 260, RowGap = 92, Top = 90, Left = 110, Radius = 24;

    /// <summary>Where each unit is drawn.</summary>
    public static Dictionary<string, (double X, double Y)> Layout(ExplainedNetwork network)
    {
        int tallest = network.Layers.Max();
        var at = new Dictionary<string, (double, double)>();
        foreach (var unit in network.Units)
        {
            int count = network.Layers[unit.Layer];
            double offset = (tallest - count) * RowGap / 2;
            at[unit.Name] = (Left + unit.Layer * ColumnGap, Top + offset + unit.Index * RowGap);
        }
        for (int l = 1; l < network.Layers.Count; l++)
            at[$"bias{l}"] = (Left + (l - 1) * ColumnGap + ColumnGap / 2, Top - 62);
        return at;
    }

    public static string Render(ExplainedNetwork network)
    {
        var at = Layout(network);
        int tallest = network.Layers.Max();
        double width = Left * 2 + (network.Layers.Count - 1) * ColumnGap + 40, height = Top + tallest * RowGap + 10;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg id=\"network\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width:F0} {height:F0}\" role=\"img\" " +
                $"aria-label=\"the network\">");
        svg.Append("<g class=\"edges\">");
        int n = 0;
        foreach (var edge in network.Edges)
        {
            var (x1, y1) = at[edge.From];
            var (x2, y2) = at[edge.To];
            // Labels sit at different fractions along the edges into one unit, so that they do not stack at its centre.
            int into = Index(network, edge.To);
            double t = edge.From.StartsWith("bias", StringComparison.Ordinal) ? 0.35 + 0.3 * (into % 2)
                : 0.22 + 0.4 * (into % 2) + 0.08 * (Index(network, edge.From) % 3);
            double lx = x1 + (x2 - x1) * t, ly = y1 + (y2 - y1) * t - 4;
            svg.Append(CultureInfo.InvariantCulture,
                $"<g class=\"edge\" data-name=\"{Encode(edge.Name)}\" data-index=\"{n++}\"><line x1=\"{x1:F1}\" y1=\"{y1:F1}\" x2=\"{x2:F1}\" " +
                    $"y2=\"{y2:F1}\"/>" +
                $"<text x=\"{lx:F1}\" y=\"{ly:F1}\" text-anchor=\"middle\" class=\"edge-label\"></text></g>");
        }
        svg.Append("</g><g class=\"units\">");
        for (int l = 1; l < network.Layers.Count; l++)
        {
            var (x, y) = at[$"bias{l}"];
            svg.Append(CultureInfo.InvariantCulture,
                $"<g class=\"unit bias\" data-name=\"bias{l}\"><rect x=\"{x - 16:F1}\" y=\"{y - 16:F1}\" width=\"32\" height=\"32\" " +
                    $"rx=\"6\"/><text x=\"{x:F1}\" y=\"{y + 5:F1}\" text-anchor=\"middle\">1</text></g>");
        }
        foreach (var unit in network.Units)
        {
            var (x, y) = at[unit.Name];
            svg.Append(CultureInfo.InvariantCulture,
                $"<g class=\"unit\" data-name=\"{Encode(unit.Name)}\"><circle cx=\"{x:F1}\" cy=\"{y:F1}\" r=\"{Radius}\"/><text x=\"{x:F1}\" " +
                    $"y=\"{y + 5:F1}\" text-anchor=\"middle\">{Encode(unit.Name)}</text>");
            if (unit.Column is string column)
                svg.Append(CultureInfo.InvariantCulture,
                    $"<text class=\"column\" x=\"{x - Radius - 8:F1}\" y=\"{y + 5:F1}\" text-anchor=\"end\">{Encode(column)}</text>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"unit-value\" x=\"{x:F1}\" y=\"{y + Radius + 16:F1}\" text-anchor=\"middle\"></text></g>");
        }
        svg.Append("</g></svg>");
        return svg.ToString();
    }

    private static int Index(ExplainedNetwork network, string unit) => network.Units.First(u => u.Name == unit).Index;

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

using System.Globalization;
using System.Net;
using System.Text;

namespace Backprop.Explain.Html;

/// <summary>
/// The network of an explanation as SVG: layers left to right, every unit a circle named as the equations name it,
/// a bias unit above each layer that has biases, and every edge a line carrying <c>data-name</c> (w5, b1, b_h1) so that
/// the page can highlight and colour it. The labels (edge values, unit outputs, inputs, targets, the tutorial's names)
/// are empty here: the page fills them in from the step's data and places the edge labels clear of units and of each other.
/// </summary>
internal static class ExplainSvg
{
    private const double Left = 110, Radius = 24;

    /// <summary>
    /// The centre of the top row: room above it for the bias boxes (62 px higher) when any layer has a bias, else only for the
    /// tutorial's unit names over the top units, so that a network without bias (GfG's, Udacity's) has no empty band.
    /// </summary>
    private static double Top(ExplainedNetwork network) => HasBias(network) ? 90 : 52;

    private static bool HasBias(ExplainedNetwork network) => network.Edges.Any(e => e.From.StartsWith("bias", StringComparison.Ordinal));

    /// <summary>Rows are further apart when many labels share the space between two columns of three or more units.</summary>
    private static double RowGap(ExplainedNetwork network) => network.Layers.Max() >= 3 ? 104 : 92;

    /// <summary>Deep networks get narrower columns, so that the drawing (scaled to the page's column) keeps its labels legible.</summary>
    private static double ColumnGap(ExplainedNetwork network) => network.Layers.Count > 3 ? 215 : 260;

    /// <summary>Whether the page should give the drawing a wider column.</summary>
    public static bool Deep(ExplainedNetwork network) => network.Layers.Count > 3;

    /// <summary>Where each unit is drawn.</summary>
    public static Dictionary<string, (double X, double Y)> Layout(ExplainedNetwork network)
    {
        int tallest = network.Layers.Max();
        var at = new Dictionary<string, (double, double)>();
        foreach (var unit in network.Units)
        {
            int count = network.Layers[unit.Layer];
            double offset = (tallest - count) * RowGap(network) / 2;
            at[unit.Name] = (Left + unit.Layer * ColumnGap(network), Top(network) + offset + unit.Index * RowGap(network));
        }
        for (int l = 1; l < network.Layers.Count; l++)
            at[$"bias{l}"] = (Left + (l - 0.5) * ColumnGap(network), Top(network) - 62);
        return at;
    }

    public static string Render(ExplainedNetwork network)
    {
        var at = Layout(network);
        int tallest = network.Layers.Max();
        var biased = network.Edges.Where(e => e.From.StartsWith("bias", StringComparison.Ordinal)).Select(e => e.From).ToHashSet();
        double right = Radius + 8 + TargetRoom(network); // room for the longest "target 0.6502" right of the outputs
        // The bottom row's centre, then its circle and the output value under it (baseline 16 px below the circle), and no more.
        double width = Left + (network.Layers.Count - 1) * ColumnGap(network) + right,
            height = Top(network) + (tallest - 1) * RowGap(network) + Radius + 16 + 8;
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
            svg.Append(CultureInfo.InvariantCulture,
                $"<g class=\"edge\" data-name=\"{Encode(edge.Name)}\" data-index=\"{n++}\"><line x1=\"{x1:F1}\" y1=\"{y1:F1}\" x2=\"{x2:F1}\" " +
                    $"y2=\"{y2:F1}\"/></g>");
        }
        // The edge labels lie above every line, each on a pale box (the page places them clear of units and of each other).
        svg.Append("</g><g class=\"edge-labels\">");
        n = 0;
        foreach (var edge in network.Edges)
            svg.Append(CultureInfo.InvariantCulture,
                $"<g class=\"label\" data-name=\"{Encode(edge.Name)}\" data-index=\"{n++}\"><rect class=\"label-box\" rx=\"3\"/>" +
                    $"<text text-anchor=\"middle\" class=\"edge-label\"></text></g>");
        svg.Append("</g><g class=\"units\">");
        for (int l = 1; l < network.Layers.Count; l++)
        {
            if (!biased.Contains($"bias{l}")) continue;
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
                $"<text class=\"unit-value\" x=\"{x:F1}\" y=\"{y + Radius + 16:F1}\" text-anchor=\"middle\"></text>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"doc-name\" x=\"{x:F1}\" y=\"{y - Radius - 7:F1}\" text-anchor=\"middle\"></text>");
            if (unit.Layer == network.Layers.Count - 1)
                svg.Append(CultureInfo.InvariantCulture,
                    $"<text class=\"target\" x=\"{x + Radius + 8:F1}\" y=\"{y + 5:F1}\" text-anchor=\"start\"></text>");
            svg.Append("</g>");
        }
        svg.Append("</g></svg>");
        return svg.ToString();
    }

    /// <summary>
    /// The width the longest target label takes right of an output (as <see cref="DrawingData"/> writes them), at 12 px:
    /// 7.7 px a character, a digit's advance in DejaVu Sans (0.636 em) with room to spare, and 4 px for the white halo.
    /// </summary>
    private static double TargetRoom(ExplainedNetwork network)
    {
        int longest = network.SampleTargets.SelectMany(t => t).Select(v => ("target " + HtmlRenderer.Short(v)).Length).DefaultIfEmpty(11).Max();
        return Math.Ceiling(longest * 7.7) + 4;
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

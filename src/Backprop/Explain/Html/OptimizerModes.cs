using System.Net;
using System.Text.Json.Nodes;

namespace Backprop.Explain.Html;

/// <summary>
/// More ways to colour the drawing's edges when the step is a momentum, RMSprop or Adam step: by each weight's optimiser
/// state after the step (velocity v; mean square s; Adam's moments m and v), beside weight, gradient and update.
/// </summary>
internal static class OptimizerModes
{
    /// <summary>The state quantities by key prefix, with the words the mode select shows.</summary>
    private static readonly (string Prefix, string Mode, string Words)[] States =
    [
        ("m_", "state-m", "m (Adam's mean gradient)"),
        ("v_", "state-v", "v (velocity)"),
        ("s_", "state-s", "s (RMSprop's mean squared gradient)"),
    ];

    /// <summary>The modes an explained step has: those whose state every trainable edge of the drawing carries.</summary>
    private static IEnumerable<(string Prefix, string Mode, string Words)> Present(Explanation explanation)
    {
        var quantities = explanation.Quantities;
        return States.Where(s => explanation.Network is { } n && n.Edges.Any(e => quantities.ContainsKey(s.Prefix + e.Name)));
    }

    /// <summary>The select's options for the state modes of <paramref name="explanation"/>.</summary>
    public static string Options(Explanation explanation)
    {
        var present = Present(explanation).ToList();
        bool adam = present.Any(s => s.Prefix == "m_");
        return string.Concat(present.Select(s => $"<option value=\"{s.Mode}\">" +
            $"{WebUtility.HtmlEncode(adam && s.Prefix == "v_" ? "v (Adam's mean squared gradient)" : s.Words)}</option>"));
    }

    /// <summary><paramref name="edges"/> (the styles of every mode) with the state modes of <paramref name="explanation"/> added.</summary>
    public static JsonObject With(JsonObject edges, Explanation explanation)
    {
        var quantities = explanation.Quantities;
        var network = explanation.Network!;
        foreach (var (prefix, mode, _) in Present(explanation))
        {
            double? Value(ExplainedEdge e) => quantities.TryGetValue(prefix + e.Name, out double v) ? v : null;
            // A fixed edge has no state: its label names the edge ("b1 fixed"), as the weight colouring does.
            edges[mode] = HtmlRenderer.EdgeStyles(network, Value, e => Value(e) is null ? e.Name : prefix + e.Name);
        }
        return edges;
    }
}

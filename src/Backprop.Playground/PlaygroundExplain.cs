using System.Globalization;
using System.Net;
using System.Text;
using Backprop.Explain;
using Backprop.Explain.Html;
using Backprop.Tensors;

namespace Backprop.Playground;

/// <summary>
/// The explain page (<see cref="HtmlRenderer"/>) of one training step on one point, on the session's current network.
/// A network with more weights than one page shows gets a page that lets the learner pick one layer to step through.
/// </summary>
internal static class PlaygroundExplain
{
    /// <summary>The most weights one explain page shows.</summary>
    public static readonly int MaxWeights = new ExplainOptions { Objective = default!, LearningRate = 0 }.MaxWeights;

    /// <summary>The page; <paramref name="layerText"/> (1 for the first hidden layer) picks one layer.</summary>
    /// <exception cref="Diagnostics.BackpropException">The point or the layer is outside the network's, in a learner's words.</exception>
    public static string Page(PlaygroundSession session, string pointText, string? layerText, string token)
    {
        var data = session.Data;
        if (!int.TryParse(pointText, NumberStyles.None, CultureInfo.InvariantCulture, out int point) || point >= data.X.Length)
            throw new Diagnostics.BackpropException($"there is no point '{Cut(pointText)}': points are numbered 0 to {data.X.Length - 1}");
        var network = session.Network;
        int layers = network.Layers.Count;
        int? layer = null;
        if (!string.IsNullOrEmpty(layerText))
        {
            if (!int.TryParse(layerText, NumberStyles.None, CultureInfo.InvariantCulture, out int l) || l < 1 || l > layers)
                throw new Diagnostics.BackpropException($"there is no layer '{Cut(layerText)}': this network's layers are 1 to {layers}");
            layer = l;
        }
        int weights = network.Layers.Where((_, l) => layer is null || layer == l + 1).Sum(w => w.Inputs * w.Units);
        if (weights > MaxWeights) return Chooser(session, point, token);
        var x = PlaygroundData.Inputs(session.Setup.Features, data.X.AsSpan(point, 1), data.Y.AsSpan(point, 1));
        var t = new Matrix<double>(1, 1);
        t[0, 0] = data.Label[point];
        var explanation = Explainer.Explain(network, x, t, new ExplainOptions
        {
            Objective = session.Run.Objective,
            LearningRate = session.Run.Options.LearningRate,
            Layer = layer,
            Title = Title(data, point) + (layer is int n ? $", layer {n} of {layers}" : ""),
            InputNames = [.. session.Setup.Features.Select(PlaygroundSetup.Label)],
        });
        return HtmlRenderer.Render([explanation]);
    }

    private static string Title(PlaygroundData data, int point) =>
        $"One step on point {point} ({data.X[point]:0.##}, {data.Y[point]:0.##}), label {data.Label[point]:0.###}";

    /// <summary>A page that says the network is too large to show at once and links each layer's step.</summary>
    private static string Chooser(PlaygroundSession session, int point, string token)
    {
        var network = session.Network;
        int total = network.Layers.Sum(l => l.Inputs * l.Units);
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Pick a layer</title>")
            .Append("<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:46em}li{margin:.4em 0}</style></head><body>")
            .Append(CultureInfo.InvariantCulture, $"<h1>{WebUtility.HtmlEncode(Title(session.Data, point))}</h1>")
            .Append(CultureInfo.InvariantCulture, $"<p id=\"too-large\">This network has {total} weights: too many to show every number ")
            .Append(CultureInfo.InvariantCulture, $"of a training step on one page (at most {MaxWeights}). Pick one layer to step through:</p><ul>");
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            string name = l == network.Layers.Count - 1 ? "the output" : $"hidden layer {l + 1}";
            string href = $"?layer={l + 1}&token={Uri.EscapeDataString(token)}";
            string units = layer.Units == 1 ? "1 unit" : $"{layer.Units} units";
            page.Append(CultureInfo.InvariantCulture, $"<li><a class=\"layer\" href=\"{WebUtility.HtmlEncode(href)}\">layer {l + 1}, {name}: ")
                .Append(CultureInfo.InvariantCulture, $"{layer.Inputs} inputs → {units}, {layer.Inputs * layer.Units} weights</a></li>");
        }
        return page.Append("</ul></body></html>").ToString();
    }

    private static string Cut(string text) => PlaygroundGuard.OneLine(text.Length <= 20 ? text : text[..20] + "…");
}

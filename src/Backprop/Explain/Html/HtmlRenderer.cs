using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Backprop.Explain.Html;

/// <summary>
/// Explanations as one self-contained HTML page: the network drawn with every unit and edge named as the equations
/// name them, and a step-through of the training step, equation by equation (MathML), highlighting on the drawing
/// what each equation touches. With several training steps, a second level moves between them. Every number on the
/// page is Backprop's own, embedded as data (the JSON of <c>explain --format json</c>); the page computes nothing.
/// </summary>
public static class HtmlRenderer
{
    /// <summary>The page for one or more explained steps of the same network, in training order.</summary>
    /// <exception cref="ArgumentException">No explanations, or one without its network.</exception>
    public static string Render(IReadOnlyList<Explanation> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count == 0 || steps.Any(s => s.Network is null)) throw new ArgumentException("Each explanation needs its network.", nameof(steps));
        var network = steps[^1].Network!;
        var data = new JsonObject
        {
            ["title"] = steps[^1].Title,
            ["settings"] = new JsonObject(steps[^1].Settings.Where(s => s.Key != "step explained")
                .Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value))),
            ["steps"] = new JsonArray(steps.Select(Step).ToArray<JsonNode?>()),
        };
        if (steps.Count > 1) data["chart"] = ErrorChart.Data(steps);
        string json = data.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
            .Replace("</", "<\\/", StringComparison.Ordinal); // never close the script element early

        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, " +
            "initial-scale=1\">");
        page.Append("<title>").Append(WebUtility.HtmlEncode(steps[^1].Title)).Append("</title><style>").Append(Resource("explain.css"))
            .Append("</style></head><body>");
        page.Append("<header><h1>").Append(WebUtility.HtmlEncode(steps[^1].Title)).Append("</h1><p id=\"settings\">")
            .Append(WebUtility.HtmlEncode(string.Join(" · ", HeaderSettings(steps).Select(s => $"{s.Key} {s.Value}"))))
            .Append("</p><ul id=\"notes\"></ul></header>").Append(ExplainSvg.Deep(network) ? "<main class=\"deep\">" : "<main>")
            .Append("<section id=\"drawing\">").Append(ExplainSvg.Render(network))
            .Append("<p id=\"sample-caption\"></p>");
        page.Append("<p class=\"controls\"><label>Colour edges by <select id=\"mode\"><option value=\"weight\">weight</option>")
            .Append("<option value=\"gradient\">∂E/∂w</option><option value=\"update\">update</option>")
            .Append(OptimizerModes.Options(steps[^1])).Append("</select></label></p>");
        if (steps.Count > 1)
            page.Append("<div id=\"training\"><p class=\"nav\"><button id=\"previous-step\" type=\"button\">◀ step</button> <span " +
                "id=\"step-position\"></span> ")
                .Append("<button id=\"next-step\" type=\"button\">step ▶</button></p>").Append(ErrorChart.Svg(steps)).Append("</div>");
        page.Append("</section><section id=\"walk\"><p class=\"nav\"><button id=\"previous\" type=\"button\">◀ Previous</button> ")
            .Append("<input id=\"slider\" type=\"range\" min=\"0\" value=\"0\" aria-label=\"equation\"> <button id=\"next\" type=\"button\">Next " +
                "▶</button> <span id=\"position\"></span></p>")
            .Append("<p class=\"hint\">← → step through the equations; Home and End jump")
                .Append(steps.Count > 1 ? "; Page Up and Page Down change the training step" : "")
            .Append(".</p><h2 id=\"section-title\"></h2><ul id=\"remarks\"></ul><div id=\"equation\"></div><p id=\"note\"></p>")
            .Append("<ul id=\"errata\"></ul>")
            .Append("<h3>Worked so far</h3><ol id=\"worked\"></ol><p id=\"summary\"></p>").Append(DocumentErrata(steps[^1]))
            .Append("</section></main>");
        page.Append("<script id=\"explain-data\" type=\"application/json\">").Append(json).Append("</script><script>").Append(Resource("layout.js"))
            .Append(Resource("explain.js"))
            .Append("</script></body></html>\n");
        return page.ToString();
    }

    /// <summary>
    /// The settings above the page, in words. Over several mini-batch steps the last step's rows would mislead on the others: the
    /// header gives the batch size, and the chart's label names each step's rows.
    /// </summary>
    private static IEnumerable<KeyValuePair<string, string>> HeaderSettings(IReadOnlyList<Explanation> steps)
    {
        var shown = SettingWords.Shown(steps[^1].Settings).Where(s => s.Key != "step explained");
        if (steps.Count < 2 || ErrorChart.BatchSize(steps) is not int n) return shown;
        return shown.Where(s => s.Key != "samples")
            .Select(s => s.Key == "mini-batch" ? KeyValuePair.Create(s.Key, $"{n} rows per step, in order") : s);
    }

    private static JsonObject Step(Explanation explanation)
    {
        var network = explanation.Network!;
        var names = new HashSet<string>(network.Units.Select(u => u.Name).Concat(network.Edges.Select(e => e.Name)), StringComparer.Ordinal);
        var equations = new JsonArray();
        var all = explanation.Sections.SelectMany(s => s.Equations).ToList();
        var samples = DrawingData.Samples(all);
        foreach (var section in explanation.Sections)
        {
            for (int k = 0; k < section.Equations.Count; k++)
            {
                var e = section.Equations[k];
                var touched = Highlight.Touched(e, names);
                equations.Add(new JsonObject
                {
                    ["key"] = e.Key,
                    ["section"] = section.Title,
                    ["remarks"] = k == 0 ? new JsonArray(section.Remarks.Select(r => (JsonNode?)r).ToArray()) : new JsonArray(),
                    ["math"] = MathMlRenderer.Equation(e),
                    ["pieces"] = EquationPieces.Of(e),
                    ["sample"] = samples[equations.Count],
                    ["note"] = e.Document is { } d ? TextRenderer.Note(d, e.Value) : null,
                    ["agrees"] = e.Document is { } doc ? doc.Agrees(e.Value) : null,
                    ["errata"] = new JsonArray(Erratum.Beside(explanation.Errata, e.Key)
                        .Select(x => (JsonNode?)TextRenderer.ErratumLine(x)).ToArray()),
                    ["primary"] = Highlight.Primary(e, names),
                    ["touches"] = new JsonArray(touched.Select(t => (JsonNode?)t).ToArray()),
                });
            }
        }
        var quantities = explanation.Quantities;
        return new JsonObject
        {
            ["step"] = explanation.Step,
            ["explanation"] = JsonNode.Parse(JsonRenderer.Render(explanation)),
            ["equations"] = equations,
            ["edges"] = OptimizerModes.With(Styles(network), explanation),
            ["drawing"] = DrawingData.Of(explanation, all),
            ["units"] = new JsonObject(network.Units.Where(u => u.Layer > 0).Select(u => KeyValuePair.Create(u.Name,
                (JsonNode?)(quantities.TryGetValue($"out_{u.Name}", out double v) || quantities.TryGetValue($"out_{u.Name}[1]", out v)
                    ? $"out {Short(v)}" : null)))),
            ["summary"] = TextRenderer.Summary(explanation) ?? "",
        };
    }

    /// <summary>The errata of the document's text and code that belong beside no one equation, listed after the walk.</summary>
    private static string DocumentErrata(Explanation explanation)
    {
        var unplaced = Erratum.Unplaced(explanation).ToList();
        if (unplaced.Count == 0) return "";
        return $"<h3>{WebUtility.HtmlEncode(TextRenderer.UnplacedTitle)}</h3><ul id=\"document-errata\">"
            + string.Concat(unplaced.Select(e => $"<li class=\"differs\">{WebUtility.HtmlEncode(TextRenderer.ErratumLine(e))}</li>")) + "</ul>";
    }

    /// <summary>Each edge's label, colour and width in each colouring, in the drawing's edge order.</summary>
    private static JsonObject Styles(ExplainedNetwork network) => new()
    {
        ["weight"] = EdgeStyles(network, e => e.Weight, e => e.Name),
        ["gradient"] = EdgeStyles(network, e => e.Gradient, e => $"∂E/∂{e.Name}"),
        ["update"] = EdgeStyles(network, e => e.Update, e => $"Δ{e.Name}"),
        ["after"] = EdgeStyles(network, e => e.Weight + e.Update, e => $"{e.Name}⁺"),
    };

    /// <summary>
    /// One colouring of the drawing's edges, in their order: each edge labelled "<paramref name="name"/> = value" (or "name fixed"
    /// when it has no <paramref name="value"/>), green when positive, red when negative, grey at 0 or fixed, and 1 to 6 px wide
    /// in proportion to |value| over the largest |value| of the colouring.
    /// </summary>
    internal static JsonArray EdgeStyles(ExplainedNetwork network, Func<ExplainedEdge, double?> value, Func<ExplainedEdge, string> name)
    {
        double largest = network.Edges.Select(e => Math.Abs(value(e) ?? 0)).DefaultIfEmpty(0).Max();
        return new JsonArray(network.Edges.Select(e =>
        {
            double? v = value(e);
            double size = v is double x && largest > 0 ? Math.Abs(x) / largest : 0;
            return (JsonNode?)new JsonObject
            {
                ["label"] = v is double y ? $"{name(e)} = {Short(y)}" : $"{name(e)} fixed",
                ["colour"] = v is not double z || z == 0 ? "#9aa0a6" : z > 0 ? "#1e8e3e" : "#d93025",
                ["width"] = Math.Round(1 + 5 * size, 2),
            };
        }).ToArray());
    }

    /// <summary>A short form for labels: four decimals, or three significant digits for small values.</summary>
    internal static string Short(double v) =>
        v == 0 ? "0" : Math.Abs(v) < 1e-3 ? v.ToString("0.##e+0", CultureInfo.InvariantCulture) : Math.Round(v, 4)
            .ToString("0.####", CultureInfo.InvariantCulture);

    private static string Resource(string name)
    {
        using var stream = typeof(HtmlRenderer).Assembly.GetManifestResourceStream($"Backprop.Explain.Html.{name}")
            ?? throw new InvalidOperationException($"The page resource {name} is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

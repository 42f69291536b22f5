using System.Text.Json;

namespace Backprop.Explain;

/// <summary>An explanation as one JSON object: every quantity by name, and every equation with its text and the document's figure.</summary>
public static class JsonRenderer
{
    /// <summary>The explanation as JSON.</summary>
    public static string Render(Explanation explanation)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        return JsonSerializer.Serialize(new
    {
        title = explanation.Title,
        settings = explanation.Settings.ToDictionary(s => s.Key, s => s.Value),
        quantities = explanation.Quantities,
        equations = explanation.Sections.SelectMany(section => section.Equations.Select(e => new
        {
            key = e.Key,
            section = section.Title,
            text = TextRenderer.Line(e with { Document = null }),
            value = e.Value,
            document = e.Document is { } d ? new { printed = d.Printed, name = d.Name, agrees = d.Agrees(e.Value), remark = d.Remark } : null,
            errata = Erratum.Beside(explanation.Errata, e.Key).Select(x => x.Text),
        })),
        errorHistory = explanation.ErrorHistory.Select(h => new { step = h.Step, error = h.Error }),
        errata = explanation.Errata.Select(x => new { text = x.Text, key = x.Key }),
    }, new JsonSerializerOptions
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // Named, so that a program that turns reflection-based serialization off by default (a file-based app) still renders.
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    });
    }
}

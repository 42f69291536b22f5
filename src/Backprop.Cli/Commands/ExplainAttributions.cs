using System.Net;
using System.Text.Json.Nodes;
using Backprop.Diagnostics;
using Backprop.Estimators.Attribution;

namespace Backprop.Cli.Commands;

/// <summary>
/// <c>explain --model m.json --data d.csv --sample N --attribute METHOD</c>: beside the training step on row N, the row's
/// attributions as <c>backprop attribute --row N</c> gives them — each raw column's contribution to each output, found by
/// backpropagating to the inputs through the model and its preprocessing. The explanation itself stays the library's (Explain
/// knows nothing of estimators); the command puts the two together in the chosen format.
/// </summary>
internal static class ExplainAttributions
{
    /// <summary>Row <paramref name="row"/> (1 = first) of <paramref name="dataPath"/> attributed by <paramref name="method"/> from the
    /// data's mean row.</summary>
    public static RowAttributions Of(string? modelPath, string? dataPath, int? row, string method)
    {
        var options = new AttributionOptions { Method = AttributeCommand.ParseMethod(method, "--attribute") };
        if (modelPath is null || dataPath is null || row is null)
            throw new BackpropException("--attribute shows the attributions of one row of a model's data: give --model M --data D.csv " +
                "--sample N");
        var model = Estimators.Model.Load(modelPath);
        var table = AttributionTables.Read(model, dataPath, new Data.Csv.CsvReadOptions());
        if (row > table.RowCount)
            throw new BackpropException($"--sample {row}: the file has {table.RowCount:N0} rows (1 to {table.RowCount:N0})", table.Path);
        return model.Attribute(table, [row.Value - 1], options);
    }

    /// <summary><paramref name="rendered"/> (the explanation in <paramref name="format"/>) with the row's attributions added.</summary>
    public static string Add(string rendered, string format, RowAttributions a, int row)
    {
        string table = AttributionTables.RowText(a, row);
        switch (format)
        {
            case "json":
                var json = JsonNode.Parse(rendered)!.AsObject();
                json["attributions"] = JsonNode.Parse(AttributionTables.RowFile(a, row, "json"));
                return json.ToJsonString(new System.Text.Json.JsonSerializerOptions
                    { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
            case "markdown" or "md":
                return rendered.TrimEnd('\n') + $"\n\n## Attributions of row {row:N0}\n\n```\n{table}```\n";
            case "html":
                // A section under the drawing and the walk, before the page's scripts.
                const string scripts = "<script id=\"explain-data\"";
                int at = rendered.IndexOf(scripts, StringComparison.Ordinal);
                string section = $"<section id=\"attributions\"><h2>Attributions of row {row:N0}</h2><pre>{WebUtility.HtmlEncode(table)}</pre>" +
                    "</section>";
                return at < 0 ? rendered : rendered.Insert(at, section);
            default:
                return rendered.TrimEnd('\n') + $"\n\nAttributions\n{table}";
        }
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Backprop.Playground;

/// <summary>
/// A request's JSON read into a setup or an upload, each problem said as one line in words a learner knows: which
/// field, and what it takes ("'layers' must be a list of whole numbers…"), never a .NET type name.
/// </summary>
internal static class SetupJson
{
    private static readonly Dictionary<string, string> Expected = new(StringComparer.OrdinalIgnoreCase)
    {
        ["dataSet"] = $"the name of a data set: one of {string.Join(", ", PlaygroundSetup.DataSets)}",
        ["features"] = "a list of feature names such as [\"x\", \"y\"]",
        ["layers"] = $"a list of whole numbers, the units of each hidden layer (1 to {PlaygroundSetup.MaxUnits}), such as [4, 2]",
        ["activation"] = $"one of {string.Join(", ", PlaygroundSetup.Activations)}",
        ["learningRate"] = "a number above 0 and at most 10, such as 0.03",
        ["batchSize"] = "a whole number from 1 to 500",
        ["l2"] = "a number from 0 to 10",
        ["l1"] = "a number from 0 to 10",
        ["noise"] = "a whole number from 0 to 50",
        ["trainFraction"] = "a number from 0.1 to 0.9",
        ["seed"] = "a whole number, 0 or more",
        ["dataSeed"] = "a whole number, 0 or more",
    };

    /// <summary>Parses <paramref name="body"/> as JSON: null and a line saying where when it is not JSON.</summary>
    public static JsonNode? Parse(byte[] body, string what, out string? error)
    {
        error = null;
        if (body.Length == 0) { error = $"no {what} was sent: send it as a JSON object"; return null; }
        try { return JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 32 }); }
        catch (JsonException e)
        {
            string lastLine = System.Text.Encoding.UTF8.GetString(body).TrimEnd().Split('\n')[^1];
            bool atEnd = e.LineNumber == body.Count(b => b == '\n') && e.BytePositionInLine >= System.Text.Encoding.UTF8.GetByteCount(lastLine);
            error = atEnd ? $"the {what} is not valid JSON: it ends too early (is something missing at the end?)"
                : $"the {what} is not valid JSON (line {e.LineNumber + 1}, character {e.BytePositionInLine + 1})";
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException) { error = $"the {what} is not valid JSON"; return null; }
    }

    /// <summary>The setup in <paramref name="node"/>, checked field by field; a missing one (null) is the defaults if
    /// <paramref name="optional"/>.</summary>
    public static PlaygroundSetup? Setup(JsonNode? node, out string? error, bool optional = false)
    {
        error = null;
        if (node is null && optional) return new PlaygroundSetup();
        if (node is not JsonObject) { error = "the setup must be a JSON object such as {\"dataSet\": \"xor\", \"layers\": [4]}"; return null; }
        try { return node.Deserialize<PlaygroundSetup>(PlaygroundServer.Json) ?? new PlaygroundSetup(); }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            string field = Field((e as JsonException)?.Path);
            error = Expected.TryGetValue(field, out var expected)
                ? $"'{Expected.Keys.First(k => k.Equals(field, StringComparison.OrdinalIgnoreCase))}' must be {expected}"
                : "the setup has a value of the wrong kind: see the fields the page sends";
            return null;
        }
    }

    /// <summary>An upload: <c>{"csv": "…", "fileName": "…", "setup": {…}, "x": …, "y": …, "label": …}</c>.</summary>
    public static (string Csv, string File, string? X, string? Y, string? Label, PlaygroundSetup Setup)? Upload(JsonNode? node, out string? error)
    {
        error = null;
        if (node is not JsonObject o) { error = "the upload must be a JSON object with the CSV text as \"csv\""; return null; }
        string? Text(string key, out bool bad)
        {
            bad = false;
            var value = o.FirstOrDefault(p => p.Key.Equals(key, StringComparison.OrdinalIgnoreCase)).Value;
            if (value is null) return null;
            if (value is JsonValue v && v.TryGetValue(out string? s)) return s;
            bad = true;
            return null;
        }
        string? csv = Text("csv", out bool badCsv), file = Text("fileName", out bool badFile);
        string? x = Text("x", out bool badX), y = Text("y", out bool badY), label = Text("label", out bool badLabel);
        if (csv is null) { error = badCsv ? "'csv' must be the CSV file's text" : "no CSV was sent: choose a CSV file"; return null; }
        if (badFile || badX || badY || badLabel) { error = "'fileName', 'x', 'y' and 'label' must be text (column names)"; return null; }
        if (System.Text.Encoding.UTF8.GetByteCount(csv) > PlaygroundServer.MaxUpload)
        {
            error = $"the upload is over {PlaygroundServer.MaxUpload / 1024} KiB";
            return null;
        }
        file = string.IsNullOrWhiteSpace(file) ? "the CSV" : PlaygroundGuard.OneLine(file);
        if (csv.Any(c => c == '\0' || c == '\uFFFD')) { error = $"{file} is not text: upload a CSV file"; return null; }
        var setupNode = o.FirstOrDefault(p => p.Key.Equals("setup", StringComparison.OrdinalIgnoreCase)).Value;
        if (Setup(setupNode, out error, optional: true) is not PlaygroundSetup setup) return null;
        return (csv, file, x, y, label, setup with { DataSet = "upload" });
    }

    /// <summary>The top-level field a JSON path such as <c>$.layers[0]</c> is in.</summary>
    private static string Field(string? path)
    {
        if (string.IsNullOrEmpty(path) || !path.StartsWith("$.", StringComparison.Ordinal)) return "";
        string rest = path[2..];
        int end = rest.IndexOfAny(['.', '[']);
        return end < 0 ? rest : rest[..end];
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using Backprop.Data;
using Backprop.Data.Csv;
using Backprop.Diagnostics;
using Backprop.Estimators.Attribution;
using Backprop.Estimators.Preparation;

namespace Backprop.Cli.Commands;

/// <summary>What <c>backprop attribute</c> reads, prints and writes: the table, a row's attributions, a file's importance.</summary>
internal static class AttributionTables
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The whole of <paramref name="path"/>, read with the model's categorical columns, its columns checked against the model.</summary>
    public static CsvTable Read(Estimators.Model model, string path, CsvReadOptions csv)
    {
        if (ArrayData.Is(path))
            throw new BackpropException("attribute reads a table (CSV or Parquet) of named columns; images and MAT-files have none", path);
        var (_, reader) = ModelData.OpenTable(model.Document, path, [], csv, TableInput.Open);
        using (reader) return reader.ReadBlock(int.MaxValue) ?? throw new DataFormatException("the file has no rows", path);
    }

    /// <summary>"csv" or "json" from the output's extension; null for another.</summary>
    public static string? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".csv" => "csv",
        ".json" => "json",
        _ => null,
    };

    /// <summary>How the numbers were computed, in words.</summary>
    public static string Describe(AttributionOptions o) => o.Method switch
    {
        AttributionMethod.Gradient => "gradient ∂y/∂x",
        AttributionMethod.GradientTimesInput => $"gradient × (x − x₀), x₀ the {Baseline(o)} row",
        _ => $"integrated gradients from the {Baseline(o)} row, {o.Steps:N0} steps",
    };

    private static string Baseline(AttributionOptions o) => o.Baseline == AttributionBaseline.Mean ? "mean" : "zeros";

    private static string F(double v) => v.ToString("0.0000", Invariant);

    /// <summary>One row: a line per column (value, baseline, contribution to each output), then y(x), y(x₀) and the gap.</summary>
    public static string RowText(RowAttributions a, int row)
    {
        var text = new StringBuilder($"row {row:N0}: {Describe(a.Options)}\n");
        var lines = new List<string[]> { new[] { "column", "value", "baseline" }.Concat(a.Outputs).ToArray() };
        for (int c = 0; c < a.Columns.Count; c++)
            lines.Add([a.Columns[c], a.Value(0, c), a.BaselineValues[c], .. Enumerable.Range(0, a.Outputs.Count).Select(o => F(a[0, o, c]))]);
        lines.Add(["sum", "", "", .. Enumerable.Range(0, a.Outputs.Count).Select(o => F(a.Sum(0, o)))]);
        lines.Add(["y(x)", "", "", .. Enumerable.Range(0, a.Outputs.Count).Select(o => F(a.Output(0, o)))]);
        if (a.Options.Method != AttributionMethod.Gradient)
        {
            lines.Add(["y(x₀)", "", "", .. Enumerable.Range(0, a.Outputs.Count).Select(o => F(a.BaselineOutputs[o]))]);
            if (a.Options.Method == AttributionMethod.IntegratedGradients)
                lines.Add(["gap", "", "", .. Enumerable.Range(0, a.Outputs.Count).Select(o => a.Gap(0, o).ToString("0.0e+0", Invariant))]);
        }
        text.Append(Aligned(lines));
        if (a.Options.Method == AttributionMethod.IntegratedGradients)
            text.Append("gap: sum − (y(x) − y(x₀)), the error of the integral (more --steps make it smaller)\n");
        return text.ToString();
    }

    /// <summary>The file's importance: a line per column, most important first.</summary>
    public static string ImportanceText(ColumnImportance importance)
    {
        var a = importance.Attributions;
        var text = new StringBuilder($"importance of each column over {a.Rows.Count:N0} rows: mean |{Describe(a.Options)}|, summed over " +
            $"{string.Join(", ", a.Outputs)}");
        text.Append(importance.Metric is { } metric
            ? $"; permutation importance: the drop in {metric} ({F(importance.Score)} as it is) when the column is shuffled, " +
              $"{a.Options.Repeats:N0} times from seed {a.Options.Seed}\n"
            : "; no permutation importance: the file has no target column\n");
        var lines = new List<string[]>
        {
            importance.Metric is null ? ["column", "mean |attribution|"] : ["column", "mean |attribution|", "drop", "± sd"],
        };
        foreach (int c in Order(importance))
            lines.Add(importance.PermutationDrop is { } drop
                ? [importance.Columns[c], F(importance.MeanAbsoluteAttribution[c]), F(drop[c]), F(importance.PermutationSpread![c])]
                : [importance.Columns[c], F(importance.MeanAbsoluteAttribution[c])]);
        text.Append(Aligned(lines));
        if (a.Options.Method == AttributionMethod.IntegratedGradients)
            text.Append($"largest completeness gap over the rows and outputs: {a.LargestGap.ToString("0.0e+0", Invariant)}\n");
        return text.ToString();
    }

    /// <summary>The columns, most important (by mean |attribution|) first.</summary>
    public static IEnumerable<int> Order(ColumnImportance importance) =>
        Enumerable.Range(0, importance.Columns.Count).OrderByDescending(c => importance.MeanAbsoluteAttribution[c]);

    /// <summary>One row as CSV (column, value, baseline, one column per output) or JSON.</summary>
    public static string RowFile(RowAttributions a, int row, string format)
    {
        if (format == "csv")
        {
            var csv = new StringBuilder(string.Join(",", new[] { "column", "value", "baseline" }.Concat(a.Outputs).Select(Csv)) + "\n");
            for (int c = 0; c < a.Columns.Count; c++)
                csv.Append(string.Join(",", new[] { Csv(a.Columns[c]), Csv(a.Value(0, c)), Csv(a.BaselineValues[c]) }
                    .Concat(Enumerable.Range(0, a.Outputs.Count).Select(o => R(a[0, o, c]))))).Append('\n');
            return csv.ToString();
        }
        return Json(w =>
        {
            w.WriteNumber("row", row);
            Options(w, a.Options);
            w.WriteStartArray("columns");
            for (int c = 0; c < a.Columns.Count; c++)
            {
                w.WriteStartObject();
                w.WriteString("column", a.Columns[c]);
                w.WriteString("value", a.Value(0, c));
                w.WriteString("baseline", a.BaselineValues[c]);
                w.WriteStartObject("attribution");
                for (int o = 0; o < a.Outputs.Count; o++) w.WriteNumber(a.Outputs[o], a[0, o, c]);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("outputs");
            for (int o = 0; o < a.Outputs.Count; o++)
            {
                w.WriteStartObject();
                w.WriteString("output", a.Outputs[o]);
                w.WriteNumber("prediction", a.Output(0, o));
                w.WriteNumber("baselinePrediction", a.BaselineOutputs[o]);
                w.WriteNumber("sum", a.Sum(0, o));
                w.WriteNumber("gap", a.Gap(0, o));
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });
    }

    /// <summary>The file's importance as CSV (a row per column) or JSON.</summary>
    public static string ImportanceFile(ColumnImportance importance, string format)
    {
        if (format == "csv")
        {
            var csv = new StringBuilder("column,mean_abs_attribution,permutation_drop,permutation_sd\n");
            foreach (int c in Order(importance))
                csv.Append(Csv(importance.Columns[c])).Append(',').Append(R(importance.MeanAbsoluteAttribution[c])).Append(',')
                    .Append(importance.PermutationDrop is { } d ? R(d[c]) : "").Append(',')
                    .Append(importance.PermutationSpread is { } s ? R(s[c]) : "").Append('\n');
            return csv.ToString();
        }
        return Json(w =>
        {
            w.WriteNumber("rows", importance.Attributions.Rows.Count);
            Options(w, importance.Attributions.Options);
            if (importance.Metric is { } metric) { w.WriteString("metric", metric); w.WriteNumber("score", importance.Score); }
            if (importance.Attributions.Options.Method == AttributionMethod.IntegratedGradients)
                w.WriteNumber("largestGap", importance.Attributions.LargestGap);
            w.WriteStartArray("columns");
            foreach (int c in Order(importance))
            {
                w.WriteStartObject();
                w.WriteString("column", importance.Columns[c]);
                w.WriteNumber("meanAbsAttribution", importance.MeanAbsoluteAttribution[c]);
                if (importance.PermutationDrop is { } d)
                {
                    w.WriteNumber("permutationDrop", d[c]);
                    w.WriteNumber("permutationSd", importance.PermutationSpread![c]);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });
    }

    private static void Options(Utf8JsonWriter w, AttributionOptions o)
    {
        w.WriteString("method", o.Method switch
        {
            AttributionMethod.Gradient => "gradient",
            AttributionMethod.GradientTimesInput => "gradient-x-input",
            _ => "integrated-gradients",
        });
        w.WriteString("baseline", Baseline(o));
        if (o.Method == AttributionMethod.IntegratedGradients) w.WriteNumber("steps", o.Steps);
    }

    private static string Json(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static string R(double v) => v.ToString("R", Invariant);

    private static string Csv(string text) => text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : $"\"{text.Replace("\"", "\"\"")}\"";

    private static string Aligned(List<string[]> lines)
    {
        int columns = lines.Max(l => l.Length);
        var widths = Enumerable.Range(0, columns).Select(k => lines.Max(l => k < l.Length ? l[k].Length : 0)).ToArray();
        var text = new StringBuilder();
        foreach (var line in lines)
            text.Append(string.Join("  ", line.Select((cell, k) => k == 0 ? cell.PadRight(widths[k]) : cell.PadLeft(widths[k]))).TrimEnd())
                .Append('\n');
        return text.ToString();
    }
}

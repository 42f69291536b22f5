using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Backprop.Diagnostics;

namespace Backprop.ModelSelection;

/// <summary>
/// One finished combination as a line of a search's progress file, and that line read back strictly: the combination
/// this search has at that index, every measure once with one value per fold, each value one the measure can have
/// (accuracy and F1 within [0, 1], R² at most 1, the losses and errors at least 0, all finite) or <c>null</c> for every
/// value of a diverged combination. Each line ends with a check of its own text (<c>"check"</c>: the first 16 hex digits
/// of its SHA-256), so a flipped bit or an edited number is found even where the value is one a measure can have.
/// </summary>
internal static class ProgressEntry
{
    /// <summary>The line of <paramref name="entry"/>; the scores of a diverged combination (not numbers) are <c>null</c>.</summary>
    public static string Line(SearchEntry entry)
    {
        var scores = new JsonObject();
        foreach (var (metric, values) in entry.Scores)
            scores[metric] = new JsonArray(values.Select(v => double.IsFinite(v) ? JsonValue.Create(v) : null).ToArray<JsonNode?>());
        string body = new JsonObject
        {
            ["index"] = entry.Index,
            ["combination"] = SearchSpace.Describe(entry.Combination),
            ["scores"] = scores,
        }.ToJsonString();
        return $"{body[..^1]}{CheckField}{Check(body)}\"}}";
    }

    private const string CheckField = ",\"check\":\"";

    private static string Check(string body) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..16];

    /// <summary>Whether <paramref name="text"/>, a whole line, ends with the check of the rest of it.</summary>
    public static bool Checked(string text)
    {
        int at = text.LastIndexOf(CheckField, StringComparison.Ordinal);
        if (at < 0 || at + CheckField.Length > text.Length - 2 || !text.EndsWith("\"}", StringComparison.Ordinal)) return false;
        return text[(at + CheckField.Length)..^2] == Check(text[..at] + "}");
    }

    /// <summary>The entry line <paramref name="line"/> records.</summary>
    /// <exception cref="BackpropException">The line is not one this search writes; the message names the field.</exception>
    public static SearchEntry Read(string text, JsonNode? node, IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> combinations,
        IReadOnlyList<string> metrics, int values, int line, string path)
    {
        if (node is not JsonObject entry) throw SearchProgress.Damaged(line, "is not an object", path);
        if (entry["index"] is not JsonValue indexValue || !indexValue.TryGetValue(out int index) || index < 0 || index >= combinations.Count)
            throw SearchProgress.Damaged(line, $"has no index of a combination (0 to {combinations.Count - 1}) in \"index\"", path);
        if (entry["combination"] is not JsonValue described || !described.TryGetValue(out string? named)
            || named != SearchSpace.Describe(combinations[index]))
            throw new BackpropException($"line {line} names a combination this search does not have at index {index}", path);
        if (entry["scores"] is not JsonObject scores) throw SearchProgress.Damaged(line, "has no \"scores\" object", path);
        if (scores.Select(p => p.Key).FirstOrDefault(k => !metrics.Contains(k)) is string unknown)
            throw SearchProgress.Damaged(line, $"has a score 'scores.{unknown}' this search does not measure", path);
        var read = new Dictionary<string, double[]>();
        foreach (string metric in metrics)
        {
            if (scores[metric] is not JsonArray array || array.Count != values)
                throw SearchProgress.Damaged(line, $"has no 'scores.{metric}' of {values} value{(values == 1 ? "" : "s")}", path);
            read[metric] = array.Select((v, i) => Value(v, metric, i, line, path)).ToArray();
        }
        int missing = read.Values.Sum(v => v.Count(double.IsNaN));
        if (missing > 0 && missing < metrics.Count * values)
            throw SearchProgress.Damaged(line, "has some scores null and others not (a diverged combination has every score null)", path);
        // Checked last, so that an impossible value is named as such rather than as a mismatch.
        if (!Checked(text)) throw SearchProgress.Damaged(line, "does not match its \"check\" (edited or damaged)", path);
        return new SearchEntry(index, combinations[index], read);
    }

    private static double Value(JsonNode? node, string metric, int fold, int line, string path)
    {
        string field = $"scores.{metric}[{fold}]";
        if (node is null) return double.NaN; // a diverged combination
        if (node is not JsonValue value || !value.TryGetValue(out double v))
            throw SearchProgress.Damaged(line, $"has {field} that is not a number", path);
        string? impossible = metric switch
        {
            _ when !double.IsFinite(v) => "a score is finite",
            "accuracy" or "f1_macro" when v is < 0 or > 1 => $"{metric} lies within [0, 1]",
            "r2" when v > 1 => "R² is at most 1",
            "log_loss" or "rmse" or "mae" when v < 0 => $"{metric} is at least 0",
            _ => null,
        };
        if (impossible is not null)
        {
            string written = v.ToString("R", CultureInfo.InvariantCulture);
            throw SearchProgress.Damaged(line, $"has {field} = {written}, which no search measures ({impossible})", path);
        }
        return v;
    }
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Backprop.Diagnostics;

namespace Backprop.ModelSelection;

/// <summary>
/// The progress file of a search (JSON Lines): a first line naming the search (its data, target, settings, folds and
/// combinations), then one line per finished combination with its scores, written and flushed as each finishes. A
/// search run again with the same arguments reads it back and runs only the combinations not in it; a last line cut
/// short by a kill is ignored.
/// </summary>
public sealed class SearchProgress : IDisposable
{
    private readonly FileStream _file;

    private SearchProgress(FileStream file, IReadOnlyList<SearchEntry> done) => (_file, Done) = (file, done);

    /// <summary>The combinations already finished, read back from the file.</summary>
    public IReadOnlyList<SearchEntry> Done { get; }

    /// <summary>
    /// Opens <paramref name="path"/> for the search named <paramref name="signature"/>: a new file when there is none,
    /// else the file of the same search, whose finished combinations are read back.
    /// </summary>
    /// <exception cref="BackpropException">The file belongs to another search, or is not a progress file.</exception>
    public static SearchProgress Open(string path, string signature, IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> combinations)
    {
        var done = new List<SearchEntry>();
        long keep = 0;
        if (File.Exists(path))
        {
            var bytes = File.ReadAllBytes(path);
            int start = 0, line = 0;
            while (start < bytes.Length)
            {
                int end = Array.IndexOf(bytes, (byte)'\n', start);
                if (end < 0) break; // a line cut short: written again
                string text = Encoding.UTF8.GetString(bytes, start, end - start);
                line++;
                JsonNode? node;
                try { node = JsonNode.Parse(text); }
                catch (JsonException) { throw new BackpropException($"line {line} is not JSON: this is not a search's progress file (delete it, or give another {Setting.ProgressPath})", path); }
                if (line == 1)
                {
                    if (node?["search"]?.ToJsonString() != JsonNode.Parse(signature)!.ToJsonString())
                        throw new BackpropException("the progress file is of another search (other data, settings, folds or combinations): run that search again to continue it, or delete the file to start this one", path);
                }
                else done.Add(Entry(node!, combinations, path, line));
                keep = end + 1;
                start = end + 1;
            }
        }
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
        file.SetLength(keep);
        file.Position = keep;
        var progress = new SearchProgress(file, done);
        if (keep == 0) progress.Write($"{{\"search\":{signature}}}");
        return progress;
    }

    /// <summary>Adds a finished combination, flushed to the disk.</summary>
    public void Add(SearchEntry entry)
    {
        var scores = new JsonObject();
        foreach (var (metric, values) in entry.Scores) scores[metric] = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        var line = new JsonObject
        {
            ["index"] = entry.Index,
            ["combination"] = SearchSpace.Describe(entry.Combination),
            ["scores"] = scores,
        };
        Write(line.ToJsonString());
    }

    private void Write(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        _file.Write(bytes);
        _file.Flush(flushToDisk: true);
    }

    private static SearchEntry Entry(JsonNode node, IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> combinations, string path, int line)
    {
        try
        {
            int index = node["index"]!.GetValue<int>();
            if (index < 0 || index >= combinations.Count || node["combination"]!.GetValue<string>() != SearchSpace.Describe(combinations[index]))
                throw new BackpropException($"line {line} names a combination this search does not have", path);
            var scores = node["scores"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.AsArray().Select(v => v!.GetValue<double>()).ToArray());
            return new SearchEntry(index, combinations[index], scores);
        }
        catch (Exception e) when (e is InvalidOperationException or NullReferenceException or FormatException or KeyNotFoundException)
        {
            throw new BackpropException($"line {line} is not a finished combination of a search ({e.Message})", path);
        }
    }

    /// <summary>Closes the file.</summary>
    public void Dispose() => _file.Dispose();
}

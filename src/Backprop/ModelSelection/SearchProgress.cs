using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Backprop.Diagnostics;
using Backprop.Serialization;

namespace Backprop.ModelSelection;

/// <summary>
/// The progress file of a search (JSON Lines): a first line naming the search (its data with a fingerprint of the
/// file's content, target, settings, folds and combinations), then one line per finished combination with its scores,
/// written and flushed as each finishes. A search run again with the same arguments on the same data reads it back
/// and runs only the combinations not in it; a last line cut short by a kill is ignored. A file of another search, or
/// one whose lines are not what a search writes (a score no measure can have, a combination twice), is refused.
/// </summary>
internal sealed class SearchProgress : IDisposable
{
    /// <summary>The largest progress file read back: a search of the most combinations writes far less.</summary>
    private const long MostBytes = 64L << 20;

    private readonly FileStream _file;
    private readonly string _path;

    private SearchProgress(FileStream file, string path, IReadOnlyList<SearchEntry> done, bool created) =>
        (_file, _path, Done, Created) = (file, path, done, created);

    /// <summary>The combinations already finished, read back from the file.</summary>
    public IReadOnlyList<SearchEntry> Done { get; }

    /// <summary>Whether this search started the file (there was none, or one that held no finished combination).</summary>
    public bool Created { get; }

    /// <summary>
    /// Opens <paramref name="path"/> for the search named <paramref name="signature"/>: a new file when there is none (or
    /// one that holds only another search's first line), else the file of the same search, whose finished combinations
    /// are read back, each with one value per fold (<paramref name="values"/>) of every measure in <paramref name="metrics"/>.
    /// </summary>
    /// <exception cref="BackpropException">The file belongs to another search, or is damaged (the message names the line and the field).</exception>
    public static SearchProgress Open(string path, string signature, IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> combinations,
        IReadOnlyList<string> metrics, int values)
    {
        var done = new List<SearchEntry>();
        long keep = 0;
        if (File.Exists(path) || FileIdentity.Of(path) is not null)
        {
            if (FileIdentity.Of(path) is { Kind: not FileKind.Regular })
                throw new BackpropException($"is not a regular file, so it cannot be a search's progress file (give another {Setting.ProgressPath})",
                    path);
            if (new FileInfo(path).Length > MostBytes)
            {
                string size = new FileInfo(path).Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
                throw new BackpropException($"holds {size} bytes, more than a search's progress file "
                    + $"(delete it, or give another {Setting.ProgressPath})", path);
            }
            keep = Read(File.ReadAllBytes(path), signature, combinations, metrics, values, path, done);
        }
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
        file.SetLength(keep);
        file.Position = keep;
        var progress = new SearchProgress(file, path, done, created: keep == 0);
        if (keep == 0) progress.Write($"{{\"search\":{signature}}}");
        return progress;
    }

    /// <summary>Reads the lines of a progress file into <paramref name="done"/>; returns how many bytes to keep (0: start afresh).</summary>
    private static long Read(byte[] bytes, string signature, IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> combinations,
        IReadOnlyList<string> metrics, int values, string path, List<SearchEntry> done)
    {
        long keep = 0;
        int start = 0, line = 0;
        string? mismatch = null;
        while (start < bytes.Length)
        {
            int end = Array.IndexOf(bytes, (byte)'\n', start);
            if (end < 0) break; // a line cut short: written again
            line++;
            string text = Encoding.UTF8.GetString(bytes, start, end - start);
            JsonNode? node;
            try { node = JsonNode.Parse(text); }
            catch (JsonException) { throw Damaged(line, "is not JSON", path); }
            if (line == 1) mismatch = Mismatch(node, signature, path);
            else if (mismatch is not null) throw new BackpropException(mismatch, path);
            else
            {
                var entry = ProgressEntry.Read(text, node, combinations, metrics, values, line, path);
                if (done.Any(d => d.Index == entry.Index)) throw Damaged(line, $"records combination {entry.Index} a second time", path);
                done.Add(entry);
            }
            keep = end + 1;
            start = end + 1;
        }
        return mismatch is null ? keep : 0; // another search's first line alone: nothing finished to keep
    }

    /// <summary>Null when <paramref name="header"/> names this search; otherwise the refusal, naming what differs.</summary>
    private static string? Mismatch(JsonNode? header, string signature, string path)
    {
        if (header is not JsonObject { } first || first["search"] is not JsonObject saved)
            throw Damaged(1, "does not name a search (\"search\" is missing): this is not a search's progress file", path);
        var now = JsonNode.Parse(signature)!.AsObject();
        string? key = now.Select(p => p.Key).Concat(saved.Select(p => p.Key))
            .FirstOrDefault(k => saved[k]?.ToJsonString() != now[k]?.ToJsonString());
        return key switch
        {
            null => null,
            "fingerprint" or "rows" => "the progress file was written for other contents of the data file (it has changed since): "
                + "its scores do not hold for this data; delete the file to search the data as it is now",
            _ => $"the progress file is of another search ({What(key)}): run that search again to continue it, or delete the file to start this one",
        };
    }

    private static string What(string key) => key switch
    {
        "data" => "another data file",
        "target" or "estimator" => "another target",
        "folds" or "foldSeed" => "other folds",
        "scoring" => "another scoring",
        "combinations" => "other combinations",
        "options" => "other settings",
        _ => $"other {key}",
    };

    /// <summary>The refusal of a damaged line: names the line and what is wrong with it.</summary>
    internal static BackpropException Damaged(int line, string problem, string path) =>
        new($"line {line} {problem}: the progress file is damaged (delete it to start the search afresh)", path);

    /// <summary>Adds a finished combination, flushed to the disk; a diverged combination's scores are <c>null</c>.</summary>
    public void Add(SearchEntry entry) => Write(ProgressEntry.Line(entry));

    private void Write(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        _file.Write(bytes);
        _file.Flush(flushToDisk: true);
    }

    /// <summary>Closes the file and removes it: the search it recorded was refused or failed, and must not block the next one.</summary>
    public void Discard()
    {
        _file.Dispose();
        try { File.Delete(_path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // the refusal that brought us here says more
    }

    /// <summary>Closes the file.</summary>
    public void Dispose() => _file.Dispose();
}

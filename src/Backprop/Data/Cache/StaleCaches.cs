using System.Globalization;
using System.Text.RegularExpressions;

namespace Backprop.Data.Cache;

/// <summary>
/// Row caches left behind by processes that ended without deleting them (killed: SIGKILL, a power cut, an out-of-memory
/// kill), found and removed by a later run. A cache that <see cref="Estimators.Preparation.RowStorage"/> names carries its owner
/// (<c>MODEL.json.PID-START-MACHINE.rows</c>, <see cref="CacheOwner"/>); a file is removed only when all of these hold:
/// its name has that form, it begins as a row cache does (<c>BPROWS01</c>) or is empty (a run killed between creating
/// and reserving the file and writing its header: its length is 0 however much is reserved), it was not kept on purpose
/// (<c>--keep-cache</c> marks a cache kept when its run ends: <see cref="MarkKept"/>), and its owner was of this machine
/// and has surely ended. The empty probe a run creates beside its cache to check the folder
/// (<c>.NAME.PID-START-MACHINE.rows.GUID.probe</c>) goes by the same rule. Any other file, a live process's cache, and a
/// cache of another machine stay.
/// </summary>
internal static partial class StaleCaches
{
    /// <summary>The header byte that is 1 in a cache kept on purpose, 0 otherwise (the header's bytes 32 to 63 were zero before).</summary>
    internal const int KeptOffset = 32;

    [GeneratedRegex(@"\.(?<id>[0-9]{1,10})-(?<start>[0-9]{1,19})-(?<machine>[0-9a-f]{8})\.rows(?<probe>\.[0-9a-f]{32}\.probe)?\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex OwnedName();

    /// <summary>The cache file for a model written to <paramref name="model"/> (a file name), in <paramref name="folder"/>, owned by this
    /// process.</summary>
    public static string PathFor(string folder, string model) => Path.Combine(folder, $"{model}.{CacheOwner.Current.Tag}.rows");

    /// <summary>Removes the stale caches in <paramref name="folder"/> (not its subfolders); returns the files removed.</summary>
    /// <remarks>A file that cannot be read or removed (permissions, removed meanwhile by another run) is left as it is, silently.</remarks>
    public static IReadOnlyList<string> Remove(string folder)
    {
        var removed = new List<string>();
        IEnumerable<string> files;
        try
        {
            var hidden = new EnumerationOptions { AttributesToSkip = 0, RecurseSubdirectories = false };
            files = [.. Directory.EnumerateFiles(folder, "*.rows", hidden), .. Directory.EnumerateFiles(folder, ".*.rows.*.probe", hidden)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return removed; }
        foreach (string file in files)
        {
            if (!IsStale(file)) continue;
            try
            {
                File.Delete(file);
                removed.Add(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return removed;
    }

    /// <summary>Marks the cache at <paramref name="path"/> kept on purpose, so that no later run removes it; false when it could not be
    /// written.</summary>
    public static bool MarkKept(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
            if (!IsCache(stream)) return false;
            stream.Position = KeptOffset;
            stream.WriteByte(1);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    private static bool IsStale(string file)
    {
        var match = OwnedName().Match(Path.GetFileName(file));
        if (!match.Success
            || !int.TryParse(match.Groups["id"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out int id)
            || !long.TryParse(match.Groups["start"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out long start))
            return false;
        if (new CacheOwner(id, start, match.Groups["machine"].Value).MayBeRunning()) return false;
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            // Empty: nothing to lose, whatever the disk holds reserved for it (the header is the first thing written).
            if (stream.Length == 0) return true;
            if (match.Groups["probe"].Success || !IsCache(stream)) return false;
            stream.Position = KeptOffset;
            return stream.ReadByte() == 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    /// <summary>True when <paramref name="stream"/> is long enough for a header and begins with the magic.</summary>
    private static bool IsCache(FileStream stream)
    {
        if (stream.Length < RowCache<float>.HeaderBytes) return false;
        Span<byte> magic = stackalloc byte[8];
        return stream.ReadAtLeast(magic, 8, throwOnEndOfStream: false) == 8 && magic.SequenceEqual(RowCache<float>.Magic);
    }
}

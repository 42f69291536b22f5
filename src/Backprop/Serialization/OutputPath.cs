using Backprop.Diagnostics;

namespace Backprop.Serialization;

/// <summary>
/// Where an output goes, and whether it is one of the inputs. Two paths are one file when they lead to the same
/// device and inode (following symbolic links and hard links; on Linux), or else when their full paths agree once
/// every symbolic link on the way, folders included, is followed. Devices, FIFOs and <c>-</c> (standard output or
/// input) are streams, never the same file as anything.
/// </summary>
internal static class OutputPath
{
    /// <summary>The name that means standard output (for an output) or standard input (for an input).</summary>
    public const string Standard = "-";

    private const int MostLinks = 40;

    private static StringComparison Comparison =>
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>
    /// The full path of the file <paramref name="path"/> finally leads to: relative parts made absolute, every symbolic
    /// link on the way followed (a link to a link too, up to 40). The file itself need not exist.
    /// </summary>
    public static string Resolve(string path) => Resolve(Path.GetFullPath(path), 0);

    private static string Resolve(string full, int depth)
    {
        string root = Path.GetPathRoot(full) ?? "";
        string current = root;
        foreach (string part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            string? target;
            try { target = new FileInfo(current).LinkTarget; }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { target = null; }
            if (target is null) continue;
            if (depth >= MostLinks) return full; // a loop of links: leave the path as given
            current = Resolve(Path.GetFullPath(target, Path.GetDirectoryName(current) ?? root), depth + 1);
        }
        return current;
    }

    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> are one regular file (or would be, once written).</summary>
    public static bool SameFile(string a, string b)
    {
        if (a == Standard || b == Standard) return false;
        var (x, y) = (FileIdentity.Of(a), FileIdentity.Of(b));
        if (x?.Kind == FileKind.Special || y?.Kind == FileKind.Special) return false;
        if (x is { } first && y is { } second) return first == second;
        if (FileIdentity.IsSpecial(a) || FileIdentity.IsSpecial(b)) return false;
        return string.Equals(Resolve(a), Resolve(b), Comparison);
    }

    /// <summary>
    /// Refuses, before any work is done, an output that is one of the inputs or another output:
    /// <c>--out d.csv is the --data file; choose another output</c>. Entries whose path is null are skipped.
    /// </summary>
    /// <param name="outputs">Each output: the option that names it and its path.</param>
    /// <param name="inputs">Each input: the option that names it (e.g. <c>--data</c>) and its path.</param>
    /// <exception cref="BackpropException">An output is an input, or two outputs are one file.</exception>
    public static void EnsureDistinct(IEnumerable<(string Option, string? Path)> outputs, IEnumerable<(string Option, string? Path)> inputs)
    {
        var written = outputs.Where(o => o.Path is not null).ToList();
        var read = inputs.Where(i => i.Path is not null).ToList();
        for (int o = 0; o < written.Count; o++)
        {
            var (option, path) = written[o];
            foreach (var (inputOption, input) in read)
                if (SameFile(path!, input!))
                    throw new BackpropException($"{option} {path} is the {inputOption} file; choose another output");
            for (int earlier = 0; earlier < o; earlier++)
                if (SameFile(path!, written[earlier].Path!))
                    throw new BackpropException($"{option} {path} is the {written[earlier].Option} file; choose another output");
        }
    }
}

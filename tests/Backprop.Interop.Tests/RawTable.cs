namespace Backprop.Interop.Tests;

/// <summary>A plain comma-separated file (no quoted fields) read as text: the rows the graph is fed.</summary>
internal sealed record RawTable(string[] Header, IReadOnlyList<string[]> Rows)
{
    public static RawTable Read(string path) => Parse(File.ReadAllText(path));

    public static RawTable Parse(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();
        return new RawTable(lines[0].Split(','), lines.Skip(1).Select(l => l.Split(',')).ToList());
    }

    public int Column(string name) => Array.IndexOf(Header, name) is >= 0 and var i ? i : throw new ArgumentException($"no column {name}");
}

using System.Text;

namespace Backprop.Onnx;

/// <summary>
/// A name from an ONNX file as an error message shows it: in quotes, its control characters escaped (an escape
/// sequence in a node name must not retitle or clear the terminal) and cut after <see cref="Length"/> characters with "…".
/// </summary>
internal static class Quoted
{
    /// <summary>The length a name is cut to.</summary>
    public const int Length = 80;

    /// <summary><paramref name="name"/> as <c>'name'</c>, safe to print.</summary>
    public static string Name(string? name)
    {
        name ??= "";
        var shown = new StringBuilder(Math.Min(name.Length, Length) + 4).Append('\'');
        int end = Math.Min(name.Length, Length);
        if (end < name.Length && char.IsHighSurrogate(name[end - 1])) end--;
        foreach (char c in name.AsSpan(0, end))
        {
            if (!IsControl(c)) shown.Append(c);
            else
            {
                shown.Append(c switch
                {
                    '\u001b' => "\\e", '\t' => "\\t", '\n' => "\\n", '\r' => "\\r",
                    < '\u0080' => $"\\x{(int)c:x2}", _ => $"\\u{(int)c:x4}",
                });
            }
        }
        return shown.Append(end < name.Length ? "…'" : "'").ToString();
    }

    /// <summary>Names joined by ", ", each quoted, at most <paramref name="most"/> of them.</summary>
    public static string List(IEnumerable<string> names, int most = 10)
    {
        var all = names.Take(most + 1).ToList();
        return string.Join(", ", all.Take(most).Select(Name)) + (all.Count > most ? ", …" : "");
    }

    private static bool IsControl(char c) =>
        c < 0x20 || c is >= '\u007f' and <= '\u009f' || c is '\u2028' or '\u2029'
        || c is >= '\u202a' and <= '\u202e' || c is >= '\u2066' and <= '\u2069';
}

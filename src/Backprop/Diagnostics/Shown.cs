using System.Text;

namespace Backprop.Diagnostics;

/// <summary>
/// Text from a file made safe to print in a message: every control character escaped (C0 as <c>\e</c>, <c>\t</c>,
/// <c>\x07</c>…, DEL as <c>\x7f</c>, C1 as <c>\u009b</c>, and the Unicode line separators and direction overrides as
/// <c>\u2028</c>, <c>\u202e</c>…), so that nothing a file holds reaches a terminal raw (an escape sequence would retitle
/// or clear it), and cut to a readable length with "…".
/// </summary>
internal static class Shown
{
    /// <summary>The length a quoted value is cut to.</summary>
    public const int ValueLength = 100;

    /// <summary>The length a whole message line is cut to.</summary>
    public const int LineLength = 2000;

    /// <summary>A value quoted from input (a cell, a name, a field): escaped, and cut to <see cref="ValueLength"/> characters.</summary>
    public static string Value(string? text) => Escape(text ?? "", ValueLength);

    /// <summary>A whole message line: escaped, and cut to <see cref="LineLength"/> characters (the final safety net before a terminal).</summary>
    public static string Line(string? text) => Escape(text ?? "", LineLength);

    /// <summary>True when <paramref name="c"/> would be escaped.</summary>
    public static bool IsControl(char c) =>
        c < 0x20 || c is >= '\u007f' and <= '\u009f' || c is '\u2028' or '\u2029'
        || c is >= '\u202a' and <= '\u202e' || c is >= '\u2066' and <= '\u2069';

    /// <summary><paramref name="text"/> with its control characters escaped, cut after <paramref name="limit"/> characters of the original.</summary>
    public static string Escape(string text, int limit)
    {
        bool clean = text.Length <= limit;
        for (int i = 0; i < text.Length && clean; i++) clean = !IsControl(text[i]);
        if (clean) return text;
        var shown = new StringBuilder(Math.Min(text.Length, limit) + 8);
        int end = Math.Min(text.Length, limit);
        if (end < text.Length && end > 0 && char.IsHighSurrogate(text[end - 1])) end--; // never half a character
        for (int i = 0; i < end; i++)
        {
            char c = text[i];
            if (!IsControl(c)) { shown.Append(c); continue; }
            shown.Append(c switch
            {
                '\u001b' => "\\e",
                '\t' => "\\t",
                '\n' => "\\n",
                '\r' => "\\r",
                < '\u0080' => $"\\x{(int)c:x2}",
                _ => $"\\u{(int)c:x4}",
            });
        }
        if (end < text.Length) shown.Append('…');
        return shown.ToString();
    }
}

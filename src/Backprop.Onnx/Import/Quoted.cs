using Backprop.Diagnostics;

namespace Backprop.Onnx;

/// <summary>
/// A name from an ONNX file as an error message shows it: in quotes, escaped and cut by <see cref="Shown"/> (an escape
/// sequence in a node name must not retitle or clear the terminal), after <see cref="Length"/> characters.
/// </summary>
internal static class Quoted
{
    /// <summary>The length a name is cut to.</summary>
    public const int Length = 80;

    /// <summary><paramref name="name"/> as <c>'name'</c>, safe to print.</summary>
    public static string Name(string? name) => $"'{Shown.Escape(name ?? "", Length)}'";

    /// <summary>Names joined by ", ", each quoted, at most <paramref name="most"/> of them.</summary>
    public static string List(IEnumerable<string> names, int most = 10)
    {
        var all = names.Take(most + 1).ToList();
        return string.Join(", ", all.Take(most).Select(Name)) + (all.Count > most ? ", …" : "");
    }
}

namespace Backprop.Data.Preprocessing;

/// <summary>The spellings of a missing value, as the table readers take them: empty, ?, NA, N/A, NULL, null, #N/A.</summary>
internal static class Gaps
{
    /// <summary>The spellings, as the ONNX export maps them.</summary>
    public static readonly IReadOnlyList<string> Spellings = ["", "?", "NA", "N/A", "NULL", "null", "#N/A"];

    /// <summary>True when <paramref name="text"/> spells a missing value.</summary>
    public static bool IsMissing(string text) => text.Length <= 4 && Spellings.Contains(text);
}

namespace Backprop.Parquet;

/// <summary>A name or value from a Parquet file as a message shows it: quoted, and cut to a readable length.</summary>
internal static class ParquetNames
{
    /// <summary>Characters of a name shown before it is cut.</summary>
    public const int Longest = 60;

    /// <summary><paramref name="name"/> in quotes, its end replaced by "…" past <see cref="Longest"/> characters.</summary>
    public static string Show(string? name)
    {
        name ??= "";
        if (name.Length <= Longest) return $"'{name}'";
        int cut = char.IsHighSurrogate(name[Longest - 2]) ? Longest - 2 : Longest - 1;
        return $"'{name[..cut]}…' ({name.Length} characters)";
    }
}

using Backprop.Data.Csv;
using Backprop.Diagnostics;

namespace Backprop.Data.Preprocessing;

/// <summary>
/// A column that would be taken as text only because its numbers are written with a decimal comma (<c>"-0,6518"</c>,
/// quoted in a comma-separated file): refused with the option that reads them, rather than turned into categories
/// (or a numeric target into as many classes as it has values).
/// </summary>
internal static class DecimalCommas
{
    /// <summary>Refuses column <paramref name="name"/> when every text value it holds is <paramref name="example"/>'s kind.</summary>
    public static void Refuse(string name, string? example, string path)
    {
        if (example is null) return;
        throw new DataFormatException(
            $"column '{Shown.Value(name)}' holds numbers written with a decimal comma (\"{Shown.Value(example)}\"); " +
            $"add {Setting.DecimalSeparator.With(',')} to read them", path);
    }

    /// <inheritdoc cref="Refuse(string, string?, string)"/>
    public static void Refuse(TableColumn column, string path) => Refuse(column.Name, column.DecimalComma, path);
}

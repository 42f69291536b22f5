using Backprop.Data.Csv;

namespace Backprop.Data;

/// <summary>
/// Table file formats by file extension, so that one call reads any table the process knows: CSV is built in (any path
/// no registered format claims, <c>-</c> for standard input among them), and another assembly adds its own, as
/// Backprop.Parquet does with <c>ParquetFormat.Register()</c>. Registering is thread-safe; an extension, once taken,
/// cannot be taken again.
/// </summary>
/// <example><code>
/// TableFormats.Register(".parquet", ParquetTableReader.Open, ParquetTableReader.Read);
/// var table = TableFormats.Read("data.parquet", new CsvReadOptions());
/// </code></example>
public static class TableFormats
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, (Func<string, CsvReadOptions, ITableReader> Open, Func<string, CsvReadOptions, CsvTable> Read)>
        ByExtension = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Registers a format for the files whose name ends in <paramref name="extension"/> (<c>.parquet</c>):
    /// <paramref name="open"/> opens one to be read a block of rows at a time, <paramref name="read"/> reads it whole.
    /// </summary>
    /// <exception cref="ArgumentException">The extension is not a dot and a word, is <c>.csv</c>, or is taken.</exception>
    public static void Register(string extension, Func<string, CsvReadOptions, ITableReader> open, Func<string, CsvReadOptions, CsvTable> read)
    {
        ArgumentNullException.ThrowIfNull(extension);
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(read);
        if (extension.Length < 2 || extension[0] != '.' || !extension[1..].All(char.IsAsciiLetterOrDigit))
            throw new ArgumentException($"'{extension}' is not a file extension such as .parquet", nameof(extension));
        if (extension.Equals(".csv", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException("CSV is built in: any file no other format claims is read as CSV", nameof(extension));
        lock (Gate)
        {
            if (!ByExtension.TryAdd(extension, (open, read)))
                throw new ArgumentException($"a table format for '{extension}' files is registered already", nameof(extension));
        }
    }

    /// <summary>The extensions of the registered formats (CSV, built in, is not among them).</summary>
    public static IReadOnlyList<string> Extensions
    {
        get { lock (Gate) return [.. ByExtension.Keys]; }
    }

    /// <summary>True when a registered format (not CSV) reads <paramref name="path"/>.</summary>
    public static bool IsRegistered(string path) => Find(path) is not null;

    /// <summary>Reads the whole table at <paramref name="path"/>, in its format (CSV unless a registered one claims it).</summary>
    /// <exception cref="Diagnostics.DataFormatException">The file is missing or not a table of its format (the message names the file and the
    /// place).</exception>
    public static CsvTable Read(string path, CsvReadOptions? options = null)
    {
        options ??= new CsvReadOptions();
        return Find(path) is { } format ? format.Read(path, options) : CsvTable.Read(path, options);
    }

    /// <summary>Opens the table at <paramref name="path"/> to be read a block of rows at a time.</summary>
    /// <exception cref="Diagnostics.DataFormatException">As <see cref="Read"/>.</exception>
    public static ITableReader Open(string path, CsvReadOptions? options = null)
    {
        options ??= new CsvReadOptions();
        return Find(path) is { } format ? format.Open(path, options) : CsvTableReader.Open(path, options);
    }

    private static (Func<string, CsvReadOptions, ITableReader> Open, Func<string, CsvReadOptions, CsvTable> Read)? Find(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        lock (Gate)
            foreach (var (extension, format) in ByExtension)
                if (path.EndsWith(extension, StringComparison.OrdinalIgnoreCase)) return format;
        return null;
    }
}

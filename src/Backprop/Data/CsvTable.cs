using Backprop.Data.Csv;
using Backprop.Diagnostics;

namespace Backprop.Data;

/// <summary>
/// A CSV file (or a block of its rows) as read: the header's column names and one typed buffer per column
/// (<see cref="TableColumn"/>), with the line each row starts on for error messages.
/// </summary>
public sealed class CsvTable
{
    private readonly int[] _lines;

    internal CsvTable(string path, IReadOnlyList<string> header, TableColumn[] columns, int[] lines, int rows)
    {
        Path = path;
        Header = header;
        Columns = columns;
        _lines = lines;
        RowCount = rows;
    }

    /// <summary>The file read (<c>stdin</c> for standard input).</summary>
    public string Path { get; }

    /// <summary>Column names from the header row.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The columns, in header order.</summary>
    public IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>Number of data rows.</summary>
    public int RowCount { get; }

    /// <summary>The line in the file where data row <paramref name="row"/> starts (1 is the header).</summary>
    public int Line(int row) => (uint)row < (uint)RowCount ? _lines[row]
        : throw new ArgumentOutOfRangeException(nameof(row), row, $"The table has {RowCount} rows (0 to {RowCount - 1}).");

    /// <summary>The index of column <paramref name="name"/>.</summary>
    /// <exception cref="DataFormatException">There is no such column.</exception>
    public int ColumnIndex(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        for (int c = 0; c < Header.Count; c++)
            if (Header[c] == name) return c;
        throw new DataFormatException($"there is no column '{name}' (the columns are: {string.Join(", ", Header)})", Path);
    }

    /// <summary>"line:column" of a cell, for error messages.</summary>
    internal string Where(int row, int column) => $"{_lines[row]}:{column + 1}";

    /// <summary>
    /// Reads and checks <paramref name="path"/> (<c>-</c> for standard input; a pipe or FIFO is read once, front to back):
    /// it must be UTF-8 text with a header of distinct names and at least one row, every row as wide as the header.
    /// </summary>
    /// <exception cref="DataFormatException">The file is missing, unreadable, not text, malformed, or empty.</exception>
    public static CsvTable Read(string path, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = CsvTableReader.Open(path, options);
        return reader.ReadBlock(int.MaxValue) ?? throw new DataFormatException("the file has a header but no data rows", reader.Path);
    }

    /// <summary>Reads a CSV from <paramref name="stream"/>, named <paramref name="name"/> in error messages.</summary>
    public static CsvTable Read(Stream stream, string name, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        using var reader = new CsvTableReader(stream, name, options ?? new CsvReadOptions(), ownsStream: false);
        return reader.ReadBlock(int.MaxValue) ?? throw new DataFormatException("the file has a header but no data rows", name);
    }
}

namespace Backprop.Data;

/// <summary>A table file read a block of rows at a time: a CSV (<see cref="Csv.CsvTableReader"/>) or another format.</summary>
public interface ITableReader : IDisposable
{
    /// <summary>The file read.</summary>
    string Path { get; }

    /// <summary>Column names.</summary>
    IReadOnlyList<string> Header { get; }

    /// <summary>The index of column <paramref name="name"/>; a <see cref="Diagnostics.DataFormatException"/> naming the columns when there is
    /// none.</summary>
    int ColumnIndex(string name);

    /// <summary>The next block of about <paramref name="maxRows"/> rows (at most, for a CSV), or null when none remain.</summary>
    CsvTable? ReadBlock(int maxRows);

    /// <summary>The blocks that remain.</summary>
    IEnumerable<CsvTable> Blocks(int maxRows);
}

namespace Backprop.Data.Output;

/// <summary>A table already in memory read as a file is, so that it goes the way a file goes: one block, the whole table.</summary>
internal sealed class TableBlocks(CsvTable table) : ITableReader
{
    private bool _read;

    public string Path => table.Path;

    public IReadOnlyList<string> Header => table.Header;

    public int ColumnIndex(string name) => table.ColumnIndex(name);

    public CsvTable? ReadBlock(int maxRows)
    {
        if (_read) return null;
        _read = true;
        return table;
    }

    public IEnumerable<CsvTable> Blocks(int maxRows)
    {
        while (ReadBlock(maxRows) is { } block) yield return block;
    }

    public void Dispose() { }
}

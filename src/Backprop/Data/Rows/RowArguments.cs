namespace Backprop.Data.Rows;

/// <summary>
/// The checks of the public entry points that take a table and row indices: a null table is an
/// <see cref="ArgumentNullException"/>, an index outside 0 … RowCount − 1 an <see cref="ArgumentOutOfRangeException"/>,
/// each naming the parameter — never a raw <see cref="IndexOutOfRangeException"/>, nor a value read silently from a
/// buffer's spare capacity past the last row.
/// </summary>
internal static class RowArguments
{
    /// <summary>
    /// Checks <paramref name="table"/> (named <paramref name="tableName"/>) and <paramref name="rows"/> (named
    /// <paramref name="rowsName"/>; null is every row).
    /// </summary>
    public static void Check(CsvTable table, IReadOnlyList<int>? rows, string tableName = "table", string rowsName = "rows")
    {
        ArgumentNullException.ThrowIfNull(table, tableName);
        if (rows is null) return;
        Within(rows, table.RowCount, rowsName);
    }

    /// <summary>Checks that every one of <paramref name="rows"/> is in 0 … <paramref name="count"/> − 1.</summary>
    public static void Within(IReadOnlyList<int> rows, int count, string rowsName = "rows")
    {
        for (int i = 0; i < rows.Count; i++)
            if ((uint)rows[i] >= (uint)count)
                throw new ArgumentOutOfRangeException(rowsName, rows[i],
                    $"{rowsName}[{i}] is {rows[i]}, but the table has {count} rows (0 to {count - 1}).");
    }
}

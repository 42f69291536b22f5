using Backprop.Diagnostics;

namespace Backprop.Data.Preprocessing;

/// <summary>
/// A column of a table that holds a weight per row (scikit-learn's <c>sample_weight</c>): read as numbers, never a
/// feature (<see cref="PreprocessingOptions.Excluded"/>); a value that is missing, text, NaN, infinite or negative is
/// refused naming the file, line and column.
/// </summary>
internal static class SampleWeightColumn
{
    /// <summary>The weights of <paramref name="rows"/> of <paramref name="table"/> (every row when null) in column
    /// <paramref name="column"/>.</summary>
    /// <param name="table">The table.</param>
    /// <param name="column">The column of weights.</param>
    /// <param name="rows">The rows to read (every row when null).</param>
    /// <param name="setting">The setting that named the column, for the messages (default <see cref="Setting.SampleWeight"/>).</param>
    /// <exception cref="DataFormatException">The column is missing, or a value is not a finite number ≥ 0.</exception>
    public static double[] Read(CsvTable table, string column, IReadOnlyList<int>? rows = null, Setting? setting = null)
    {
        string named = (setting ?? Setting.SampleWeight).With(column);
        int index = table.ColumnIndex(column);
        CellReader reader;
        try { reader = new CellReader(table, index); }
        catch (DataFormatException e) { throw Named(e, named); }
        int n = rows?.Count ?? table.RowCount;
        var weights = new double[n];
        for (int i = 0; i < n; i++)
        {
            int row = rows?[i] ?? i;
            double w;
            try
            {
                if (!reader.TryNumber(row, out w)) throw reader.Missing(row);
            }
            catch (DataFormatException e) { throw Named(e, named); }
            if (!(w >= 0))
                throw new DataFormatException($"{named}: {w.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} is negative: a " +
                    $"weight must be a finite number ≥ 0",
                    table.Path, table.Where(row, index));
            weights[i] = w;
        }
        return weights;
    }

    private static DataFormatException Named(DataFormatException e, string named) => new($"{named}: {e.Problem}", e.File, e.Location, e);
}

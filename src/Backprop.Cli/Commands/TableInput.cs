using Backprop.Data;
using Backprop.Data.Csv;

namespace Backprop.Cli.Commands;

/// <summary>A table file by its kind, through <see cref="TableFormats"/>: Parquet for <c>.parquet</c> (registered at start-up), CSV otherwise
/// (<c>-</c> is standard input).</summary>
internal static class TableInput
{
    public static CsvTable Read(string path, CsvReadOptions csv) => TableFormats.Read(path, csv);

    public static ITableReader Open(string path, CsvReadOptions csv) => TableFormats.Open(path, csv);
}

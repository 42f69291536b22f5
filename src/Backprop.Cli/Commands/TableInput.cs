using Backprop.Data;
using Backprop.Data.Csv;
using Backprop.Parquet;

namespace Backprop.Cli.Commands;

/// <summary>A table file by its kind: Parquet for <c>.parquet</c>, CSV otherwise (<c>-</c> is standard input).</summary>
internal static class TableInput
{
    public static CsvTable Read(string path, CsvReadOptions csv) =>
        ParquetTableReader.Is(path) ? ParquetTableReader.Read(path, csv) : CsvTable.Read(path, csv);

    public static ITableReader Open(string path, CsvReadOptions csv) =>
        ParquetTableReader.Is(path) ? ParquetTableReader.Open(path, csv) : CsvTableReader.Open(path, csv);
}

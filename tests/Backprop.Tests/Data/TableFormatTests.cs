using Backprop.Data;
using Backprop.Data.Csv;
using Backprop.Estimators.Preparation;
using Backprop.Data.Preprocessing;
using Backprop.Parquet;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Data;

/// <summary>
/// One call reads any table the process knows: CSV built in, Parquet once Backprop.Parquet registers it, so the library
/// reads a Parquet file without the command line handing it a reader.
/// </summary>
public sealed class TableFormatTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Parquet_and_csv_read_through_the_registry_give_the_same_table()
    {
        ParquetFormat.Register();
        ParquetFormat.Register(); // a second call does nothing
        string parquet = _folder.File("t.parquet");
        await ParquetFiles.Table(parquet);
        var (a, b, kind) = ParquetFiles.Values();
        string csv = _folder.Write("t.csv", "a,b,kind\n"
            + string.Concat(a.Select((x, i) => FormattableString.Invariant($"{x:R},{b[i]:R},{kind[i]}\n"))));
        Assert.True(TableFormats.IsRegistered(parquet));
        Assert.True(TableFormats.IsRegistered(_folder.File("T.PARQUET")));
        Assert.False(TableFormats.IsRegistered(csv));
        Assert.Contains(".parquet", TableFormats.Extensions);
        var options = new CsvReadOptions();
        var fromParquet = TableFormats.Read(parquet, options);
        var fromCsv = TableFormats.Read(csv, options);
        Assert.Equal(ParquetFiles.Rows, fromParquet.RowCount);
        Assert.Equal(fromCsv.Header, fromParquet.Header);
        using var reader = TableFormats.Open(parquet, options);
        Assert.IsType<ParquetTableReader>(reader);
        using var csvReader = TableFormats.Open(csv, options);
        Assert.IsType<CsvTableReader>(csvReader);
        // The library's preparation reads Parquet with its default reader: no delegate given.
        var prepared = PreparedData.Load<double>(parquet, new PreparationOptions { Preprocessing = new() { Targets = ["kind"] } });
        Assert.Equal(ParquetFiles.Rows, prepared.TrainCount);
    }

    [Fact]
    public void A_format_is_registered_once_and_csv_is_built_in()
    {
        ParquetFormat.Register();
        static ITableReader Open(string path, CsvReadOptions csv) => CsvTableReader.Open(path, csv);
        static CsvTable Read(string path, CsvReadOptions csv) => CsvTable.Read(path, csv);
        Assert.Equal("a table format for '.parquet' files is registered already (Parameter 'extension')",
            Assert.Throws<ArgumentException>(() => TableFormats.Register(".parquet", Open, Read)).Message);
        Assert.StartsWith("CSV is built in", Assert.Throws<ArgumentException>(() => TableFormats.Register(".CSV", Open, Read)).Message);
        Assert.StartsWith("'tsv' is not a file extension", Assert.Throws<ArgumentException>(() => TableFormats.Register("tsv", Open, Read)).Message);
    }
}

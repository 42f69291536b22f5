using System.Globalization;
using System.Text;
using Backprop.Parquet;
using Parquet;
using Parquet.Schema;

namespace Backprop.Tests.Cli;

/// <summary>Parquet in and out: the same columns and errors as a CSV of the same values.</summary>
public class ParquetCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private const int Rows = 300;

    /// <summary>The same table as Parquet (a double, an int, a nullable-free text and a bool column) and as CSV.</summary>
    private async Task<(string Parquet, string Csv)> Table(int groups = 3)
    {
        var random = new Random(5);
        var a = Enumerable.Range(0, Rows).Select(_ => random.NextDouble() * 10 - 5).ToArray();
        var b = Enumerable.Range(0, Rows).Select(_ => random.Next(0, 50)).ToArray();
        var c = Enumerable.Range(0, Rows).Select(_ => random.Next(2) == 0 ? "north" : "south").ToArray();
        var d = Enumerable.Range(0, Rows).Select(_ => random.Next(2) == 0).ToArray();
        var kind = Enumerable.Range(0, Rows).Select(r => a[r] + (d[r] ? 2 : 0) > 0 ? "up" : "down").ToArray();
        string parquet = _folder.File("t.parquet");
        var fields = new DataField[] { new DataField<double>("a"), new DataField<int>("b"), new DataField<string>("c"), new DataField<bool>("d"),
            new DataField<string>("kind") };
        await using (var stream = File.Create(parquet))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream))
        {
            int per = (Rows + groups - 1) / groups;
            for (int start = 0; start < Rows; start += per)
            {
                int n = Math.Min(per, Rows - start);
                using var group = writer.CreateRowGroup();
                await group.WriteAsync<double>(fields[0], a.AsMemory(start, n));
                await group.WriteAsync<int>(fields[1], b.AsMemory(start, n));
                await group.WriteAsync(fields[2], c[start..(start + n)]);
                await group.WriteAsync<bool>(fields[3], d.AsMemory(start, n));
                await group.WriteAsync(fields[4], kind[start..(start + n)]);
            }
        }
        var csv = new StringBuilder("a,b,c,d,kind\n");
        for (int r = 0; r < Rows; r++) csv.Append(CultureInfo.InvariantCulture, $"{a[r]:R},{b[r]},{c[r]},{(d[r] ? 1 : 0)},{kind[r]}\n");
        return (parquet, _folder.Write("t.csv", csv.ToString()));
    }

    [Fact]
    public async Task A_parquet_file_reads_as_the_same_table_as_its_csv()
    {
        var (parquet, csv) = await Table();
        var p = ParquetTableReader.Read(parquet);
        var c = Backprop.Data.CsvTable.Read(csv);
        Assert.Equal(c.Header, p.Header);
        Assert.Equal(c.RowCount, p.RowCount);
        for (int k = 0; k < c.Header.Count; k++)
        {
            Assert.Equal(c.Columns[k].IsText, p.Columns[k].IsText);
            for (int r = 0; r < Rows; r++)
            {
                var (x, y) = (c.Columns[k], p.Columns[k]);
                if (x.IsText) Assert.Equal(x.TextOf(x.CodeAt(r)), y.TextOf(y.CodeAt(r)));
                else Assert.Equal(x.HasCategories ? x.ValueOf(x.CodeAt(r)) : x.ValueAt(r), y.HasCategories ? y.ValueOf(y.CodeAt(r)) : y.ValueAt(r));
            }
        }
    }

    [Fact]
    public async Task Training_and_prediction_on_parquet_match_the_csv_and_write_parquet()
    {
        var (parquet, csv) = await Table();
        string fromParquet = _folder.File("p.json"), fromCsv = _folder.File("c.json");
        string[] common = ["--optimizer", "gd", "--lr", "0.01", "--target", "kind", "--layers", "3", "--epochs", "3", "--standardize", "--quiet"];
        Assert.Equal(0, CliRunner.Run(["train", "--data", parquet, "--out", fromParquet, .. common]).ExitCode);
        Assert.Equal(0, CliRunner.Run(["train", "--data", csv, "--out", fromCsv, .. common]).ExitCode);
        var pm = Backprop.Serialization.ModelFile.Load(fromParquet);
        var cm = Backprop.Serialization.ModelFile.Load(fromCsv);
        Assert.Equal(cm.Layers.SelectMany(l => l.Weights.SelectMany(w => w)), pm.Layers.SelectMany(l => l.Weights.SelectMany(w => w)));

        string output = _folder.File("out.parquet");
        var r = CliRunner.Run("predict", "--model", fromParquet, "--data", parquet, "--out", output);
        Assert.True(r.ExitCode == 0, r.Error);
        var text = CliRunner.Run("predict", "--model", fromParquet, "--data", csv).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var back = ParquetTableReader.Read(output);
        Assert.Equal(text[0].Split(','), back.Header);
        Assert.Equal(Rows, back.RowCount);
        for (int row = 0; row < Rows; row++)
        {
            var fields = text[row + 1].Split(',');
            var label = back.Columns[0];
            Assert.Equal(fields[0], label.TextOf(label.CodeAt(row)));
            var p = back.Columns[1];
            Assert.Equal(double.Parse(fields[1], CultureInfo.InvariantCulture), p.HasCategories ? p.ValueOf(p.CodeAt(row)) : p.ValueAt(row));
        }
    }

    [Fact]
    public async Task A_truncated_parquet_file_is_one_line_and_no_model()
    {
        var (parquet, _) = await Table();
        var bytes = File.ReadAllBytes(parquet);
        string cut = _folder.File("cut.parquet");
        File.WriteAllBytes(cut, bytes[..(bytes.Length * 2 / 3)]);
        string model = _folder.File("m.json");
        CliRunner.AssertUserError(CliRunner.Run("train", "--data", cut, "--target", "kind", "--layers", "2", "--out", model), cut,
            "is not a readable Parquet file (truncated or corrupt?)");
        Assert.False(File.Exists(model));
    }

    [Fact]
    public async Task An_unsupported_column_type_is_refused_naming_the_column()
    {
        string path = _folder.File("dates.parquet");
        var fields = new DataField[] { new DataField<double>("x"), new DataField<DateTime>("when"), new DataField<string>("y") };
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<double>(fields[0], new[] { 1.0, 2.0 }.AsMemory());
            await group.WriteAsync<DateTime>(fields[1], new[] { DateTime.UnixEpoch, DateTime.UnixEpoch }.AsMemory());
            await group.WriteAsync(fields[2], new[] { "a", "b" });
        }
        string model = _folder.File("m.json");
        CliRunner.AssertUserError(CliRunner.Run("train", "--data", path, "--target", "y", "--layers", "2", "--out", model), path,
            "column 'when' holds DateTime values, which Backprop does not read");
        Assert.False(File.Exists(model));
    }
}

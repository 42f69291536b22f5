using System.Globalization;
using System.Diagnostics;
using Parquet;
using Parquet.Schema;

namespace Backprop.Tests.Cli;

/// <summary>Issue 21: a damaged, forged, empty or ambiguous Parquet file is one line and exit 1, with no output written or replaced.</summary>
public class ParquetRefusalTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>A model trained on the good table, and an earlier output that a refused command must leave as it was.</summary>
    private async Task<(string Model, string Earlier)> Model()
    {
        string data = _folder.File("good.parquet"), model = _folder.File("model.json");
        await ParquetFiles.Table(data);
        var trained = CliRunner.Run("train", "--optimizer", "gd", "--lr", "0.01", "--data", data, "--target", "kind", "--layers", "3", "--epochs",
            "2", "--out", model, "--quiet");
        Assert.True(trained.ExitCode == 0, trained.Error);
        return (model, _folder.Write("earlier.out", "an earlier result\n"));
    }

    /// <summary>
    /// Runs train, predict (over an earlier output, as Parquet and as CSV) and evaluate on <paramref name="data"/>:
    /// each one line with every fragment, nothing written.
    /// </summary>
    private async Task AssertRefusedEverywhere(string data, params string[] fragments)
    {
        var (model, earlier) = await Model();
        string parquetOut = _folder.File("earlier.parquet"), newModel = _folder.File("new.json");
        File.Copy(earlier, parquetOut, overwrite: true);
        var train = CliRunner.Run("train", "--data", data, "--target", "kind", "--layers", "2", "--out", newModel);
        CliRunner.AssertUserError(train, [data, .. fragments]);
        CliRunner.AssertUserError(CliRunner.Run("predict", "--model", model, "--data", data, "--out", parquetOut), [data, .. fragments]);
        CliRunner.AssertUserError(CliRunner.Run("predict", "--model", model, "--data", data, "--out", earlier), [data, .. fragments]);
        CliRunner.AssertUserError(CliRunner.Run("evaluate", "--model", model, "--data", data), [data, .. fragments]);
        Assert.False(File.Exists(newModel));
        Assert.Equal("an earlier result\n", File.ReadAllText(earlier));
        Assert.Equal("an earlier result\n", File.ReadAllText(parquetOut));
    }

    [Fact]
    public async Task A_footer_claiming_100_million_rows_is_refused_naming_the_row_group_and_the_file_size()
    {
        string good = _folder.File("small.parquet"), forged = _folder.File("forged.parquet");
        await ParquetFiles.Table(good);
        var bytes = ParquetFiles.Forge(File.ReadAllBytes(good), ParquetFiles.Rows, 100_000_000);
        File.WriteAllBytes(forged, bytes);
        // The file, its row group and each column chunk all claim the 100,000,000 rows: only their sizes betray them.
        Assert.Equal(5, CountClaims(bytes, 100_000_000));
        await AssertRefusedEverywhere(forged, "row group 1 of 1 claims 100,000,000 rows", $"of a {N(bytes.Length)}-byte file", "at most");
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static int CountClaims(byte[] file, long claim)
    {
        var (start, length) = ParquetFiles.Footer(file);
        var pattern = ParquetFiles.VarInt(ParquetFiles.ZigZag(claim));
        int count = 0;
        for (int i = start; i < start + length; i++) if (file.AsSpan(i).StartsWith(pattern)) count++;
        return count;
    }

    [Fact]
    public async Task A_row_count_forged_within_the_size_limit_is_refused_by_the_pages_that_hold_fewer_values()
    {
        string good = _folder.File("small.parquet"), forged = _folder.File("forged.parquet");
        await ParquetFiles.Table(good);
        // 60,000 rows pass the size check (any row group may hold 65,536), in every count of the footer alike.
        File.WriteAllBytes(forged, ParquetFiles.Forge(File.ReadAllBytes(good), ParquetFiles.Rows, 60_000));
        await AssertRefusedEverywhere(forged, "row group 1 of 1, column 'a': its pages hold 40 values, but the chunk claims 60,000");
    }

    [Fact]
    public async Task A_row_group_whose_columns_disagree_with_its_row_count_is_refused_naming_the_column()
    {
        string good = _folder.File("small.parquet"), forged = _folder.File("forged.parquet");
        await ParquetFiles.Table(good);
        // Only the last claim, the row group's own count (the footer's and the chunks' stay 40).
        File.WriteAllBytes(forged, ParquetFiles.Forge(File.ReadAllBytes(good), ParquetFiles.Rows, 1_000, n => n == 4));
        await AssertRefusedEverywhere(forged, "row group 1 of 1, column 'a' claims 40 values for 1,000 rows");
    }

    [Fact]
    public async Task A_column_chunk_claiming_more_bytes_than_the_file_holds_is_refused_naming_the_column()
    {
        string good = _folder.File("small.parquet"), forged = _folder.File("forged.parquet");
        await ParquetFiles.Table(good);
        long size;
        await using (var stream = File.OpenRead(good))
        await using (var reader = await ParquetReader.CreateAsync(stream))
            size = reader.Metadata!.RowGroups[0].Columns[1].MetaData!.TotalCompressedSize;
        File.WriteAllBytes(forged, ParquetFiles.Forge(File.ReadAllBytes(good), size, 1L << 40));
        await AssertRefusedEverywhere(forged, "claims 1,099,511,627,776 bytes of data, but the file holds");
    }

    [Fact]
    public async Task A_footer_claiming_100_million_rows_exits_1_at_once_under_a_256_MB_heap()
    {
        string good = _folder.File("small.parquet"), forged = _folder.File("forged.parquet");
        await ParquetFiles.Table(good);
        File.WriteAllBytes(forged, ParquetFiles.Forge(File.ReadAllBytes(good), ParquetFiles.Rows, 100_000_000));
        var (model, _) = await Model();
        CliRunner.AssertUserError(CliRunner.RunUnderHeapLimit(["evaluate", "--model", model, "--data", forged]),
            "row group 1 of 1 claims 100,000,000 rows");
    }

    [Fact]
    public async Task A_schema_with_no_rows_is_refused_by_every_command_that_reads_rows_like_a_header_only_csv()
    {
        string empty = _folder.File("empty.parquet");
        await ParquetFiles.Write(empty, [new DataField<double>("a"), new DataField<double>("b"), new DataField<string>("kind")]);
        await AssertRefusedEverywhere(empty, "the file has columns but no data rows");
        string model = _folder.File("model.json"), page = _folder.File("r.html"), picture = _folder.File("c.svg");
        CliRunner.AssertUserError(CliRunner.Run("report", "--model", model, "--data", empty, "--out", page), empty, "no data rows");
        CliRunner.AssertUserError(CliRunner.Run("plot", "confusion", "--model", model, "--data", empty, "--out", picture), empty, "no data rows");
        CliRunner.AssertUserError(CliRunner.Run("explain", "--model", model, "--data", empty), empty, "no data rows");
        Assert.False(File.Exists(page) || File.Exists(picture));
        // The CSV of the same table, its header alone, is refused the same way.
        string csv = _folder.Write("empty.csv", "a,b,kind\n");
        CliRunner.AssertUserError(CliRunner.Run("evaluate", "--model", model, "--data", csv), csv, "no data rows");
    }

    [Fact]
    public async Task Two_columns_of_one_name_are_refused_at_read_time_naming_both_positions()
    {
        var (a, b, kind) = ParquetFiles.Values();
        string path = _folder.File("twice.parquet");
        DataField[] fields = [new DataField<double>("a"), new DataField<double>("b"), new DataField<double>("a"), new DataField<string>("kind")];
        await ParquetFiles.Write(path, fields, async g =>
        {
            await g.WriteAsync<double>(fields[0], a.AsMemory());
            await g.WriteAsync<double>(fields[1], b.AsMemory());
            await g.WriteAsync<double>(fields[2], b.AsMemory());
            await g.WriteAsync(fields[3], kind);
        });
        await AssertRefusedEverywhere(path, "the column name 'a' appears twice in the schema (columns 1 and 3)");
    }

    [Fact]
    public async Task Predictions_whose_column_names_would_clash_are_refused_before_anything_is_written()
    {
        var (a, b, _) = ParquetFiles.Values();
        string data = _folder.File("clash.parquet"), model = _folder.File("clash.json"), other = _folder.File("other.parquet");
        await ParquetFiles.Table(data, target: "p(u)", kinds: [.. a.Zip(b, (x, y) => x + y > 1 ? "u" : "v")]);
        // train refuses first: a model whose predictions could never be written is not made.
        CliRunner.AssertUserError(CliRunner.Run("train", "--data", data, "--target", "p(u)", "--layers", "2", "--epochs", "1", "--out", model),
            data, "two columns named 'p(u)'", "the probability of class 'u'");
        Assert.False(File.Exists(model));
        // A model made elsewhere (here: edited) with such names is refused by predict before any output is opened.
        await ParquetFiles.Table(other, target: "p(u)", kinds: [.. a.Zip(b, (x, y) => x + y > 1 ? "uq" : "v")]);
        var trained = CliRunner.Run("train", "--optimizer", "gd", "--lr", "0.01", "--data", other, "--target", "p(u)", "--layers", "2", "--epochs",
            "1", "--out", model, "--quiet");
        Assert.True(trained.ExitCode == 0, trained.Error);
        File.WriteAllText(model, File.ReadAllText(model).Replace("\"uq\"", "\"u\""));
        string parquet = _folder.File("p.parquet"), csv = _folder.File("p.csv"), earlier = _folder.Write("earlier.csv", "kept\n");
        string[] line = [model, "two columns named 'p(u)'", "the predicted class (headed by the target's name)", "the probability of class 'u'"];
        CliRunner.AssertUserError(CliRunner.Run("predict", "--model", model, "--data", data, "--out", parquet), line);
        CliRunner.AssertUserError(CliRunner.Run("predict", "--model", model, "--data", data, "--out", csv), line);
        CliRunner.AssertUserError(CliRunner.Run("predict", "--model", model, "--data", data, "--out", earlier), line);
        var standard = CliRunner.Run("predict", "--model", model, "--data", data);
        CliRunner.AssertUserError(standard, line);
        Assert.Equal("", standard.Output);
        Assert.False(File.Exists(parquet) || File.Exists(csv));
        Assert.Equal("kept\n", File.ReadAllText(earlier));
    }

    [Fact]
    public async Task NaN_and_infinity_in_a_float_column_are_refused_naming_the_column_and_row()
    {
        var (a, _, _) = ParquetFiles.Values();
        string nan = _folder.File("nan.parquet"), inf = _folder.File("inf.parquet");
        await ParquetFiles.Table(nan, [.. a.Select((v, r) => r == 3 ? double.NaN : v)]);
        await ParquetFiles.Table(inf, [.. a.Select((v, r) => r == 5 ? double.PositiveInfinity : v)]);
        await AssertRefusedEverywhere(nan, ":4:1:", "NaN in column 'a' is not a finite number");
        await AssertRefusedEverywhere(inf, ":6:1:", "in column 'a' is not a finite number");
    }

    [Fact]
    public async Task A_column_of_nulls_only_is_refused_naming_the_column()
    {
        var (_, b, kind) = ParquetFiles.Values();
        string path = _folder.File("nulls.parquet");
        DataField[] fields = [new DataField<double?>("a"), new DataField<double>("b"), new DataField<string>("kind")];
        await ParquetFiles.Write(path, fields, async g =>
        {
            await g.WriteAsync<double>(fields[0], new double?[ParquetFiles.Rows].AsMemory());
            await g.WriteAsync<double>(fields[1], b.AsMemory());
            await g.WriteAsync(fields[2], kind);
        });
        string model = _folder.File("m.json");
        CliRunner.AssertUserError(CliRunner.Run("train", "--data", path, "--target", "kind", "--layers", "2", "--missing", "error", "--out", model),
            path, "column 'a' has no value");
        // A model trained with values in the column fills its gaps with their training mean (the default), so every row is scored.
        var (trained, _) = await Model();
        string predicted = _folder.File("nulls.csv");
        var scored = CliRunner.Run("predict", "--model", trained, "--data", path, "--out", predicted);
        Assert.True(scored.ExitCode == 0, scored.Error);
        Assert.Equal(ParquetFiles.Rows + 1, File.ReadAllLines(predicted).Length);
        CliRunner.AssertUserError(CliRunner.Run("train", "--data", path, "--target", "kind", "--layers", "2", "--missing", "mean", "--out", model),
            path, "column 'a' has no values in the training rows");
        Assert.False(File.Exists(model));
    }

    [Fact]
    public async Task Nested_and_repeated_columns_are_refused_naming_the_column()
    {
        string lists = _folder.File("lists.parquet"), structs = _folder.File("structs.parquet");
        var list = new DataField<double[]>("readings");
        await ParquetFiles.Write(lists, [new DataField<double>("a"), list, new DataField<string>("kind")]);
        var place = new StructField("place", new DataField<double>("x"));
        var schema = new ParquetSchema(new DataField<double>("a"), place, new DataField<string>("kind"));
        await using (var stream = File.Create(structs))
        await using (var writer = await ParquetWriter.CreateAsync(schema, stream)) { }
        await AssertRefusedEverywhere(lists, "column 'readings' holds lists values, which Backprop does not read");
        await AssertRefusedEverywhere(structs, "column 'place' is a struct, which Backprop does not read");
    }

    [Fact]
    public async Task A_long_column_name_with_escape_sequences_is_quoted_and_cut_in_the_message()
    {
        var (a, b, kind) = ParquetFiles.Values();
        string name = "\u001b]0;title\u0007\u001b[2J" + new string('z', 500), path = _folder.File("escape.parquet");
        DataField[] fields = [new DataField<double>(name), new DataField<double>("b"), new DataField<string>("kind")];
        await ParquetFiles.Write(path, fields, async g =>
        {
            await g.WriteAsync<double>(fields[0], a.AsMemory());
            await g.WriteAsync<double>(fields[1], b.AsMemory());
            await g.WriteAsync(fields[2], kind);
        });
        var (model, _) = await Model();
        var outcome = CliRunner.Run("evaluate", "--model", model, "--data", path);
        CliRunner.AssertUserError(outcome, path, "there is no column 'a'", $"…' ({name.Length} characters), 'b', 'kind'");
        Assert.True(outcome.Error.Length < 300 + path.Length, outcome.Error);
    }

    [Fact]
    public async Task A_file_that_is_not_parquet_at_its_ends_is_one_line()
    {
        string good = _folder.File("small.parquet");
        await ParquetFiles.Table(good);
        var bytes = File.ReadAllBytes(good);
        string noMagic = _folder.File("nomagic.parquet"), longFooter = _folder.File("footer.parquet");
        File.WriteAllBytes(noMagic, [.. "XXXX"u8, .. bytes[4..]]);
        var forged = (byte[])bytes.Clone();
        BitConverter.GetBytes(int.MaxValue).CopyTo(forged, forged.Length - 8);
        File.WriteAllBytes(longFooter, forged);
        await AssertRefusedEverywhere(noMagic, "is not a Parquet file: it does not start with PAR1");
        await AssertRefusedEverywhere(longFooter, $"its footer claims 2,147,483,647 bytes of a {N(bytes.Length)}-byte file");
    }
}

using System.IO.Compression;
using System.Text;
using Backprop.Data;
using Backprop.Diagnostics;

namespace Backprop.Tests.Data;

public sealed class CsvDatasetTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "backprop-csv-tests-" + Guid.NewGuid().ToString("N"));

    public CsvDatasetTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string WriteBytes(string name, byte[] bytes)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static DataFormatException Fails(string path, string[]? targets = null, string[]? features = null)
    {
        var e = Assert.Throws<DataFormatException>(() => Dataset.FromCsv(path, targets ?? ["y"], features));
        Assert.Contains(path, e.Message);
        return e;
    }

    [Fact]
    public void Values_are_parsed_with_the_target_chosen_by_name()
    {
        string path = Write("data.csv", "a,y,b\n1.5,0,-2\n3,1,4e-3\n-0.25,1,1E2\n");
        var data = Dataset.FromCsv(path, ["y"]);
        Assert.Equal(3, data.Count);
        Assert.Equal(["a", "b"], data.FeatureNames);
        Assert.Equal(["y"], data.TargetNames);
        Assert.Equal([[1.5, -2.0], [3.0, 0.004], [-0.25, 100.0]], data.Features.ToRows());
        Assert.Equal([[0.0], [1.0], [1.0]], data.Targets.ToRows());
        Assert.Equal(path, data.Source);
    }

    [Fact]
    public void Default_features_are_all_other_columns_in_file_order()
    {
        string path = Write("data.csv", "d,c,t1,b,t2,a\n1,2,3,4,5,6\n");
        var data = Dataset.FromCsv(path, ["t2", "t1"]);
        Assert.Equal(["d", "c", "b", "a"], data.FeatureNames);
        Assert.Equal(["t2", "t1"], data.TargetNames);
        Assert.Equal([[1.0, 2.0, 4.0, 6.0]], data.Features.ToRows());
        Assert.Equal([[5.0, 3.0]], data.Targets.ToRows());
    }

    [Fact]
    public void Explicit_features_are_taken_in_the_order_given()
    {
        string path = Write("data.csv", "a,b,c,y\n1,2,3,4\n");
        var data = Dataset.FromCsv(path, ["y"], ["c", "a"]);
        Assert.Equal(["c", "a"], data.FeatureNames);
        Assert.Equal([[3.0, 1.0]], data.Features.ToRows());
    }

    [Fact]
    public void Quoted_fields_and_names_are_read()
    {
        string path = Write("data.csv", "\"x\",\"y\"\n\"1.5\",\"2\"\n\" 3 \",4\n");
        var data = Dataset.FromCsv(path, ["y"]);
        Assert.Equal([[1.5], [3.0]], data.Features.ToRows());
        Assert.Equal([[2.0], [4.0]], data.Targets.ToRows());
    }

    [Fact]
    public void Windows_line_endings_spaces_and_blank_lines_are_accepted()
    {
        string path = Write("data.csv", "x, y\r\n1 , 2\r\n\r\n3,4\r\n");
        var data = Dataset.FromCsv(path, ["y"]);
        Assert.Equal([[1.0], [3.0]], data.Features.ToRows());
        Assert.Equal([[2.0], [4.0]], data.Targets.ToRows());
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_not_part_of_the_first_column_name()
    {
        string path = WriteBytes("bom.csv", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("x,y\n1,2\n")]);
        var data = Dataset.FromCsv(path, ["y"], ["x"]);
        Assert.Equal([[1.0]], data.Features.ToRows());
    }

    [Fact]
    public void An_unterminated_quote_is_reported_as_malformed()
    {
        string path = Write("quote.csv", "x,y\n1,2\n\"3,4\n");
        var e = Fails(path);
        Assert.Contains("malformed", e.Message);
    }

    [Fact]
    public void Missing_file_is_reported()
    {
        var e = Fails(Path.Combine(_folder, "absent.csv"));
        Assert.Contains("file not found", e.Message);
    }

    [Fact]
    public void A_folder_is_reported()
    {
        var e = Fails(_folder);
        Assert.Contains("folder", e.Message);
    }

    [Fact]
    public void Empty_file_is_reported()
    {
        var e = Fails(Write("empty.csv", ""));
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void Header_only_is_reported()
    {
        var e = Fails(Write("header.csv", "x,y\n"));
        Assert.Contains("no data rows", e.Message);
    }

    [Fact]
    public void Ragged_row_is_reported_with_its_line()
    {
        string path = Write("ragged.csv", "x,y,z\n1,2,3\n4,5,6\n7,8\n9,10,11\n");
        var e = Fails(path);
        Assert.Contains($"{path}:4:", e.Message);
        Assert.Contains("2 fields", e.Message);
        Assert.Contains("3", e.Message);
    }

    [Fact]
    public void Too_wide_row_is_reported_with_its_line()
    {
        string path = Write("wide.csv", "x,y\n1,2\n3,4,5\n");
        var e = Fails(path);
        Assert.Contains($"{path}:3:", e.Message);
        Assert.Contains("3 fields", e.Message);
    }

    [Fact]
    public void Non_numeric_value_is_reported_with_line_column_and_value()
    {
        string path = Write("text.csv", "x,y\n1,2\n3,abc\n");
        var e = Fails(path);
        Assert.Contains($"{path}:3:2:", e.Message);
        Assert.Contains("'abc'", e.Message);
        Assert.Contains("not a number", e.Message);
    }

    [Fact]
    public void Non_numeric_feature_is_reported_at_its_own_column()
    {
        string path = Write("text.csv", "a,b,y\n1,2,3\n4,5,6\n7,seven,9\n");
        var e = Fails(path);
        Assert.Contains($"{path}:4:2:", e.Message);
        Assert.Contains("seven", e.Message);
    }

    [Fact]
    public void Line_numbers_count_blank_lines_and_lines_inside_quotes()
    {
        // Line 1 header, line 2 a row whose quoted field spans lines 2–3, line 4 blank, line 5 the bad row.
        string path = Write("lines.csv", "x,y\n\"1\n\",2\n\n3,oops\n");
        var e = Fails(path);
        Assert.Contains($"{path}:5:2:", e.Message);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e999")]
    public void Non_finite_values_are_reported(string value)
    {
        string path = Write("nan.csv", $"x,y\n1,2\n{value},3\n");
        var e = Fails(path);
        Assert.Contains($"{path}:3:1:", e.Message);
        Assert.Contains("finite", e.Message);
    }

    [Fact]
    public void Empty_value_is_reported()
    {
        string path = Write("blank.csv", "x,y\n1,\n");
        var e = Fails(path);
        Assert.Contains($"{path}:2:2:", e.Message);
    }

    [Fact]
    public void Duplicate_column_name_is_reported()
    {
        var e = Fails(Write("dup.csv", "x,y,x\n1,2,3\n"));
        Assert.Contains("'x'", e.Message);
        Assert.Contains("twice", e.Message);
    }

    [Fact]
    public void Missing_target_column_lists_the_columns()
    {
        var e = Fails(Write("data.csv", "alpha,beta,gamma\n1,2,3\n"), targets: ["label"]);
        Assert.Contains("'label'", e.Message);
        Assert.Contains("alpha, beta, gamma", e.Message);
    }

    [Fact]
    public void Missing_feature_column_is_reported()
    {
        var e = Fails(Write("data.csv", "a,y\n1,2\n"), features: ["b"]);
        Assert.Contains("'b'", e.Message);
    }

    [Fact]
    public void A_column_that_is_both_feature_and_target_is_reported()
    {
        var e = Fails(Write("data.csv", "a,y\n1,2\n"), features: ["a", "y"]);
        Assert.Contains("'y'", e.Message);
    }

    [Fact]
    public void No_feature_columns_left_is_reported()
    {
        var e = Fails(Write("data.csv", "y\n1\n"));
        Assert.Contains("no feature columns", e.Message);
    }

    [Fact]
    public void Gzip_file_renamed_csv_is_reported()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            gzip.Write(Encoding.UTF8.GetBytes("x,y\n1,2\n3,4\n"));
        var e = Fails(WriteBytes("data.csv", buffer.ToArray()));
        Assert.Contains("gzip", e.Message);
    }

    [Fact]
    public void Binary_file_is_reported()
    {
        var bytes = new byte[512];
        new Random(1).NextBytes(bytes);
        bytes[0] = 0x7F; // not the gzip magic number
        bytes[10] = 0;
        var e = Fails(WriteBytes("data.csv", bytes));
        Assert.Contains("binary", e.Message);
    }

    [Fact]
    public void Features_and_targets_convert_to_float()
    {
        string path = Write("data.csv", "x,y\n0.5,1\n-2,0\n");
        var data = Dataset.FromCsv(path, ["y"]);
        Assert.Equal([0.5f, -2f], data.FeaturesAs<float>().Span.ToArray());
        Assert.Equal([1f, 0f], data.TargetsAs<float>().Span.ToArray());
    }
}

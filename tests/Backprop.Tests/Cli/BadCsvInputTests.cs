using System.IO.Compression;

namespace Backprop.Tests.Cli;

/// <summary>Every bad CSV ends in one line naming the file, the place and the problem, exit code 1, and no output file touched.</summary>
public class BadCsvInputTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, string, string[]> BadFiles => new()
    {
        { "empty", "", ["the file is empty"] },
        { "header only", "x,y\n", ["header but no data rows"] },
        { "ragged row", "x,y\n1,2\n3\n", [":3:", "this row has 1 fields but the header has 2"] },
        { "non-numeric", "x,y\n1,2\nabc,4\n5,6\n", [":3:1:", "'abc' in column 'x' is not a number"] },
        { "NaN", "x,y\n1,2\nNaN,4\n5,6\n", [":3:1:", "NaN in column 'x' is not a finite number"] },
        { "infinity", "x,y\n1,2\n3,Infinity\n", [":3:2:", "Infinity in column 'y' is not a finite number"] },
        { "duplicate column", "x,x,y\n1,2,3\n", [":1:2:", "the column name 'x' appears twice"] },
        { "missing column name", "x,,y\n1,2,3\n", [":1:2:", "column 2 of the header has no name"] },
        { "missing target", "x,y\n1,2\n3,\n", [":3:2:", "column 'y' has no value"] },
        { "target missing", "a,b\n1,2\n", ["there is no column 'y'"] },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Bad_csv_is_one_clear_line_and_leaves_the_output_alone(string name, string content, string[] fragments)
    {
        string data = _folder.Write(name.Replace(' ', '-') + ".csv", content);
        Run(data, fragments);
    }

    [Fact]
    public void Missing_file_is_named()
    {
        Run(_folder.File("absent.csv"), ["file not found"]);
    }

    [Fact]
    public void A_gzip_file_named_csv_is_named_for_what_it_is()
    {
        string path = _folder.File("packed.csv");
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
            gz.Write("x,y\n1,2\n"u8);
        Run(path, ["is gzip-compressed, not a CSV text file"]);
    }

    [Fact]
    public void A_binary_file_named_csv_is_refused()
    {
        string path = _folder.File("image.csv");
        File.WriteAllBytes(path, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]);
        Run(path, ["is a binary file, not CSV text"]);
    }

    private void Run(string data, string[] fragments)
    {
        string output = _folder.Write("model.json", "previous model");
        var r = CliRunner.Run("train", "--data", data, "--target", "y", "--layers", "2", "--out", output);
        CliRunner.AssertUserError(r, [data, .. fragments]);
        Assert.Equal("previous model", File.ReadAllText(output));
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.tmp"));
    }
}

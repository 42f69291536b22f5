using System.IO.Compression;
using Backprop.Tests.Data;

namespace Backprop.Tests.Cli;

/// <summary>Bad IDX and MAT files through the command line: one line, exit code 1, the output file untouched.</summary>
public class BadBinaryInputTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, Func<byte[]>, string> BadFiles => new()
    {
        { "short-images-idx3-ubyte", () => [0, 0, 8, 3, 0, 0, 0, 5, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3], "declares 5×2×2 = 20 values but the file holds 3" },
        { "truncated-images-idx3-ubyte.gz", () => Gzip(new byte[4000])[..30], "corrupt or truncated" },
        { "cell.mat", () => MatWriter.File([new MatWriter.Variable("X", 1, 1, [1], MxClass: 1)]), "variable X: is a cell array" },
        { "csv.mat", () => "X,y\n1,2\n"u8.ToArray(), "not a MATLAB 5 MAT-file" },
    };

    private static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var z = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) z.Write(data);
        return output.ToArray();
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void A_bad_binary_file_is_one_line_and_leaves_the_output_alone(string name, Func<byte[]> bytes, string problem)
    {
        string data = _folder.File(name);
        File.WriteAllBytes(data, bytes());
        string output = _folder.Write("model.json", "previous model");
        var r = CliRunner.Run("train", "--data", data, "--layers", "2", "--out", output);
        CliRunner.AssertUserError(r, data, problem);
        Assert.Equal("previous model", File.ReadAllText(output));
    }
}

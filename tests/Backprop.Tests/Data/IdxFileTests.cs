using System.IO.Compression;
using System.Security.Cryptography;
using Backprop.Data.Idx;
using Backprop.Diagnostics;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Data;

public class IdxFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Mnist(string name) => Backprop.Cli.Examples.SharedData.File($"mnist-t10k/{name}");

    private static readonly Lazy<(Backprop.Tensors.Matrix<double> Images, int[] Labels)> T10k =
        new(() => MnistFile.Read(Mnist("t10k-images-idx3-ubyte.gz")));

    [Fact]
    public void The_t10k_images_and_labels_are_read_as_published()
    {
        var (images, labels) = T10k.Value;
        Assert.Equal((10_000, 784), (images.Rows, images.Columns));
        Assert.Equal([7, 2, 1], labels[..3]); // the first test digits of MNIST
        int[] perDigit = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];
        Assert.Equal(perDigit, Enumerable.Range(0, 10).Select(d => labels.Count(l => l == d)));
        Assert.All(images.Span.ToArray(), p => Assert.InRange(p, 0, 1));
        Assert.Equal(1.0, images.Span.ToArray().Max());
    }

    [Fact]
    public void The_labels_file_is_the_canonical_one()
    {
        // data/README.md: the uncompressed labels' md5 is 27ae3e4e09519cfbb04c329615203637.
        using var gz = new GZipStream(File.OpenRead(Mnist("t10k-labels-idx1-ubyte.gz")), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        gz.CopyTo(raw);
        Assert.Equal("27ae3e4e09519cfbb04c329615203637", Convert.ToHexStringLower(MD5.HashData(raw.ToArray())));
        var labels = IdxFile.Read(Mnist("t10k-labels-idx1-ubyte.gz"));
        Assert.Equal([10_000], labels.Dimensions);
    }

    private static byte[] Idx(byte type, int[] dims, byte[] data) => IdxWriter.File(type, dims, data);

    private string Write(string name, byte[] bytes, bool gzip = false) => IdxWriter.Write(_folder, name, bytes, gzip);

    [Fact]
    public void Plain_and_gzipped_files_read_alike_whatever_their_names()
    {
        byte[] file = Idx(0x08, [2, 3], [1, 2, 3, 4, 5, 6]);
        var plain = IdxFile.Read(Write("a.bin", file));
        var packed = IdxFile.Read(Write("b.bin", file, gzip: true));
        Assert.Equal([2, 3], plain.Dimensions);
        Assert.Equal([1.0, 2, 3, 4, 5, 6], plain.Values);
        Assert.Equal(plain.Values, packed.Values);
    }

    public static TheoryData<string, byte[], bool, string> BadFiles => new()
    {
        { "empty", [], false, "the file is empty" },
        { "not idx", "x,y\n1,2\n"u8.ToArray(), false, "not an IDX file" },
        { "short data", Idx(0x08, [10, 2, 2], new byte[39]), false, "truncated: the header declares 10×2×2 = 40 values but the file holds 39" },
        { "long data", Idx(0x08, [3], new byte[5]), false, "trailing data: the header declares 3 = 3 values but the file holds 5" },
        { "zero dimension", Idx(0x08, [0, 28], []), false, "dimension 1 is 0" },
        { "bad type", [0, 0, 0x42, 1, 0, 0, 0, 1, 7], false, "unknown IDX data type 0x42" },
        { "gz short", Idx(0x08, [4, 4], new byte[10]), true, "truncated: the header declares 4×4 = 16 values but the file holds 10" },
        { "gz long", Idx(0x08, [4, 4], new byte[17]), true, "trailing data: the header declares 4×4 = 16 values but the data goes on after them" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void A_bad_idx_file_is_named_with_its_problem(string name, byte[] bytes, bool gzip, string problem)
    {
        string path = Write(name.Replace(' ', '-') + "-images-idx3-ubyte", bytes, gzip);
        var e = Assert.Throws<DataFormatException>(() => IdxFile.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Truncated_and_corrupt_gzip_files_are_reported()
    {
        string good = Write("g.gz", Idx(0x08, [50, 50], Enumerable.Range(0, 2500).Select(i => (byte)(i * 7)).ToArray()), gzip: true);
        var bytes = File.ReadAllBytes(good);
        string truncated = Write("truncated.gz", bytes[..(bytes.Length / 2)]);
        var t = Assert.Throws<DataFormatException>(() => IdxFile.Read(truncated));
        Assert.Contains(truncated, t.Message);
        Assert.Matches(@"truncated: the header declares 50×50 = 2,500 values but the file holds [\d,]+$", t.Message);
        var corrupt = (byte[])bytes.Clone();
        for (int i = 12; i < 40 && i < corrupt.Length - 8; i++) corrupt[i] ^= 0x5A;
        string broken = Write("corrupt.gz", corrupt);
        var c = Assert.Throws<DataFormatException>(() => IdxFile.Read(broken));
        Assert.Contains(broken, c.Message);
    }

    [Fact]
    public void Images_without_labels_beside_them_say_where_they_looked()
    {
        string images = Write("t-images-idx3-ubyte", Idx(0x08, [1, 2, 2], [0, 255, 0, 255]));
        var e = Assert.Throws<DataFormatException>(() => MnistFile.Read(images));
        Assert.Contains("no labels file beside the images", e.Message);
        Assert.Contains("t-labels-idx1-ubyte", e.Message);
    }

    [Fact]
    public void Labels_that_disagree_with_the_images_are_refused()
    {
        string images = Write("u-images-idx3-ubyte", Idx(0x08, [2, 2, 2], [0, 255, 0, 255, 1, 2, 3, 4]));
        string labels = Write("u-labels-idx1-ubyte", Idx(0x08, [3], [1, 2, 3]));
        Assert.Contains("holds 3 labels for the 2 images", Assert.Throws<DataFormatException>(() => MnistFile.Read(images)).Message);
        Write("u-labels-idx1-ubyte", Idx(0x08, [2], [1, 12]));
        var e = Assert.Throws<DataFormatException>(() => MnistFile.Read(images));
        Assert.Contains(labels, e.Message);
        Assert.Contains("label 2 is 12, not a digit", e.Message);
    }

    [Fact]
    public void Mnist_trains_from_the_command_line_and_predicts_digits()
    {
        string images = Mnist("t10k-images-idx3-ubyte.gz");
        string model = _folder.File("m.json");
        var r = CliRunner.Run("train", "--data", images, "--layers", "32", "--optimizer", "adam", "--lr", "0.002", "--batch-size", "64",
            "--epochs", "1", "--validation-split", "0.2", "--precision", "float", "--out", model, "--json");
        Assert.Equal(0, r.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(r.Output);
        Assert.InRange(json.RootElement.GetProperty("validation").GetProperty("accuracy").GetDouble(), 0.8, 1.0);
        var p = CliRunner.Run("predict", "--model", model, "--data", images);
        var lines = p.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("label,p(0),p(1),p(2),p(3),p(4),p(5),p(6),p(7),p(8),p(9)", lines[0]);
        Assert.Equal(10_001, lines.Length);
    }
}

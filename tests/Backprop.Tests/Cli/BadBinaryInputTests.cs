using Backprop.Tests.Data;

namespace Backprop.Tests.Cli;

/// <summary>Bad IDX and MAT files through the command line: one line, exit code 1, the output file untouched.</summary>
public class BadBinaryInputTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, Func<byte[]>, string> BadFiles => new()
    {
        { "short-images-idx3-ubyte", () => [0, 0, 8, 3, 0, 0, 0, 5, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3],
            "declares 5×2×2 = 20 values but the file holds 3" },
        { "truncated-images-idx3-ubyte.gz", () => Halved(IdxWriter.Gzip(IdxWriter.File(0x08, [10, 20, 20], Noise(4000)))),
            "truncated: the header declares 10×20×20 = 4,000 values but the file holds" },
        { "long-images-idx3-ubyte", () => IdxWriter.File(0x08, [3, 1, 1], [1, 2, 3, 4, 5]),
            "trailing data: the header declares 3×1×1 = 3 values but the file holds 5" },
        { "bomb-images-idx3-ubyte.gz", () => IdxWriter.Bomb(IdxWriter.Header(0x08, 1, 28, 28), 784 + (32 << 20)),
            "trailing data: the header declares 1×28×28 = 784 values but the data goes on after them" },
        { "huge-images-idx3-ubyte", () => IdxWriter.File(0x08, [16_385, 16_384, 1], [0]),
            "byte 8: the header declares 16385×16384×1 values, more than the limit of 268,435,456" },
        { "cell.mat", () => MatWriter.File([new MatWriter.Variable("X", 1, 1, [1], MxClass: 1)]), "variable X: is a cell array" },
        { "csv.mat", () => "X,y\n1,2\n"u8.ToArray(), "not a MATLAB 5 MAT-file" },
        { "twice.mat", () => MatWriter.File([X, Y, X]), "variable X: appears twice (at byte 128 and at byte" },
        { "version.mat", () => Version(MatWriter.File([X, Y]), 0x01, 0x01),
            "byte 124: the header's version is 0x0101, not 0x0100 (a MATLAB 5 MAT-file)" },
        { "hdf5.mat", () => Version(MatWriter.File([X, Y]), 0x00, 0x02),
            "byte 124: a MATLAB 7.3 MAT-file is HDF5 inside, which this reader does not read: save it with -v7 or -v6" },
    };

    private static MatWriter.Variable X => new("X", 2, 1, [1, 2]);

    private static MatWriter.Variable Y => new("y", 2, 1, [1, 2]);

    private static byte[] Noise(int length)
    {
        var bytes = new byte[length];
        new Random(3).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Halved(byte[] bytes) => bytes[..(bytes.Length / 2)];

    /// <summary>A MAT-file with its header's version field (bytes 124–125, here little-endian) set.</summary>
    private static byte[] Version(byte[] file, byte low, byte high)
    {
        file[124] = low;
        file[125] = high;
        return file;
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

    [Fact]
    public void Float_images_holding_NaN_are_one_line()
    {
        string images = _folder.File("nan-images-idx3-ubyte");
        File.WriteAllBytes(images, IdxWriter.File(0x0D, [2, 1, 2], IdxWriter.Floats(0, 1, 0.5f, float.NaN)));
        File.WriteAllBytes(_folder.File("nan-labels-idx1-ubyte"), IdxWriter.File(0x08, [2], [3, 4]));
        string output = _folder.Write("model.json", "previous model");
        var r = CliRunner.Run("train", "--data", images, "--layers", "2", "--out", output);
        CliRunner.AssertUserError(r, $"{images}:image 2: pixel 2 is NaN, not a finite number");
        Assert.Equal("previous model", File.ReadAllText(output));
    }

    [Fact]
    public async Task Images_from_a_named_pipe_are_one_line()
    {
        if (OperatingSystem.IsWindows()) return; // no mkfifo
        var (images, writer) = await IdxWriter.Pipe(_folder, "pipe-images-idx3-ubyte", IdxWriter.File(0x08, [1, 1, 1], [0]));
        string output = _folder.Write("model.json", "previous model");
        var r = CliRunner.Run("train", "--data", images, "--layers", "2", "--out", output);
        CliRunner.AssertUserError(r, $"{images}: cannot read from a pipe or a device");
        Assert.Equal("previous model", File.ReadAllText(output));
        await writer.WaitAsync(TimeSpan.FromSeconds(10));
    }
}

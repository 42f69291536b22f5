using System.IO.Compression;
using System.Security.Cryptography;
using Backprop.Data.Idx;
using Backprop.Diagnostics;
using Backprop.Tensors;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Data;

/// <summary>MNIST images with the labels beside them: the real t10k set, where the labels are looked for, and the shapes refused.</summary>
public class MnistFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    // Fails (does not skip) with the folders it looked in when ../shared/data is missing.
    private static string Mnist(string name) => Backprop.Cli.Examples.SharedData.File($"mnist-t10k/{name}");

    private static readonly Lazy<(Matrix<double> Images, int[] Labels)> T10k = new(() => MnistFile.Read(Mnist("t10k-images-idx3-ubyte.gz")));

    [Fact]
    public void The_t10k_pixels_match_an_independent_parse()
    {
        // independent: python gzip+struct parse of t10k-images-idx3-ubyte.gz (raw bytes 0–255).
        var (images, labels) = T10k.Value;
        Assert.Equal(10_000, labels.Length);
        Assert.Equal(18_454, RawSum(images, 0));
        Assert.Equal(116, images.Row(0).ToArray().Count(p => p != 0));
        Assert.Equal(41_833, RawSum(images, 9_999));
        long total = 0;
        for (int r = 0; r < images.Rows; r++) total += RawSum(images, r);
        Assert.Equal(264_923_200, total);
        Assert.Equal([7, 2, 1, 0, 4, 1, 4, 9, 5, 9], labels[..10]);
        Assert.Equal([4, 5, 6], labels[^3..]);
    }

    private static long RawSum(Matrix<double> images, int row)
    {
        long sum = 0;
        foreach (double p in images.Row(row))
        {
            double raw = Math.Round(p * 255);
            if (Math.Abs(raw - p * 255) > 1e-9) Assert.Fail($"pixel {p} of image {row} is not a byte over 255");
            sum += (long)raw;
        }
        return sum;
    }

    [Fact]
    public void The_t10k_images_are_the_canonical_bytes()
    {
        // independent: python hashlib md5 of the gzip-decompressed images (the published t10k-images-idx3-ubyte).
        using var gz = new GZipStream(File.OpenRead(Mnist("t10k-images-idx3-ubyte.gz")), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        gz.CopyTo(raw);
        Assert.Equal("2646ac647ad5339dbf082846283269ea", Convert.ToHexStringLower(MD5.HashData(raw.ToArray())));
    }

    private static byte[] Idx(byte type, int[] dims, byte[] data) => IdxWriter.File(type, dims, data);

    private string Write(string name, byte[] bytes, bool gzip = false) => IdxWriter.Write(_folder, name, bytes, gzip);

    [Theory]
    [InlineData("a-images-idx3-ubyte.gz", "a-labels-idx1-ubyte")]
    [InlineData("b-images-idx3-ubyte", "b-labels-idx1-ubyte.gz")]
    [InlineData("c-images-idx3-ubyte.gz", "c-labels-idx1-ubyte.gz")]
    [InlineData("d-images-idx3-ubyte", "d-labels-idx1-ubyte")]
    public void The_labels_are_found_beside_the_images_with_or_without_gz(string imagesName, string labelsName)
    {
        string images = Write(imagesName, Idx(0x08, [2, 1, 2], [0, 255, 51, 102]), gzip: imagesName.EndsWith(".gz"));
        Write(labelsName, Idx(0x08, [2], [3, 9]), gzip: labelsName.EndsWith(".gz"));
        var (matrix, labels) = MnistFile.Read(images);
        Assert.Equal((2, 2), (matrix.Rows, matrix.Columns));
        Assert.Equal([0.0, 1.0, 0.2, 0.4], matrix.Span.ToArray());
        Assert.Equal([3, 9], labels);
    }

    [Fact]
    public void A_missing_labels_file_names_every_name_tried()
    {
        string images = Write("e-images-idx3-ubyte.gz", Idx(0x08, [1, 1, 1], [7]), gzip: true);
        var e = Assert.Throws<DataFormatException>(() => MnistFile.Read(images));
        Assert.Contains(images, e.Message);
        Assert.Contains("e-labels-idx1-ubyte.gz", e.Message);
        Assert.Matches(@"e-labels-idx1-ubyte(?!\.gz)", e.Message); // and without .gz
    }

    [Fact]
    public void A_missing_images_file_is_reported()
    {
        string images = _folder.File("nothing-images-idx3-ubyte.gz");
        var e = Assert.Throws<DataFormatException>(() => MnistFile.Read(images));
        Assert.Contains(images, e.Message);
        Assert.Contains("file not found", e.Message);
    }

    [Theory]
    [InlineData(new[] { 4 })]
    [InlineData(new[] { 2, 2 })]
    [InlineData(new[] { 1, 2, 1, 2 })]
    public void Images_that_are_not_three_dimensional_are_refused(int[] dims)
    {
        string images = Write("f-images-idx3-ubyte", Idx(0x08, dims, new byte[4]));
        Write("f-labels-idx1-ubyte", Idx(0x08, [1], [0]));
        var e = Assert.Throws<DataFormatException>(() => MnistFile.Read(images));
        Assert.Contains(images, e.Message);
        Assert.Contains($"3 dimensions (images × rows × columns), this one {dims.Length}", e.Message);
    }

    [Fact]
    public void A_label_above_nine_is_named_by_its_position()
    {
        string images = Write("g-images-idx3-ubyte", Idx(0x08, [3, 1, 1], [1, 2, 3]));
        string labels = Write("g-labels-idx1-ubyte", Idx(0x08, [3], [0, 9, 10]));
        var e = Assert.Throws<DataFormatException>(() => MnistFile.Read(images));
        Assert.Contains(labels, e.Message);
        Assert.Contains("label 3 is 10, not a digit 0–9", e.Message);
    }

    [Fact]
    public void Labels_that_are_not_one_dimensional_are_refused()
    {
        string images = Write("h-images-idx3-ubyte", Idx(0x08, [2, 1, 1], [1, 2]));
        string labels = Write("h-labels-idx1-ubyte", Idx(0x08, [2, 1], [0, 1]));
        var e = Assert.Throws<DataFormatException>(() => MnistFile.Read(images));
        Assert.Contains(labels, e.Message);
        Assert.Contains("a labels file has 1 dimension, this one 2", e.Message);
    }

    [Fact]
    public void Reading_t10k_allocates_the_pixels_once()
    {
        // 10,000 images × 784 pixels × 8 bytes = 62,720,000 bytes: no inflated copy of the file and no second matrix.
        long before = GC.GetAllocatedBytesForCurrentThread();
        var (images, _) = MnistFile.Read(Mnist("t10k-images-idx3-ubyte.gz"));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(7_840_000, images.Span.Length);
        Assert.InRange(allocated, 62_720_000, 62_720_000 + (1 << 20));
    }

    public static TheoryData<byte, byte[], double[]> OtherTypes => new()
    {
        { 0x09, [0xFF, 0x7F, 0x80, 0x00], [-1, 127, -128, 0] },                         // signed bytes
        { 0x0B, [0x01, 0x2C, 0xFF, 0xFE, 0x00, 0x00, 0x7F, 0xFF], [300, -2, 0, 32_767] }, // big-endian shorts
        { 0x0C, [0x00, 0x01, 0x11, 0x70, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 255], [70_000, -1, 0, 255] },
        { 0x0D, IdxWriter.Floats(0.5f, -1f, 300f, 0.25f), [0.5, -1, 300, 0.25] },
    };

    [Theory]
    [MemberData(nameof(OtherTypes))]
    public void Images_of_other_types_than_unsigned_bytes_are_taken_as_they_are(byte type, byte[] data, double[] expected)
    {
        string images = Write($"t{type}-images-idx3-ubyte", Idx(type, [2, 1, 2], data));
        Write($"t{type}-labels-idx1-ubyte", Idx(0x08, [2], [3, 9]));
        var (matrix, labels) = MnistFile.Read(images);
        Assert.Equal(expected, matrix.Span.ToArray());
        Assert.Equal([3, 9], labels);
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "Infinity")]
    [InlineData(float.NegativeInfinity, "-Infinity")]
    public void A_pixel_that_is_not_a_finite_number_is_refused_by_image_and_place(float value, string shown)
    {
        string images = Write("nan-images-idx3-ubyte", Idx(0x0D, [2, 1, 2], IdxWriter.Floats(0, 1, 0.5f, value)));
        Write("nan-labels-idx1-ubyte", Idx(0x08, [2], [3, 9]));
        var e = Assert.Throws<DataFormatException>(() => MnistFile.Read(images));
        Assert.Equal($"{images}:image 2: pixel 2 is {shown}, not a finite number", e.Message);
    }
}

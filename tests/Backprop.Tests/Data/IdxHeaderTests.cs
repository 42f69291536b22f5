using System.Buffers.Binary;
using System.IO.Compression;
using Backprop.Data.Idx;
using Backprop.Diagnostics;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Data;

/// <summary>IDX headers: every data type, and the sizes that must be refused before anything is allocated from them.</summary>
public class IdxHeaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static byte[] Header(byte type, params int[] dims) =>
        [0, 0, type, (byte)dims.Length, .. dims.SelectMany(d => new[] { (byte)(d >> 24), (byte)(d >> 16), (byte)(d >> 8), (byte)d })];

    private string Write(string name, byte[] bytes, bool gzip = false)
    {
        string path = _folder.File(name);
        if (!gzip) { File.WriteAllBytes(path, bytes); return path; }
        using (var stream = new GZipStream(File.Create(path), CompressionLevel.Fastest)) stream.Write(bytes);
        return path;
    }

    private DataFormatException Refused(byte[] bytes, bool gzip = false)
    {
        string path = Write("bad" + (gzip ? ".gz" : ".idx"), bytes, gzip);
        var e = Assert.Throws<DataFormatException>(() => IdxFile.Read(path));
        Assert.Contains(path, e.Message);
        return e;
    }

    [Fact]
    public void A_missing_file_is_reported()
    {
        string path = _folder.File("absent-images-idx3-ubyte");
        var e = Assert.Throws<DataFormatException>(() => IdxFile.Read(path));
        Assert.Equal($"{path}: file not found", e.Message);
    }

    [Fact]
    public void The_data_length_is_compared_with_the_header_saying_both_numbers()
    {
        byte[] file = [.. Header(0x08, 10_000, 28, 28), .. new byte[7_839_990]];
        var e = Refused(file, gzip: true);
        Assert.Contains("the header declares 10000×28×28 = 7,840,000 values but the file holds 7,839,990", e.Message);
    }

    [Fact]
    public void A_header_declaring_far_more_than_the_file_holds_is_refused_without_allocating_it()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Refused([.. Header(0x0E, 1 << 14, 1 << 14), 1, 2, 3]); // 2²⁸ doubles = 2 GiB declared, 3 bytes held
        Assert.Contains("16384×16384 = 268,435,456 values but the file holds 0 and a partial one", e.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
    }

    [Theory]
    [InlineData(0, "dimension 1 is 0")]
    [InlineData(-1, "dimension 1 is -1")]
    [InlineData(int.MinValue, "dimension 1 is -2147483648")]
    public void Zero_and_negative_dimensions_are_refused(int first, string problem)
    {
        var e = Refused([.. Header(0x08, first, 3), 1, 2, 3]);
        Assert.Contains(problem, e.Message);
        Assert.Equal("byte 4", e.Location);
    }

    [Fact]
    public void A_product_of_dimensions_that_overflows_is_refused()
    {
        var e = Refused([.. Header(0x08, 65_536, 65_536, 65_536), 0]);
        Assert.Contains("declares more values than any IDX file this reader takes", e.Message);
        Assert.Equal("byte 8", e.Location);
    }

    [Fact]
    public void A_header_cut_short_is_refused()
    {
        var e = Refused(Header(0x08, 5, 5, 5)[..10]);
        Assert.Contains("the header needs 16 bytes but the file has 10", e.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 8 }, "not an IDX file")]
    [InlineData(new byte[] { 0, 0, 8, 0, 1 }, "0 dimensions is not supported")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, "not an IDX file")]
    [InlineData(new byte[] { 0, 1, 8, 1, 0, 0, 0, 1, 5 }, "not an IDX file")]
    public void Files_that_are_not_idx_are_refused(byte[] bytes, string problem) => Assert.Contains(problem, Refused(bytes).Message);

    [Fact]
    public void Every_idx_type_is_read_big_endian()
    {
        Assert.Equal([-1.0, 127, -128], Read(0x09, [0xFF, 0x7F, 0x80]));
        Assert.Equal([-2.0, 300], Read(0x0B, [0xFF, 0xFE, 0x01, 0x2C]));
        Assert.Equal([-70_000.0], Read(0x0C, Big(b => BinaryPrimitives.WriteInt32BigEndian(b, -70_000), 4)));
        Assert.Equal([0.15625], Read(0x0D, Big(b => BinaryPrimitives.WriteSingleBigEndian(b, 0.15625f), 4)));
        Assert.Equal([Math.PI], Read(0x0E, Big(b => BinaryPrimitives.WriteDoubleBigEndian(b, Math.PI), 8)));
    }

    private double[] Read(byte type, byte[] data)
    {
        int size = type switch { 0x09 => 1, 0x0B => 2, 0x0C or 0x0D => 4, _ => 8 };
        var array = IdxFile.Read(Write($"t{type}.idx", [.. Header(type, data.Length / size), .. data]));
        Assert.Equal([data.Length / size], array.Dimensions);
        return array.Values;
    }

    private static byte[] Big(Action<byte[]> write, int size)
    {
        var b = new byte[size];
        write(b);
        return b;
    }

    [Fact]
    public void A_gzip_file_cut_inside_its_trailer_still_reads_when_its_data_is_whole()
    {
        // Only the size word of the trailer is lost; the IDX data inflates whole and agrees with its header. Refusing
        // it would also refuse valid multi-member gzip files (pigz, bgzip), whose last trailer counts only the last member.
        string good = Write("good.gz", [.. Header(0x08, 4, 4), .. Enumerable.Range(0, 16).Select(i => (byte)i)], gzip: true);
        var bytes = File.ReadAllBytes(good);
        string cut = _folder.File("cut.gz");
        File.WriteAllBytes(cut, bytes[..^3]);
        var array = IdxFile.Read(cut);
        Assert.Equal(Enumerable.Range(0, 16).Select(i => (double)i), array.Values);
    }

    [Fact]
    public void A_multi_member_gzip_file_reads()
    {
        byte[] idx = [.. Header(0x08, 4, 4), .. Enumerable.Range(0, 16).Select(i => (byte)i)];
        byte[] Gzip(byte[] data)
        {
            var output = new MemoryStream();
            using (var z = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true)) z.Write(data);
            return output.ToArray();
        }
        string path = _folder.File("members.gz");
        File.WriteAllBytes(path, [.. Gzip(idx[..10]), .. Gzip(idx[10..])]);
        Assert.Equal(Enumerable.Range(0, 16).Select(i => (double)i), IdxFile.Read(path).Values);
    }

    [Fact]
    public void Gzip_bytes_flipped_in_the_middle_are_reported()
    {
        var rng = new Random(7);
        var payload = new byte[20_000];
        rng.NextBytes(payload);
        string good = Write("mid.gz", [.. Header(0x08, 100, 200), .. payload], gzip: true);
        var bytes = File.ReadAllBytes(good);
        for (int i = bytes.Length / 2; i < bytes.Length / 2 + 8; i++) bytes[i] ^= 0xFF;
        var e = Refused(bytes);
        Assert.Contains("corrupt or truncated", e.Message);
    }
}

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

    private static byte[] Header(byte type, params int[] dims) => IdxWriter.Header(type, dims);

    private string Write(string name, byte[] bytes, bool gzip = false) => IdxWriter.Write(_folder, name, bytes, gzip);

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
        Assert.Contains("truncated: the header declares 10000×28×28 = 7,840,000 values but the file holds 7,839,990", e.Message);
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
        Assert.Contains("the header declares 65536×65536×65536 values, more than the limit of 268,435,456", e.Message);
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
        string path = _folder.File("members.gz");
        File.WriteAllBytes(path, [.. IdxWriter.Gzip(idx[..10]), .. IdxWriter.Gzip(idx[10..])]);
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
        // Either inflating fails, or it runs past the size the gzip trailer recorded (the trailer is untouched here).
        Assert.Contains("the gzip data is corrupt", e.Message);
    }

    [Fact]
    public void A_header_declaring_more_than_the_limit_is_refused_naming_it()
    {
        var e = Refused([.. Header(0x08, 16_385, 16_384), 0]); // 268,451,840 values: 16,384 over 2²⁸
        Assert.Contains("the header declares 16385×16384 values, more than the limit of 268,435,456", e.Message);
        Assert.Equal("byte 8", e.Location);
    }

    [Fact]
    public void The_limit_can_be_set_by_the_caller()
    {
        string path = Write("limit.idx", [.. Header(0x08, 4, 4), .. new byte[16]]);
        Assert.Equal(16, IdxFile.Read(path, maxValues: 16).Values.Length);
        var e = Assert.Throws<DataFormatException>(() => IdxFile.Read(path, maxValues: 15));
        Assert.Equal($"{path}:byte 8: the header declares 4×4 values, more than the limit of 15", e.Message);
    }

    [Fact]
    public void Data_after_the_declared_values_is_refused_as_trailing_data()
    {
        // 3 shorts declared (6 bytes), 7 bytes held.
        var plain = Refused([.. Header(0x0B, 3), 0, 1, 0, 2, 0, 3, 9]);
        Assert.Contains("trailing data: the header declares 3 = 3 values but the file holds 3 and a partial one", plain.Message);
        var packed = Refused([.. Header(0x08, 3), 1, 2, 3, 4, 5], gzip: true);
        Assert.Contains("trailing data: the header declares 3 = 3 values but the data goes on after them", packed.Message);
    }

    [Fact]
    public void A_gzip_bomb_is_refused_after_inflating_no_more_than_its_header_declares()
    {
        // One 28×28 image declared; the stream goes on with 64 MiB of zeros, in a file of about 64 KB.
        var bomb = IdxWriter.Bomb(Header(0x08, 1, 28, 28), 784 + (64 << 20));
        Assert.True(bomb.Length < 200_000, $"the bomb is {bomb.Length:N0} bytes");
        string path = Write("bomb.gz", bomb);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<DataFormatException>(() => IdxFile.Read(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal($"{path}: trailing data: the header declares 1×28×28 = 784 values but the data goes on after them", e.Message);
        Assert.True(allocated < 1 << 20, $"reading allocated {allocated:N0} bytes");
        Assert.True(clock.ElapsedMilliseconds < 1000, $"took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void A_small_gzip_file_declaring_a_huge_array_is_refused_without_allocating_it()
    {
        // 2²⁸ bytes declared (within the limit), 10 held, in a gzip file of a few dozen bytes.
        string path = Write("liar.gz", [.. Header(0x08, 1 << 14, 1 << 14), .. new byte[10]], gzip: true);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<DataFormatException>(() => IdxFile.Read(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal($"{path}: truncated: the header declares 16384×16384 = 268,435,456 values but the file holds 10", e.Message);
        Assert.True(allocated < 1 << 20, $"reading allocated {allocated:N0} bytes");
    }

    [Fact]
    public void A_gzip_stream_that_inflates_past_the_size_its_trailer_records_is_corrupt()
    {
        // The stream holds 8 values; the header declares 4, and the trailer is rewritten to 12 (header + 4): what the
        // writer wrote agrees with the header, so the extra bytes are damage, not data.
        var packed = IdxWriter.Gzip([.. Header(0x08, 4), 1, 2, 3, 4, 5, 6, 7, 8]);
        BinaryPrimitives.WriteUInt32LittleEndian(packed.AsSpan(packed.Length - 4), 12);
        var e = Refused(packed);
        Assert.Contains("the gzip data is corrupt: it inflates past the 12 bytes its trailer records", e.Message);
    }

    [Fact]
    public async Task A_named_pipe_is_refused_with_advice()
    {
        if (OperatingSystem.IsWindows()) return; // no mkfifo
        var (path, writer) = await IdxWriter.Pipe(_folder, "pipe-images-idx3-ubyte", Header(0x08, 1, 1, 1));
        var e = Assert.Throws<DataFormatException>(() => IdxFile.Read(path));
        Assert.Equal($"{path}: cannot read from a pipe or a device (its size is not known before reading); save it to a file first", e.Message);
        await writer.WaitAsync(TimeSpan.FromSeconds(10));
    }
}

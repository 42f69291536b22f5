using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Backprop.Data.Mat;
using Backprop.Diagnostics;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Data;

/// <summary>MAT-file data elements: every numeric storage type, the classes and shapes refused, and damaged compressed elements.</summary>
public class MatElementTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Ex4 => Backprop.Cli.Examples.SharedData.File("coursera-ex4/ex4weights.mat");

    private static readonly Lazy<IReadOnlyDictionary<string, MatVariable>> Ex4Variables = new(() => MatFile.Read(Ex4));

    private string Write(string name, byte[] bytes) { string p = _folder.File(name); File.WriteAllBytes(p, bytes); return p; }

    private static MatWriter.Variable A => new("A", 2, 3, [1, 4, 2, 5, 3, 6]); // column-major of [[1,2,3],[4,5,6]]

    /// <summary>A MAT-file of one miMATRIX element whose real part is <paramref name="data"/> stored as <paramref name="miType"/>.</summary>
    private static byte[] Raw(int rows, int columns, int miType, byte[] data, bool bigEndian = false, int mxClass = 6, int[]? dims = null,
        bool compressed = false)
    {
        dims ??= [rows, columns];
        var body = new List<byte>();
        body.AddRange(MatWriter.Element(6, [.. MatWriter.U32((uint)mxClass, bigEndian), .. MatWriter.U32(0, bigEndian)], bigEndian));
        body.AddRange(MatWriter.Element(5, dims.SelectMany(d => MatWriter.U32((uint)d, bigEndian)).ToArray(), bigEndian));
        body.AddRange(MatWriter.Element(1, Encoding.ASCII.GetBytes("V"), bigEndian));
        body.AddRange(MatWriter.Element(miType, data, bigEndian));
        var matrix = MatWriter.Element(14, [.. body], bigEndian);
        return [.. Header(bigEndian), .. compressed ? MatWriter.Compressed(matrix, bigEndian) : matrix];
    }

    private static byte[] Header(bool bigEndian) => MatWriter.File([], bigEndian: bigEndian);

    [Fact]
    public void Ex4weights_corners_and_sums_match_an_independent_parse()
    {
        // independent: python struct+zlib parse of ex4weights.mat (/tmp script, not committed).
        var t1 = Ex4Variables.Value["Theta1"];
        var t2 = Ex4Variables.Value["Theta2"];
        Assert.Equal(2, Ex4Variables.Value.Count);
        Assert.Equal(-0.022562389859934213, t1[0, 0]);
        Assert.Equal(8.794545314425748e-09, t1[24, 400]);
        Assert.Equal(0.01273905330649633, t1[12, 200]);
        Assert.Equal(-0.7610035157900087, t2[0, 0]);
        Assert.Equal(-1.3275204189639918, t2[9, 25]);
        Assert.Equal(9.24264392812007, t1.Values.Sum(), 10);
        Assert.Equal(-100.083443849304, t2.Values.Sum(), 10);
        var m = t2.ToMatrix();
        Assert.Equal((10, 26), (m.Rows, m.Columns));
        Assert.Equal(t2[9, 25], m[9, 25]);
    }

    [Fact]
    public void A_missing_file_is_reported()
    {
        string path = _folder.File("absent.mat");
        Assert.Equal($"{path}: file not found", Assert.Throws<DataFormatException>(() => MatFile.Read(path)).Message);
    }

    public static TheoryData<int, byte[], bool> StorageTypes => new()
    {
        { 1, [0xFF, 0x7F, 0x80, 0x01], false },                           // miINT8
        { 2, [0xFF, 0x00, 0x10, 0x01], false },                           // miUINT8
        { 3, [0xFF, 0xFF, 0x00, 0x80, 0x2C, 0x01, 0xFE, 0xFF], false },   // miINT16 LE: -1, -32768, 300, -2
        { 3, [0xFF, 0xFF, 0x80, 0x00, 0x01, 0x2C, 0xFF, 0xFE], true },    // miINT16 BE
        { 4, [0xFF, 0xFF, 0x00, 0x80, 0x2C, 0x01, 0xFE, 0xFF], false },   // miUINT16 LE: 65535, 32768, 300, 65534
        { 6, [.. U32Le(4_000_000_000), .. U32Le(0), .. U32Le(1), .. U32Le(7)], false }, // miUINT32
        { 12, [.. I64Le(-5_000_000_000), .. I64Le(0), .. I64Le(1), .. I64Le(-1)], false }, // miINT64
        { 13, [.. I64Le(5_000_000_000), .. I64Le(0), .. I64Le(1), .. I64Le(2)], false },   // miUINT64
    };

    private static byte[] U32Le(uint v) { var b = new byte[4]; BinaryPrimitives.WriteUInt32LittleEndian(b, v); return b; }

    private static byte[] I64Le(long v) { var b = new byte[8]; BinaryPrimitives.WriteInt64LittleEndian(b, v); return b; }

    [Theory]
    [MemberData(nameof(StorageTypes))]
    public void Every_integer_storage_type_becomes_doubles_in_row_major_order(int miType, byte[] data, bool bigEndian)
    {
        var v = MatFile.Read(Write("t.mat", Raw(2, 2, miType, data, bigEndian, compressed: true)))["V"];
        int size = data.Length / 4;
        var column = Enumerable.Range(0, 4).Select(i => Decode(miType, data.AsSpan(i * size, size), bigEndian)).ToArray();
        Assert.Equal([column[0], column[2], column[1], column[3]], v.Values); // the file is column-major
    }

    private static double Decode(int miType, ReadOnlySpan<byte> b, bool big) => miType switch
    {
        1 => (sbyte)b[0],
        2 => b[0],
        3 => big ? BinaryPrimitives.ReadInt16BigEndian(b) : BinaryPrimitives.ReadInt16LittleEndian(b),
        4 => BinaryPrimitives.ReadUInt16LittleEndian(b),
        6 => BinaryPrimitives.ReadUInt32LittleEndian(b),
        12 => BinaryPrimitives.ReadInt64LittleEndian(b),
        _ => BinaryPrimitives.ReadUInt64LittleEndian(b),
    };

    [Fact]
    public void A_big_endian_file_with_small_elements_and_compression_reads()
    {
        // 1×1 int8 data (1 byte) goes in the small element format, as do the name and a 1-byte real part.
        var v = MatFile.Read(Write("be.mat", Raw(1, 1, 1, [0xF6], bigEndian: true, mxClass: 8, compressed: true)))["V"];
        Assert.Equal((1, 1), (v.Rows, v.Columns));
        Assert.Equal([-10.0], v.Values);
    }

    [Fact]
    public void An_empty_matrix_reads_as_zero_by_zero()
    {
        var v = MatFile.Read(Write("e.mat", Raw(0, 0, 9, [])))["V"];
        Assert.Equal((0, 0), (v.Rows, v.Columns));
        Assert.Empty(v.Values);
    }

    [Theory]
    [InlineData(2, "is a struct")]
    [InlineData(3, "is an object")]
    [InlineData(5, "is a sparse matrix")]
    [InlineData(16, "of MATLAB class 16")]
    [InlineData(17, "of MATLAB class 17")]
    public void Other_classes_are_refused_naming_the_variable(int mxClass, string problem)
    {
        string path = Write("c.mat", MatWriter.File([A with { MxClass = mxClass }], compressed: true));
        var e = Assert.Throws<DataFormatException>(() => MatFile.Read(path));
        Assert.Contains(problem, e.Message);
        Assert.Equal("variable A", e.Location);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Three_dimensions_are_refused_naming_the_variable()
    {
        var e = Assert.Throws<DataFormatException>(() => MatFile.Read(Write("3d.mat", Raw(0, 0, 9, new byte[64], dims: [2, 2, 2]))));
        Assert.Contains("has 3 dimensions; only 2-dimensional matrices can be read", e.Message);
        Assert.Equal("variable V", e.Location);
    }

    [Fact]
    public void Values_that_disagree_with_the_dimensions_are_refused()
    {
        var e = Assert.Throws<DataFormatException>(() => MatFile.Read(Write("n.mat", Raw(2, 3, 9, new byte[40]))));
        Assert.Contains("declares 2×3 = 6 values but holds 5", e.Message);
    }

    [Fact]
    public void Real_data_that_is_not_numeric_is_refused()
    {
        var e = Assert.Throws<DataFormatException>(() => MatFile.Read(Write("u.mat", Raw(1, 2, 16, "ab"u8.ToArray()))));
        Assert.Contains("data type 16, which is not a numeric type", e.Message);
    }

    [Fact]
    public void A_version_7_3_file_found_by_its_hdf5_signature_is_refused_with_advice()
    {
        // A 7.3 file whose header text was rewritten: the HDF5 superblock at byte 512 still gives it away.
        var bytes = new byte[1024];
        Header(false).CopyTo(bytes, 0);
        byte[] signature = [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A];
        signature.CopyTo(bytes, 512);
        var e = Assert.Throws<DataFormatException>(() => MatFile.Read(Write("h5.mat", bytes)));
        Assert.Contains("HDF5", e.Message);
        Assert.Contains("-v7", e.Message);
    }

    [Fact]
    public void A_header_cut_short_is_refused()
    {
        var e = Assert.Throws<DataFormatException>(() => MatFile.Read(Write("short.mat", Header(false)[..60])));
        Assert.Contains("MAT-file", e.Message);
    }

    [Fact]
    public void An_unknown_byte_order_mark_is_refused()
    {
        var bytes = Header(false);
        bytes[126] = (byte)'X';
        var e = Assert.Throws<DataFormatException>(() => MatFile.Read(Write("bom.mat", bytes)));
        Assert.Contains("neither IM nor MI", e.Message);
        Assert.Equal("byte 126", e.Location);
    }

    [Fact]
    public void A_compressed_element_cut_short_is_reported_as_truncated()
    {
        var file = MatWriter.File([A], compressed: true);
        var e = Assert.Throws<DataFormatException>(() => MatFile.Read(Write("cut.mat", file[..^5])));
        Assert.Contains("truncated", e.Message);
        Assert.Equal("byte 128", e.Location);
    }

    [Fact]
    public void A_zlib_stream_that_ends_before_its_declared_size_is_reported()
    {
        // A complete zlib stream that holds only part of the element its tag declares.
        var element = MatWriter.Element(14, MatWriter.MatrixBody(A, false), false);
        var compressed = MatWriter.Compressed(element[..40]);
        var e = Assert.Throws<DataFormatException>(() => MatFile.Read(Write("short-z.mat", [.. Header(false), .. compressed])));
        Assert.Contains("inflates to less than it declares", e.Message);
    }

    [Fact]
    public void Zlib_bytes_flipped_in_the_middle_are_reported()
    {
        var rng = new Random(11);
        var values = Enumerable.Range(0, 2_000).Select(_ => rng.NextDouble()).ToArray();
        var file = MatWriter.File([new MatWriter.Variable("R", 40, 50, values)], compressed: true);
        int middle = 128 + (file.Length - 128) / 2;
        for (int i = middle; i < middle + 8; i++) file[i] ^= 0xFF;
        string path = Write("mid.mat", file);
        var e = Assert.Throws<DataFormatException>(() => MatFile.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Equal("byte 128", e.Location);
    }

    [Fact]
    public void A_small_element_declaring_more_than_four_bytes_is_refused()
    {
        byte[] bad = [.. Header(false), .. MatWriter.U32((9u << 16) | 1, false), 1, 2, 3, 4];
        var e = Assert.Throws<DataFormatException>(() => MatFile.Read(Write("small.mat", bad)));
        Assert.Contains("declares 9 bytes (at most 4 fit)", e.Message);
    }

    [Fact]
    public void A_file_over_the_limit_is_refused_before_it_is_read()
    {
        string path = Write("big.mat", MatWriter.File([A]));
        Assert.Contains("more than the limit of 100", Assert.Throws<DataFormatException>(() => MatFile.Read(path, maxBytes: 100)).Message);
    }

    [Fact]
    public void A_zip_bomb_declaring_a_small_element_is_refused_quickly()
    {
        // The inner tag declares 16 bytes; the stream holds 48 MB of zeros after it.
        var packed = new MemoryStream();
        using (var z = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write([.. MatWriter.U32(14, false), .. MatWriter.U32(16, false)]);
            var zeros = new byte[1 << 20];
            for (int i = 0; i < 48; i++) z.Write(zeros);
        }
        byte[] file = [.. Header(false), .. MatWriter.U32(15, false), .. MatWriter.U32((uint)packed.Length, false), .. packed.ToArray()];
        Assert.True(file.Length < 200_000, $"the bomb is {file.Length:N0} bytes");
        string path = Write("bomb.mat", file);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var e = Assert.Throws<DataFormatException>(() => MatFile.Read(path));
        Assert.True(clock.ElapsedMilliseconds < 500, $"took {clock.ElapsedMilliseconds} ms");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 1 << 20, $"reading allocated {allocated:N0} bytes");
        Assert.Contains("the compressed element inflates past its declared size", e.Message);
        Assert.Equal("byte 128", e.Location);
    }
}

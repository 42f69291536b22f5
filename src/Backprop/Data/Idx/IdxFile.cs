using System.Buffers.Binary;
using System.IO.Compression;
using Backprop.Diagnostics;

namespace Backprop.Data.Idx;

/// <summary>
/// Reads IDX files (the MNIST format), plain or gzip-compressed (recognised by their first bytes, not their name):
/// two zero bytes, a type code, the number of dimensions, the dimensions as big-endian 32-bit integers, then the data.
/// The header is read and checked first; the data must then hold exactly the values it declares. Fewer is a truncated
/// file and more is trailing data, both refused; a gzip stream is inflated no further than one byte past the declared
/// data, so a small file that would inflate to gigabytes costs what its header declares and no more.
/// </summary>
internal static class IdxFile
{
    /// <summary>The most values a file may declare unless told otherwise: 2²⁸, 2 GiB as doubles (the 60,000 MNIST training images hold 47
    /// million).</summary>
    public const long MaxValues = 1L << 28;

    /// <summary>Deflate's highest ratio (zlib's FAQ): a gzip file inflates to at most this many times its size.</summary>
    private const long MaxInflation = 1032;

    /// <summary>Bytes read at a time: a multiple of every value size.</summary>
    private const int ChunkBytes = 1 << 16;

    private sealed record Header(IdxType Type, int ValueSize, int[] Dimensions, long Count, int Length);

    /// <summary>Reads <paramref name="path"/>, refusing a header that declares more than <paramref name="maxValues"/> values.</summary>
    /// <exception cref="DataFormatException">The file is missing, not IDX, corrupt, truncated, declares too many values, or holds data after the
    /// values it declares.</exception>
    public static IdxArray Read(string path, long maxValues = MaxValues)
    {
        if (!File.Exists(path)) throw new DataFormatException("file not found", path);
        try
        {
            using var file = File.OpenRead(path);
            if (!file.CanSeek)
                throw new DataFormatException("cannot read from a pipe or a device (its size is not known before reading); save it to a file first",
                    path);
            bool gzip = IsGzip(file);
            using var data = gzip ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
            var header = ReadHeader(data, path, Math.Min(maxValues, Array.MaxLength));
            long declaredBytes = header.Count * header.ValueSize;
            // A plain file's length tells what it holds before anything is read or allocated. A gzip file's does not, but
            // bounds it: a small file that declares a huge array gets a buffer only as large as its data could inflate to.
            long capacity = header.Count;
            if (!gzip && file.Length - header.Length != declaredBytes) throw SizeMismatch(header, file.Length - header.Length, path);
            if (gzip) capacity = Math.Min(capacity, file.Length * MaxInflation / header.ValueSize);
            var values = ReadValues(data, header, capacity, path);
            if (data.ReadByte() >= 0)
            {
                // gzip ends with the size it was written from (mod 2³²): if that is just the header and the declared data,
                // the stream, not the file it was made from, goes on.
                long written = header.Length + declaredBytes;
                if (gzip && TrailerSize(file) == (uint)written)
                    throw new DataFormatException($"the gzip data is corrupt: it inflates past the {written:N0} bytes its trailer records", path);
                throw new DataFormatException($"trailing data: the header declares {Shape(header)} values but the data goes on after them", path);
            }
            return new IdxArray(header.Dimensions, values, header.Type);
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException($"the gzip data is corrupt or truncated ({e.Message.TrimEnd('.')})", path, inner: e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException($"cannot read: {e.Message}", path, inner: e);
        }
    }

    private static bool IsGzip(FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        bool gzip = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
        file.Position = 0;
        return gzip;
    }

    /// <summary>The last 4 bytes of a gzip file: the uncompressed size of its last member, mod 2³².</summary>
    private static uint TrailerSize(FileStream file)
    {
        Span<byte> size = stackalloc byte[4];
        return file.Length >= 18 && RandomAccess.Read(file.SafeFileHandle, size, file.Length - 4) == 4
            ? BinaryPrimitives.ReadUInt32LittleEndian(size) : 0;
    }

    private static Header ReadHeader(Stream data, string path, long maxValues)
    {
        var start = new byte[4];
        int read = data.ReadAtLeast(start, 4, throwOnEndOfStream: false);
        if (read == 0) throw new DataFormatException("the file is empty", path);
        if (read < 4 || start[0] != 0 || start[1] != 0)
            throw new DataFormatException("not an IDX file (it does not start with the IDX magic number)", path, "byte 0");
        var type = (IdxType)start[2];
        int size = type switch { IdxType.UnsignedByte or IdxType.SignedByte => 1, IdxType.Short => 2, IdxType.Int or IdxType.Float => 4,
            IdxType.Double => 8, _ => 0 };
        if (size == 0) throw new DataFormatException($"unknown IDX data type 0x{start[2]:X2}", path, "byte 2");
        int rank = start[3];
        if (rank is < 1 or > 8) throw new DataFormatException($"an IDX file of {rank} dimensions is not supported", path, "byte 3");
        var sizes = new byte[4 * rank];
        read = data.ReadAtLeast(sizes, sizes.Length, throwOnEndOfStream: false);
        if (read < sizes.Length) throw new DataFormatException($"the header needs {4 + sizes.Length} bytes but the file has {4 + read}", path);
        var dimensions = new int[rank];
        for (int d = 0; d < rank; d++)
        {
            dimensions[d] = BinaryPrimitives.ReadInt32BigEndian(sizes.AsSpan(4 * d));
            if (dimensions[d] < 1) throw new DataFormatException($"dimension {d + 1} is {dimensions[d]}", path, $"byte {4 + 4 * d}");
        }
        long count = 1;
        for (int d = 0; d < rank; d++)
        {
            if (count > maxValues / dimensions[d]) // count × dimension > maxValues, without overflowing
                throw new DataFormatException($"the header declares {string.Join("×", dimensions)} values, more than the limit of {maxValues:N0}",
                    path, $"byte {4 + 4 * d}");
            count *= dimensions[d];
        }
        return new Header(type, size, dimensions, count, 4 + sizes.Length);
    }

    /// <summary>Exactly the declared values, into an array of <paramref name="capacity"/> values at first.</summary>
    private static double[] ReadValues(Stream data, Header header, long capacity, string path)
    {
        var values = new double[capacity];
        var chunk = new byte[Math.Min(ChunkBytes, header.Count * header.ValueSize)];
        long filled = 0;
        while (filled < header.Count)
        {
            int want = (int)Math.Min(chunk.Length, (header.Count - filled) * header.ValueSize);
            int got = data.ReadAtLeast(chunk.AsSpan(0, want), want, throwOnEndOfStream: false);
            if (got < want) throw SizeMismatch(header, filled * header.ValueSize + got, path);
            int count = want / header.ValueSize;
            // Never for a valid deflate stream (capacity is what it could inflate to); a copy rather than a crash if so.
            if (filled + count > values.Length) Array.Resize(ref values, (int)Math.Min(header.Count, Math.Max(filled + count, 2L * values.Length)));
            Decode(header.Type, chunk.AsSpan(0, want), values.AsSpan((int)filled, count));
            filled += count;
        }
        return values;
    }

    private static void Decode(IdxType type, Span<byte> bytes, Span<double> values)
    {
        switch (type)
        {
            case IdxType.UnsignedByte: StoredNumbers.Widen<byte>(bytes, bigEndian: true, values); break;
            case IdxType.SignedByte: StoredNumbers.Widen<sbyte>(bytes, bigEndian: true, values); break;
            case IdxType.Short: StoredNumbers.Widen<short>(bytes, bigEndian: true, values); break;
            case IdxType.Int: StoredNumbers.Widen<int>(bytes, bigEndian: true, values); break;
            case IdxType.Float: StoredNumbers.Widen<float>(bytes, bigEndian: true, values); break;
            default: StoredNumbers.Widen<double>(bytes, bigEndian: true, values); break;
        }
    }

    private static string Shape(Header header) => $"{string.Join("×", header.Dimensions)} = {header.Count:N0}";

    /// <summary>The data holds <paramref name="heldBytes"/> where the header declares another size.</summary>
    private static DataFormatException SizeMismatch(Header header, long heldBytes, string path)
    {
        string problem = heldBytes < header.Count * header.ValueSize ? "truncated" : "trailing data";
        string partial = heldBytes % header.ValueSize == 0 ? "" : " and a partial one";
        return new DataFormatException($"{problem}: the header declares {Shape(header)} values but the file holds " +
            $"{heldBytes / header.ValueSize:N0}{partial}", path);
    }
}

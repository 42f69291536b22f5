using System.Buffers.Binary;
using System.IO.Compression;
using Backprop.Diagnostics;

namespace Backprop.Data.Idx;

/// <summary>
/// Reads IDX files (the MNIST format), plain or gzip-compressed (recognised by their first bytes, not their name):
/// two zero bytes, a type code, the number of dimensions, the dimensions as big-endian 32-bit integers, then the data.
/// Every size is checked against the file before anything is allocated from it.
/// </summary>
public static class IdxFile
{
    /// <summary>The most bytes a decompressed file may hold.</summary>
    public const long MaxBytes = 1L << 31;

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="DataFormatException">The file is missing, not IDX, corrupt, truncated, or its header disagrees with its size.</exception>
    public static IdxArray Read(string path)
    {
        var (bytes, trailerDisagrees) = Load(path);
        try
        {
            return Parse(bytes, path);
        }
        catch (DataFormatException) when (trailerDisagrees)
        {
            // The gzip trailer's size disagrees with what inflated (a cut-off stream inflates to a prefix without
            // complaint), and the data does not hold together: say so. A valid multi-member gzip also disagrees with
            // its last trailer, but parses, so it is not refused.
            throw new DataFormatException("the gzip data is corrupt or truncated (it inflates to fewer bytes than its trailer says, and what inflates is not a whole IDX file)", path);
        }
    }

    private static IdxArray Parse(byte[] bytes, string path)
    {
        if (bytes.Length == 0) throw new DataFormatException("the file is empty", path);
        if (bytes.Length < 4 || bytes[0] != 0 || bytes[1] != 0)
            throw new DataFormatException("not an IDX file (it does not start with the IDX magic number)", path, "byte 0");
        byte type = bytes[2];
        int size = type switch { 0x08 or 0x09 => 1, 0x0B => 2, 0x0C or 0x0D => 4, 0x0E => 8, _ => 0 };
        if (size == 0) throw new DataFormatException($"unknown IDX data type 0x{type:X2}", path, "byte 2");
        int rank = bytes[3];
        if (rank is < 1 or > 8) throw new DataFormatException($"an IDX file of {rank} dimensions is not supported", path, "byte 3");
        int header = 4 + 4 * rank;
        if (bytes.Length < header) throw new DataFormatException($"the header needs {header} bytes but the file has {bytes.Length}", path);
        var dimensions = new int[rank];
        long count = 1;
        for (int d = 0; d < rank; d++)
        {
            dimensions[d] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * d));
            if (dimensions[d] < 1) throw new DataFormatException($"dimension {d + 1} is {dimensions[d]}", path, $"byte {4 + 4 * d}");
            count *= dimensions[d];
            if (count > MaxBytes) throw new DataFormatException("the header declares more values than any IDX file this reader takes", path, $"byte {4 + 4 * d}");
        }
        long available = (bytes.Length - header) / size;
        if (count * size != bytes.Length - header)
            throw new DataFormatException($"the header declares {string.Join("×", dimensions)} = {count:N0} values but the file holds {available:N0}" +
                ((bytes.Length - header) % size == 0 ? "" : " and a partial one") + " (truncated or not what its name says)", path);
        var values = new double[count];
        var data = bytes.AsSpan(header);
        for (long i = 0; i < count; i++)
        {
            var at = data.Slice((int)(i * size), size);
            values[i] = type switch
            {
                0x08 => at[0],
                0x09 => (sbyte)at[0],
                0x0B => BinaryPrimitives.ReadInt16BigEndian(at),
                0x0C => BinaryPrimitives.ReadInt32BigEndian(at),
                0x0D => BinaryPrimitives.ReadSingleBigEndian(at),
                _ => BinaryPrimitives.ReadDoubleBigEndian(at),
            };
        }
        return new IdxArray(dimensions, values);
    }

    private static (byte[] Bytes, bool TrailerDisagrees) Load(string path)
    {
        if (!File.Exists(path)) throw new DataFormatException("file not found", path);
        try
        {
            var raw = File.ReadAllBytes(path);
            if (raw.Length < 2 || raw[0] != 0x1F || raw[1] != 0x8B) return (raw, false);
            using var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            using var inflated = new MemoryStream();
            var buffer = new byte[1 << 16];
            int read;
            while ((read = gzip.Read(buffer)) > 0)
            {
                inflated.Write(buffer, 0, read);
                if (inflated.Length > MaxBytes) throw new DataFormatException($"the gzip data inflates past {MaxBytes:N0} bytes", path);
            }
            // gzip ends with the uncompressed size mod 2³² (of its last member).
            bool disagrees = raw.Length < 18 || BinaryPrimitives.ReadUInt32LittleEndian(raw.AsSpan(raw.Length - 4)) != (uint)inflated.Length;
            return (inflated.ToArray(), disagrees);
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
}

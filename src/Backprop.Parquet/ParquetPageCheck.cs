using System.Globalization;
using Backprop.Diagnostics;
using Parquet.Meta;

namespace Backprop.Parquet;

/// <summary>
/// The page headers of one column chunk, walked before the chunk is decoded: each page must lie inside its chunk, claim
/// no more decompressed bytes than its compressed bytes can give (or a few tens of megabytes), and no more values than
/// the chunk's rows, and all of them together as many values as the chunk claims; each header's lengths must fit (<see cref="ThriftShape"/>).
/// </summary>
internal static class ParquetPageCheck
{
    /// <summary>The largest decompression believed: bytes out per byte in (zstd of constant data can reach this).</summary>
    public const long MaxRatio = 4096;

    /// <summary>Bytes any page may decompress to, whatever its compressed size.</summary>
    public const long FreeBytes = 64L << 20;

    /// <summary>Checks the pages of <paramref name="meta"/>'s chunk, read from <paramref name="stream"/> (its position is restored).</summary>
    public static void Pages(Stream stream, ColumnMetaData meta, long rows, string where, string path)
    {
        long saved = stream.Position, end = ParquetFileCheck.Start(meta) + meta.TotalCompressedSize, total = 0;
        try
        {
            for (long at = ParquetFileCheck.Start(meta); at < end;)
            {
                var (header, length) = Header(stream, at, end, where, path);
                long compressed = header.GetValueOrDefault(3, -1), decompressed = header.GetValueOrDefault(2, -1);
                string page = $"{where}: the page at byte {N(at)}";
                if (compressed < 0 || compressed > end - at - length)
                    throw Corrupt($"{page} claims {N(compressed)} bytes, but its column chunk has {N(end - at - length)} left", path);
                long most = Math.Max(FreeBytes, compressed * MaxRatio);
                if (decompressed < 0 || decompressed > most)
                    throw Corrupt($"{page} claims {N(decompressed)} bytes once decompressed from {N(compressed)} " +
                        $"(at most {N(most)} are believed)", path);
                long values = header.GetValueOrDefault(5001, header.GetValueOrDefault(8001, 0));
                if (values < 0 || values > rows) throw Corrupt($"{page} claims {N(values)} values of a chunk of {N(rows)} rows", path);
                // A dictionary holds the chunk's distinct values: no more than its rows, and a bit each at least.
                long entries = header.GetValueOrDefault(7001, 0);
                if (entries < 0 || entries > rows || entries > decompressed * 8 + 8)
                    throw Corrupt($"{page} claims a dictionary of {N(entries)} values in {N(decompressed)} bytes for {N(rows)} rows", path);
                total += values;
                at += length + compressed;
            }
            if (total != meta.NumValues)
                throw Corrupt($"{where}: its pages hold {N(total)} values, but the chunk claims {N(meta.NumValues)}", path);
        }
        finally { stream.Position = saved; }
    }

    /// <summary>The integer fields of the page header at <paramref name="at"/>, and the header's length.</summary>
    private static (Dictionary<int, long> Fields, long Length) Header(Stream stream, long at, long end, string where, string path)
    {
        // A header is a few dozen bytes; one with long statistics is read again with the rest of its chunk.
        for (long want = Math.Min(end - at, 1 << 16); ; want = end - at)
        {
            var bytes = new byte[want];
            stream.Position = at;
            stream.ReadExactly(bytes);
            try
            {
                var shape = ThriftShape.Walk(bytes, 0, bytes.Length);
                return (shape.Integers, shape.End);
            }
            catch (InvalidDataException e)
            {
                if (want < end - at) continue;
                throw Corrupt($"{where}: the page header at byte {N(at)} is damaged ({e.Message})", path);
            }
        }
    }

    private static DataFormatException Corrupt(string claim, string path) =>
        new($"is not a readable Parquet file (truncated or corrupt?): {claim}", path);

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}

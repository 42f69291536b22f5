using System.Buffers.Binary;
using System.Globalization;
using Backprop.Diagnostics;
using Parquet.Meta;

namespace Backprop.Parquet;

/// <summary>
/// What a Parquet file declares about itself, checked against its real size and sane limits before anything is
/// allocated for it: the frame (magic bytes, footer length), then each row group's row count and each column chunk's
/// place, size and value count. A damaged or forged footer is refused naming the row group, the column and the claim.
/// </summary>
internal static class ParquetFileCheck
{
    /// <summary>The densest data believed: rows per byte of a row group's column data (a bit per row is already dense).</summary>
    public const long RowsPerByte = 256;

    /// <summary>Rows any row group may declare whatever its size (a few megabytes to read).</summary>
    public const long FreeRows = 65_536;

    /// <summary>Bytes of memory one value takes while read (the value, its missing flag, its text or number cell).</summary>
    private const long BytesPerCell = 24;

    private static readonly byte[] Magic = "PAR1"u8.ToArray();

    /// <summary>Where the footer starts: after checking the magic bytes at both ends and the footer's length.</summary>
    public static long FooterStart(Stream stream, string path)
    {
        long length = stream.Length;
        if (length < 12) throw new DataFormatException($"is not a Parquet file: {length} bytes is too short for one (it may be truncated)", path);
        Span<byte> head = stackalloc byte[4], tail = stackalloc byte[8];
        stream.Position = 0;
        stream.ReadExactly(head);
        stream.Position = length - 8;
        stream.ReadExactly(tail);
        stream.Position = 0;
        if (!head.SequenceEqual(Magic)) throw new DataFormatException("is not a Parquet file: it does not start with PAR1", path);
        if (tail[4..].SequenceEqual("PARE"u8)) throw new DataFormatException("is an encrypted Parquet file, which Backprop does not read", path);
        if (!tail[4..].SequenceEqual(Magic))
            throw new DataFormatException("is not a readable Parquet file (truncated or corrupt?): it does not end with PAR1", path);
        long footer = BinaryPrimitives.ReadUInt32LittleEndian(tail);
        if (footer == 0 || footer > length - 12)
            throw Corrupt($"its footer claims {N(footer)} bytes of a {N(length)}-byte file", path);
        var bytes = new byte[footer];
        stream.Position = length - 8 - footer;
        stream.ReadExactly(bytes);
        stream.Position = 0;
        try { ThriftShape.Walk(bytes, 0, bytes.Length); }
        catch (InvalidDataException e) { throw Corrupt($"its footer is damaged: {e.Message} of {N(footer)}", path); }
        return length - 8 - footer;
    }

    /// <summary>
    /// Checks every row group of <paramref name="meta"/> against the data region (bytes 4 to <paramref name="footerStart"/>)
    /// and the memory there is.
    /// </summary>
    public static void RowGroups(FileMetaData meta, IReadOnlyList<string> columns, long footerStart, long fileLength, string path)
    {
        var groups = meta.RowGroups ?? [];
        long total = 0;
        for (int g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            string where = $"row group {g + 1} of {groups.Count}";
            if (group.NumRows < 0) throw Corrupt($"{where} claims {N(group.NumRows)} rows", path);
            var chunks = group.Columns ?? [];
            if (chunks.Count != columns.Count) throw Corrupt($"{where} has {chunks.Count} columns but the schema has {columns.Count}", path);
            long bytes = 0;
            for (int c = 0; c < chunks.Count; c++)
                bytes += Chunk(chunks[c], group.NumRows, $"{where}, column {ParquetNames.Show(columns[c])}", footerStart, fileLength, path);
            long most = Math.Max(FreeRows, bytes > long.MaxValue / RowsPerByte ? long.MaxValue : bytes * RowsPerByte);
            if (group.NumRows > most)
                throw Corrupt($"{where} claims {N(group.NumRows)} rows, but its column data is {N(bytes)} bytes of a {N(fileLength)}-byte file " +
                    $"(at most {N(most)} rows fit)", path);
            Memory(group.NumRows, columns.Count, where, path);
            total += group.NumRows;
        }
        if (meta.NumRows != total) throw Corrupt($"the footer claims {N(meta.NumRows)} rows but its row groups hold {N(total)}", path);
    }

    /// <summary>The bytes of one column chunk, after checking they lie in the data region and hold one value per row.</summary>
    private static long Chunk(ColumnChunk chunk, long rows, string where, long footerStart, long fileLength, string path)
    {
        if (chunk.FilePath is not null) throw new DataFormatException($"{where} is kept in another file, which Backprop does not read", path);
        var meta = chunk.MetaData ?? throw Corrupt($"{where} has no description of its data", path);
        long first = Start(meta);
        long size = meta.TotalCompressedSize;
        if (size <= 0 || size > footerStart - 4)
            throw Corrupt($"{where} claims {N(size)} bytes of data, but the file holds {N(footerStart - 4)} bytes of data in {N(fileLength)}", path);
        if (first < 4 || first > footerStart - size)
            throw Corrupt($"{where} claims its data at bytes {N(first)} to {N(first + size)}, " +
                $"outside the file's data (bytes 4 to {N(footerStart)})", path);
        if (meta.TotalUncompressedSize < 0 || meta.TotalUncompressedSize > Array.MaxLength)
            throw Corrupt($"{where} claims {N(meta.TotalUncompressedSize)} bytes once decompressed (at most {N(Array.MaxLength)} are read)", path);
        if (meta.NumValues != rows) throw Corrupt($"{where} claims {N(meta.NumValues)} values for {N(rows)} rows", path);
        return size;
    }

    /// <summary>Where a column chunk's first page is: its dictionary's, or its first data page's.</summary>
    public static long Start(ColumnMetaData meta) =>
        meta.DictionaryPageOffset is long d && d > 0 ? Math.Min(d, meta.DataPageOffset) : meta.DataPageOffset;

    /// <summary>Refuses a row group that could not be held in the memory there is (a real one too: it needs smaller row groups).</summary>
    private static void Memory(long rows, int columns, string where, string path)
    {
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        double needs = (double)rows * columns * BytesPerCell;
        if (needs > available / 2.0)
            throw new DataFormatException($"{where} has {N(rows)} rows of {columns} columns: reading it takes about {Size(needs)} " +
                $"and {Size(available)} of memory is available; write the file with smaller row groups", path);
    }

    private static DataFormatException Corrupt(string claim, string path) =>
        new($"is not a readable Parquet file (truncated or corrupt?): {claim}", path);

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Size(double bytes) =>
        bytes >= 1 << 30 ? $"{(bytes / (1 << 30)).ToString("0.#", CultureInfo.InvariantCulture)} GB" : $"{Math.Ceiling(bytes / (1 << 20)):0} MB";
}

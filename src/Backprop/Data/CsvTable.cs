using System.Globalization;
using CsvHelper;
using Backprop.Diagnostics;

namespace Backprop.Data;

/// <summary>A CSV file as read: a header of column names and rows of text fields, each with the line it started on.</summary>
public sealed class CsvTable
{
    private CsvTable(string path, string[] header, List<string[]> rows, List<int> lines)
    {
        Path = path;
        Header = header;
        Rows = rows;
        Lines = lines;
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>Column names from the header row.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The data rows, each with one field per column.</summary>
    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>The line in the file where each data row starts (1 is the header).</summary>
    public IReadOnlyList<int> Lines { get; }

    /// <summary>The index of column <paramref name="name"/>.</summary>
    /// <exception cref="DataFormatException">There is no such column.</exception>
    public int ColumnIndex(string name)
    {
        for (int c = 0; c < Header.Count; c++)
            if (Header[c] == name) return c;
        throw new DataFormatException($"there is no column '{name}' (the columns are: {string.Join(", ", Header)})", Path);
    }

    /// <summary>Reads and checks <paramref name="path"/>: it must exist, be text, have a header of distinct names and at least one row, every row as wide as the header.</summary>
    public static CsvTable Read(string path)
    {
        if (Directory.Exists(path)) throw new DataFormatException("is a folder, not a CSV file", path);
        if (!File.Exists(path)) throw new DataFormatException("file not found", path);
        try
        {
            using var stream = File.OpenRead(path);
            if (stream.Length == 0) throw new DataFormatException("the file is empty", path);
            EnsureText(stream, path);
            var options = new CsvReaderOptions
            {
                HasHeader = true,
                TrimWhitespace = true,
                SkipEmptyLines = true,
                TrackLineNumbers = true,
                AllowLineBreaksInQuotes = true,
                MalformedData = CsvMalformedDataHandling.Throw,
                FieldCountMismatch = CsvFieldCountHandling.Allow,
                FormatProvider = CultureInfo.InvariantCulture,
            };
            using var reader = CsvReader.Create(stream, options, leaveOpen: true);
            reader.ReadHeader();
            var header = reader.Headers.ToArray();
            if (header.Length == 0 || header.All(h => h.Length == 0)) throw new DataFormatException("the file is empty", path);
            CheckHeader(header, path);
            var rows = new List<string[]>();
            var lines = new List<int>();
            while (reader.Read())
            {
                int line = (int)reader.LineNumber;
                var record = new string[reader.FieldCount];
                for (int c = 0; c < record.Length; c++) record[c] = reader.GetString(c);
                if (record.Length != header.Length)
                    throw new DataFormatException($"this row has {record.Length} fields but the header has {header.Length}", path, line.ToString(CultureInfo.InvariantCulture));
                rows.Add(record);
                lines.Add(line);
            }
            if (rows.Count == 0) throw new DataFormatException("the file has a header but no data rows", path);
            return new CsvTable(path, header, rows, lines);
        }
        catch (CsvFormatException e)
        {
            throw new DataFormatException($"malformed CSV: {e.Message.TrimEnd('.')}", path,
                e.LineNumber > 0 ? e.LineNumber.ToString(CultureInfo.InvariantCulture) : null, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException($"cannot read: {e.Message}", path, inner: e);
        }
    }

    private static void EnsureText(Stream stream, string path)
    {
        var head = new byte[Math.Min(8192, stream.Length)];
        stream.ReadExactly(head);
        stream.Position = 0;
        if (head.Length >= 2 && head[0] == 0x1F && head[1] == 0x8B)
            throw new DataFormatException("is gzip-compressed, not a CSV text file", path);
        if (Array.IndexOf(head, (byte)0) >= 0)
            throw new DataFormatException("is a binary file, not CSV text", path);
    }

    private static void CheckHeader(string[] header, string path)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int c = 0; c < header.Length; c++)
        {
            if (header[c].Length == 0)
                throw new DataFormatException($"column {c + 1} of the header has no name", path, $"1:{c + 1}");
            if (!seen.Add(header[c]))
                throw new DataFormatException($"the column name '{header[c]}' appears twice in the header", path, $"1:{c + 1}");
        }
    }
}

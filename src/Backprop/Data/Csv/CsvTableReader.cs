using Backprop.Diagnostics;

namespace Backprop.Data.Csv;

/// <summary>
/// Reads a CSV file in blocks of rows, each a <see cref="CsvTable"/>, so that a file of any length is processed in
/// bounded memory (streaming prediction). The stream is read once, without seeking.
/// </summary>
internal sealed class CsvTableReader : ITableReader
{
    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly CsvScanner _scanner;
    private readonly CsvReadOptions _options;
    private readonly string[] _header;
    private bool _anyRow;
    private readonly bool[] _pastLimit = [];   // columns that held more distinct values than the limit in an earlier block

    internal CsvTableReader(Stream stream, string path, CsvReadOptions options, bool ownsStream)
    {
        options.Validate();
        _stream = stream;
        _ownsStream = ownsStream;
        _options = options;
        Path = path;
        _scanner = new CsvScanner(stream, path);
        try
        {
            if (!_scanner.Start()) throw new DataFormatException("the file is empty", path);
            if (options.Delimiter is char d) _scanner.Delimiter = (byte)d;
            else _scanner.DetectDelimiter();
            if (!_scanner.Read()) throw new DataFormatException("the file is empty", path);
            _header = new string[_scanner.FieldCount];
            for (int c = 0; c < _header.Length; c++) _header[c] = _scanner.FieldText(c);
            if (_header.All(h => h.Length == 0)) throw new DataFormatException("the file is empty", path);
            CheckHeader(_header, path);
            _pastLimit = new bool[_header.Length];
        }
        catch
        {
            _scanner.Dispose();
            if (ownsStream) stream.Dispose();
            throw;
        }
    }

    /// <summary>The file read (<c>stdin</c> for standard input).</summary>
    public string Path { get; }

    /// <summary>Column names from the header row.</summary>
    public IReadOnlyList<string> Header => _header;

    /// <summary>The field delimiter in use (given or detected).</summary>
    public char Delimiter => (char)_scanner.Delimiter;

    /// <summary>The index of column <paramref name="name"/>.</summary>
    /// <exception cref="DataFormatException">There is no such column.</exception>
    public int ColumnIndex(string name)
    {
        int c = Array.IndexOf(_header, name);
        return c >= 0 ? c : throw new DataFormatException($"there is no column '{name}' (the columns are: {string.Join(", ", _header)})", Path);
    }

    /// <summary>Opens <paramref name="path"/>, or standard input for <c>-</c>, and reads its header.</summary>
    /// <exception cref="DataFormatException">The file is missing, a folder, unreadable, not text, or has a bad header.</exception>
    public static CsvTableReader Open(string path, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new CsvReadOptions();
        options.Validate();
        if (path == "-") return new CsvTableReader(Console.OpenStandardInput(), "stdin", options, ownsStream: true);
        if (Directory.Exists(path)) throw new DataFormatException("is a folder, not a CSV file", path);
        if (!File.Exists(path)) throw new DataFormatException("file not found", path);
        FileStream stream;
        try { stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException($"cannot read: {e.Message}", path, inner: e);
        }
        return new CsvTableReader(stream, path, options, ownsStream: true);
    }

    /// <summary>The next at most <paramref name="maxRows"/> rows, or null when there are no more.</summary>
    /// <exception cref="DataFormatException">A row is malformed, ragged or not UTF-8 (named by line and column).</exception>
    public CsvTable? ReadBlock(int maxRows)
    {
        var scanner = _scanner;
        int width = _header.Length;
        byte separator = (byte)_options.DecimalSeparator;
        bool commaHint = separator == '.' && scanner.Delimiter != ',';
        var columns = new TableColumn[width];
        for (int c = 0; c < width; c++)
        {
            columns[c] = new TableColumn(_header[c], Path, c, _options.MaxCategories, separator, commaHint, maxRows,
                commaTrack: separator == '.' && !commaHint);
            if (_options.CategoricalColumns.Contains(_header[c])) columns[c].KeepAllCategories();
            else if (_pastLimit[c]) columns[c].StartWithValues();
        }
        var lines = new int[Math.Min(maxRows, 1024)];
        int rows = 0;
        while (rows < maxRows && scanner.Read())
        {
            int line = scanner.RecordLine;
            if (scanner.FieldCount != width)
                throw new DataFormatException($"this row has {scanner.FieldCount} fields but the header has {width}", Path,
                    line.ToString(System.Globalization.CultureInfo.InvariantCulture));
            for (int c = 0; c < width; c++) columns[c].Add(scanner.Field(c), rows, line);
            if (rows == lines.Length) Array.Resize(ref lines, (int)Math.Min((long)lines.Length * 2, Array.MaxLength));
            lines[rows++] = line;
        }
        if (rows == 0)
        {
            if (!_anyRow) throw new DataFormatException("the file has a header but no data rows", Path);
            return null;
        }
        _anyRow = true;
        for (int c = 0; c < width; c++) _pastLimit[c] |= !columns[c].HasCategories;
        return new CsvTable(Path, _header, columns, lines, rows);
    }

    /// <summary>The blocks of at most <paramref name="maxRows"/> rows that remain.</summary>
    public IEnumerable<CsvTable> Blocks(int maxRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        while (ReadBlock(maxRows) is { } block) yield return block;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _scanner.Dispose();
        if (_ownsStream) _stream.Dispose();
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

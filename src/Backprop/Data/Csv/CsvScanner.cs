using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Backprop.Diagnostics;
using CsvHelper;

namespace Backprop.Data.Csv;

/// <summary>
/// The records of a CSV stream, split by CsvHelper's SIMD reader (<see cref="CsvReader"/>) and checked the way Backprop
/// promises: the stream is read once, front to back, without seeking (so pipes and standard input work); fields are UTF-8
/// spans of the reader's buffer, valid until the next record is read, so nothing is allocated per field. Quoted fields
/// may hold delimiters, doubled quotes and line breaks; spaces around a field are trimmed; empty lines are skipped; a
/// UTF-8 byte-order mark is skipped. Invalid UTF-8 and malformed quoting are errors naming the line and the field.
/// </summary>
internal sealed class CsvScanner : IDisposable
{
    private const int SniffBytes = 8192;
    private const int LongestSniff = 1 << 20;
    private readonly Stream _stream;
    private readonly string _path;
    private byte[] _prefix = [];
    private int _prefixStart, _prefixLength;
    private bool _started, _eof;
    private CsvReader? _reader;
    private long _record;
    private readonly HashSet<long> _malformed = [];

    public CsvScanner(Stream stream, string path)
    {
        _stream = stream;
        _path = path;
    }

    /// <summary>The field separator; chosen from the header line by <see cref="DetectDelimiter"/> unless set before the first
    /// <see cref="Read"/>.</summary>
    public byte Delimiter { get; set; } = (byte)',';

    /// <summary>Fields in the current record.</summary>
    public int FieldCount { get; private set; }

    /// <summary>The line the current record starts on (1 is the first line of the file).</summary>
    public int RecordLine { get; private set; }

    /// <summary>Field <paramref name="index"/> of the current record, unquoted and trimmed.</summary>
    public ReadOnlySpan<byte> Field(int index) => _reader!.GetSpan(index);

    /// <summary>Field <paramref name="index"/> as a string (for names and for error messages).</summary>
    public string FieldText(int index) => Encoding.UTF8.GetString(Field(index));

    /// <summary>Reads the first bytes and refuses what is not CSV text: nothing at all, gzip, or binary (a zero byte).</summary>
    /// <returns>False for an empty stream.</returns>
    public bool Start()
    {
        _started = true;
        _prefix = new byte[SniffBytes * 2];
        // At least the first 8 KiB, and the whole first line (for the delimiter) unless it is very long.
        while (!_eof && (_prefixLength < SniffBytes
            || (_prefixLength < LongestSniff && _prefix.AsSpan(0, _prefixLength).IndexOfAny((byte)'\n', (byte)'\r') < 0)))
        {
            if (_prefixLength == _prefix.Length) Array.Resize(ref _prefix, _prefix.Length * 2);
            int read = ReadStream(_prefix.AsSpan(_prefixLength));
            if (read == 0) _eof = true;
            _prefixLength += read;
        }
        var head = _prefix.AsSpan(0, _prefixLength);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) _prefixStart = 3;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B])) throw new DataFormatException("is gzip-compressed, not a CSV text file", _path);
        if (head[..Math.Min(head.Length, SniffBytes)].IndexOf((byte)0) >= 0) throw new DataFormatException("is a binary file, not CSV text", _path);
        return _prefixLength > _prefixStart;
    }

    /// <summary>Chooses the delimiter that occurs most often outside quotes on the first line: ',', ';' or tab (',' when none does).</summary>
    public void DetectDelimiter()
    {
        int commas = 0, semicolons = 0, tabs = 0;
        bool quoted = false;
        foreach (byte b in _prefix.AsSpan(_prefixStart, _prefixLength - _prefixStart))
        {
            if (b == '"') quoted = !quoted;
            else if (quoted) continue;
            else if (b == '\n' || b == '\r') break;
            else if (b == ',') commas++;
            else if (b == ';') semicolons++;
            else if (b == '\t') tabs++;
        }
        Delimiter = semicolons > commas && semicolons >= tabs ? (byte)';' : tabs > commas && tabs > semicolons ? (byte)'\t' : (byte)',';
    }

    /// <summary>Reads the next record; false at the end of the stream.</summary>
    /// <exception cref="DataFormatException">The record is malformed or not UTF-8, or the stream cannot be read.</exception>
    public bool Read()
    {
        if (!_started) throw new InvalidOperationException("Call Start first.");
        var reader = _reader ??= Open();
        try
        {
            if (!reader.Read()) return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException($"cannot read: {e.Message}", _path, inner: e);
        }
        catch (CsvFormatException e)
        {
            throw new DataFormatException($"malformed CSV: {e.Message}", _path, e.LineNumber > 0
                ? e.LineNumber.ToString(CultureInfo.InvariantCulture) : null, e);
        }
        _record++;
        RecordLine = (int)reader.LineNumber;
        FieldCount = reader.FieldCount;
        var raw = reader.RawRecord;
        if (_malformed.Count > 0 && _malformed.Remove(_record)) CsvRecordCheck.Quoting(raw, Delimiter, RecordLine, _path);
        if (!Utf8.IsValid(raw)) CsvRecordCheck.ThrowInvalidUtf8(reader, raw, RecordLine, _path);
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _reader?.Dispose();

    private CsvReader Open()
    {
        var options = new CsvReaderOptions
        {
            HasHeader = false,
            Separator = (char)Delimiter,
            TrackLineNumbers = true,
            TrimWhitespace = true,
            WhitespaceCharacters = " ",
            SkipEmptyLines = true,
            AllowLineBreaksInQuotes = true,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            Encoding = new UTF8Encoding(false),
            BufferSize = 1 << 20,
            // Quoting is checked again, by Backprop's rules and messages, only on the records CsvHelper reports (it names
            // one problem a record, so a stray quote, which is text to both, may hide a real problem after it).
            OnMalformedRecord = m => _malformed.Add(m.RecordNumber),
        };
        var input = new PrefixedStream(_prefix, _prefixStart, _prefixLength - _prefixStart, _eof ? null : _stream);
        return CsvReader.Create(input, options, leaveOpen: true);
    }

    private int ReadStream(Span<byte> into)
    {
        try { return _stream.Read(into); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException($"cannot read: {e.Message}", _path, inner: e);
        }
    }
}

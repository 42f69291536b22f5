using Backprop.Data.Csv;
using System.Text;
using System.Text.Unicode;
using Backprop.Diagnostics;

namespace Backprop.Benchmarks;

/// <summary>
/// The CSV tokenizer Backprop used before it took CsvHelper's (kept here only so that the parser benchmark can still
/// compare the two). Splits the UTF-8 bytes of a CSV stream into records of fields, reading the stream once, front to back, without
/// seeking (so pipes and standard input work). Fields are spans of its buffer, valid until the next record is read:
/// nothing is allocated per field. Quoted fields may hold delimiters, doubled quotes and line breaks; spaces around a
/// field are trimmed; empty lines are skipped; a UTF-8 byte-order mark is skipped; invalid UTF-8 is an error naming its line.
/// </summary>
internal sealed class HandWrittenScanner
{
    private const int SniffBytes = 8192;
    private readonly Stream _stream;
    private readonly string _path;
    private byte[] _buffer = new byte[1 << 20];
    private byte[] _scratch = new byte[256];
    private int _start, _end, _scratchUsed;
    private bool _eof, _started;
    private int _line = 1;
    private int[] _fieldStart = new int[64], _fieldLength = new int[64], _rawStart = new int[64];
    private bool[] _inScratch = new bool[64];

    public HandWrittenScanner(Stream stream, string path)
    {
        _stream = stream;
        _path = path;
    }

    /// <summary>The field separator; chosen from the header line by <see cref="DetectDelimiter"/> unless set.</summary>
    public byte Delimiter { get; set; } = (byte)',';

    /// <summary>Fields in the current record.</summary>
    public int FieldCount { get; private set; }

    /// <summary>The line the current record starts on (1 is the first line of the file).</summary>
    public int RecordLine { get; private set; }

    /// <summary>Field <paramref name="index"/> of the current record, unquoted and trimmed.</summary>
    public ReadOnlySpan<byte> Field(int index) =>
        (_inScratch[index] ? _scratch : _buffer).AsSpan(_fieldStart[index], _fieldLength[index]);

    /// <summary>Field <paramref name="index"/> as a string (for names and for error messages).</summary>
    public string FieldText(int index) => Encoding.UTF8.GetString(Field(index));

    /// <summary>Reads the first bytes and refuses what is not CSV text: nothing at all, gzip, or binary (a zero byte).</summary>
    /// <returns>False for an empty stream.</returns>
    public bool Start()
    {
        _started = true;
        while (!_eof && _end < SniffBytes) Fill();
        if (_end >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF) _start = 3;
        if (_end >= 2 && _buffer[0] == 0x1F && _buffer[1] == 0x8B) throw new DataFormatException("is gzip-compressed, not a CSV text file", _path);
        if (_buffer.AsSpan(0, Math.Min(_end, SniffBytes)).IndexOf((byte)0) >= 0) throw new DataFormatException("is a binary file, not CSV text", _path);
        return _end > _start;
    }

    /// <summary>Chooses the delimiter that occurs most often outside quotes on the first line: ',', ';' or tab (',' when none does).</summary>
    public void DetectDelimiter()
    {
        int commas = 0, semicolons = 0, tabs = 0;
        bool quoted = false;
        for (int i = _start; i < _end; i++)
        {
            byte b = _buffer[i];
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
    public bool Read()
    {
        if (!_started) throw new InvalidOperationException("Call Start first.");
        while (true)
        {
            SkipEmptyLines();
            if (_start >= _end)
            {
                if (_eof) return false;
                Fill();
                continue;
            }
            int next = TryRecord(out int lines);
            if (next >= 0)
            {
                EnsureUtf8(_start, next);
                RecordLine = _line;
                _line += lines;
                _start = next;
                return true;
            }
            Fill();
        }
    }

    private void SkipEmptyLines()
    {
        while (_start < _end)
        {
            byte b = _buffer[_start];
            if (b == '\n') { _start++; _line++; }
            else if (b == '\r')
            {
                if (_start + 1 >= _end && !_eof) return;
                _start += _start + 1 < _end && _buffer[_start + 1] == '\n' ? 2 : 1;
                _line++;
            }
            else return;
        }
    }

    /// <summary>Parses one record from <see cref="_start"/>; the position after it, or −1 when the buffer ends first.</summary>
    private int TryRecord(out int lines)
    {
        lines = 0;
        _scratchUsed = 0;
        int count = 0, p = _start, end = _end;
        byte delimiter = Delimiter;
        var buffer = _buffer;
        while (true)
        {
            if (count == _fieldStart.Length) GrowFields();
            _rawStart[count] = p;
            int q = p;
            while (q < end && buffer[q] == ' ') q++;
            int stop;
            if (q < end && buffer[q] == '"')
            {
                int quoteLine = _line + lines;
                if (!Quoted(q + 1, ref lines, count, out stop))
                {
                    if (!_eof) return -1;
                    throw new DataFormatException($"malformed CSV: the quoted field that starts on line {quoteLine} is never closed", _path, quoteLine.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
                while (stop < end && buffer[stop] == ' ') stop++;
                if (stop < end && buffer[stop] != delimiter && buffer[stop] != '\n' && buffer[stop] != '\r')
                    throw new DataFormatException($"malformed CSV: text after the closing quote of field {count + 1}", _path, $"{_line + lines}:{count + 1}");
            }
            else
            {
                int found = delimiter == (byte)'\t'
                    ? buffer.AsSpan(p, end - p).IndexOfAny((byte)'\t', (byte)'\n', (byte)'\r')
                    : buffer.AsSpan(p, end - p).IndexOfAny(delimiter, (byte)'\n', (byte)'\r');
                if (found < 0)
                {
                    if (!_eof) return -1;
                    stop = end;
                }
                else stop = p + found;
                int a = p, b = stop;
                while (a < b && buffer[a] == ' ') a++;
                while (b > a && buffer[b - 1] == ' ') b--;
                _fieldStart[count] = a;
                _fieldLength[count] = b - a;
                _inScratch[count] = false;
            }
            count++;
            if (stop >= end) { FieldCount = count; lines++; return end; }
            byte t = buffer[stop];
            if (t == delimiter) { p = stop + 1; continue; }
            FieldCount = count;
            lines++;
            if (t == '\n') return stop + 1;
            if (stop + 1 >= end) { if (!_eof) return -1; return end; }
            return buffer[stop + 1] == '\n' ? stop + 2 : stop + 1;
        }
    }

    /// <summary>Reads a quoted field whose content starts at <paramref name="p"/>; <paramref name="stop"/> is the position after the closing quote.</summary>
    private bool Quoted(int p, ref int lines, int index, out int stop)
    {
        var buffer = _buffer;
        int end = _end;
        int contentStart = p;
        bool escaped = false;
        int scratchStart = _scratchUsed;
        while (true)
        {
            int found = buffer.AsSpan(p, end - p).IndexOf((byte)'"');
            if (found < 0) { stop = end; return false; }
            int q = p + found;
            lines += buffer.AsSpan(p, q - p).Count((byte)'\n');
            if (q + 1 >= end && !_eof) { stop = end; return false; }
            if (q + 1 < end && buffer[q + 1] == '"')
            {
                escaped = true;
                AppendScratch(buffer.AsSpan(p, q + 1 - p));
                p = q + 2;
                continue;
            }
            if (escaped)
            {
                AppendScratch(buffer.AsSpan(p, q - p));
                _fieldStart[index] = scratchStart;
                _fieldLength[index] = _scratchUsed - scratchStart;
                _inScratch[index] = true;
            }
            else
            {
                _fieldStart[index] = contentStart;
                _fieldLength[index] = q - contentStart;
                _inScratch[index] = false;
            }
            stop = q + 1;
            return true;
        }
    }

    private void AppendScratch(ReadOnlySpan<byte> bytes)
    {
        if (_scratchUsed + bytes.Length > _scratch.Length) Array.Resize(ref _scratch, Math.Max(_scratch.Length * 2, _scratchUsed + bytes.Length));
        bytes.CopyTo(_scratch.AsSpan(_scratchUsed));
        _scratchUsed += bytes.Length;
    }

    private void GrowFields()
    {
        int n = _fieldStart.Length * 2;
        Array.Resize(ref _fieldStart, n);
        Array.Resize(ref _fieldLength, n);
        Array.Resize(ref _rawStart, n);
        Array.Resize(ref _inScratch, n);
    }

    /// <summary>Moves the unread bytes to the front (growing the buffer when one record fills it) and reads more.</summary>
    private void Fill()
    {
        if (_eof) return;
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        int read;
        try { read = _stream.Read(_buffer, _end, _buffer.Length - _end); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException($"cannot read: {e.Message}", _path, inner: e);
        }
        if (read == 0) _eof = true;
        _end += read;
    }

    private void EnsureUtf8(int from, int to)
    {
        var record = _buffer.AsSpan(from, to - from);
        if (Utf8.IsValid(record)) return;
        int at = 0;
        while (at < record.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(record[at..], out _, out int used);
            if (status != System.Buffers.OperationStatus.Done) break;
            at += used;
        }
        int line = _line + record[..at].Count((byte)'\n');
        int column = 1;
        for (int f = 1; f < FieldCount; f++) if (_rawStart[f] - from <= at) column = f + 1;
        throw new DataFormatException($"invalid UTF-8 (byte 0x{record[at]:X2}): the file must be UTF-8 text (re-save it as UTF-8)", _path, $"{line}:{column}");
    }
}

using System.Globalization;
using System.Text;
using Backprop.Diagnostics;

namespace Backprop.Data.Csv;

/// <summary>
/// One column of a table as read: while it has few distinct values, a code per row and the values' texts (so that
/// a category or a 0/1 column is parsed once per distinct value); past <see cref="CsvReadOptions.MaxCategories"/>, a
/// double per row (from the start, in a block after one where the column went past the limit). Kinds (number or text)
/// and categories are known once the column is read; nothing is a string per row.
/// </summary>
public sealed class TableColumn
{
    private readonly int _chunkBits, _chunkSize, _chunkMask;
    private readonly string _path;
    private readonly int _index;
    private readonly int _maxCategories;
    private readonly byte _decimal;
    private readonly bool _commaHint;
    private readonly bool _commaTrack;
    private bool _plainText;
    private ByteInterner? _interner = new();
    private List<int[]>? _codes = [];
    private List<double[]>? _values;
    private double[]? _current;
    private readonly List<CellKind> _kinds = [];
    private readonly List<double> _codeValues = [];
    private readonly List<int> _codeCounts = [];
    private readonly List<int> _codeFirstRows = [];
    private readonly List<int> _missingRows = [];
    private long _numbers, _nonMissing;
    private byte[] _last = [];
    private int _lastLength = -1, _lastCode;

    internal TableColumn(string name, string path, int index, int maxCategories, byte decimalSeparator, bool commaHint,
        int expectedRows = int.MaxValue, bool commaTrack = false)
    {
        _commaTrack = commaTrack;
        // Chunks of up to 64 Ki values; a block of fewer rows (streaming) gets chunks its size, not 64 Ki.
        _chunkBits = Math.Clamp(64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)Math.Max(1, expectedRows - 1)), 10, 16);
        _chunkSize = 1 << _chunkBits;
        _chunkMask = _chunkSize - 1;
        Name = name;
        _path = path;
        _index = index;
        _maxCategories = maxCategories;
        _decimal = decimalSeparator;
        _commaHint = commaHint;
    }

    /// <summary>The column's name in the header.</summary>
    public string Name { get; }

    /// <summary>Rows read.</summary>
    public int Count { get; private set; }

    /// <summary>True when the column's distinct values are known (at most the limit of categories, or a column named categorical).</summary>
    public bool HasCategories => _codes is not null;

    /// <summary>A column is text when fewer than half of its values (missing ones aside) are numbers.</summary>
    public bool IsText => Numbers * 2 < NonMissing;

    /// <summary>
    /// In a comma-separated file read with a decimal point: a quoted text value that is a number written with a decimal
    /// comma (<c>"-0,6518"</c>), when every text value of the column is one; null otherwise.
    /// </summary>
    internal string? DecimalComma => _plainText ? null : CommaExample;

    /// <summary>The first text value seen that reads as a number with a decimal comma (see <see cref="DecimalComma"/>).</summary>
    internal string? CommaExample { get; private set; }

    /// <summary>True when a text value seen is not a number with a decimal comma.</summary>
    internal bool HasPlainText => _plainText;

    /// <summary>Rows whose value is missing, in order.</summary>
    public IReadOnlyList<int> MissingRows => _missingRows;

    internal long Numbers => _codes is null ? _numbers : Sum(k => k is CellKind.Number or CellKind.NonFinite);

    internal long NonMissing => _codes is null ? _nonMissing : Sum(k => k != CellKind.Missing);

    /// <summary>The first value, in row order, that is neither a finite number nor missing, once the column holds doubles.</summary>
    internal (int Row, string Text, CellKind Kind)? FirstBad { get; private set; }

    internal int DistinctCount => _kinds.Count;

    internal CellKind KindOf(int code) => _kinds[code];

    internal double ValueOf(int code) => _codeValues[code];

    internal string TextOf(int code) => Encoding.UTF8.GetString(_interner!.Key(code));

    internal int FirstRowOf(int code) => _codeFirstRows[code];

    internal int CountOf(int code) => _codeCounts[code];

    internal int CodeAt(int row) => _codes![row >> _chunkBits][row & _chunkMask];

    internal double ValueAt(int row) => _values![row >> _chunkBits][row & _chunkMask];

    /// <summary>log2 of the rows a chunk of <see cref="ValueChunks"/> holds.</summary>
    internal int ChunkBits => _chunkBits;

    /// <summary>The doubles, a chunk of 2^<see cref="ChunkBits"/> rows each, once the column holds doubles (null while it holds codes).</summary>
    internal List<double[]>? ValueChunks => _values;

    /// <summary>The distinct values other than missing ones, in the order first seen.</summary>
    /// <exception cref="DataFormatException">The column holds more distinct values than the limit of categories.</exception>
    public IReadOnlyList<string> Distinct()
    {
        if (_codes is null)
            throw new DataFormatException($"column '{Name}' holds more than {_maxCategories:N0} distinct values, each of which would become a " +
                $"network input: " +
                $"leave it out ({Setting.Features}), or raise {Setting.MaxCategories} if it really is a category", _path);
        var result = new List<string>();
        for (int code = 0; code < _kinds.Count; code++)
            if (_kinds[code] != CellKind.Missing && _codeCounts[code] > 0) result.Add(TextOf(code));
        return result;
    }

    internal void Add(ReadOnlySpan<byte> field, int row, int line)
    {
        // The common case once a column holds doubles: a plain decimal, read exactly by the fast path (finite, not missing).
        if (_codes is null && CsvNumber.TryFast(field, _decimal, out double fast))
        {
            int at = Count & _chunkMask;
            if (at == 0) _values!.Add(_current = new double[_chunkSize]);
            _current![at] = fast;
            _numbers++;
            _nonMissing++;
            Count++;
            return;
        }
        if (_codes is not null)
        {
            int code;
            if (field.Length == _lastLength && field.SequenceEqual(_last.AsSpan(0, _lastLength))) code = _lastCode;
            else
            {
                code = _interner!.GetOrAdd(field, out bool added);
                if (added)
                {
                    if (_interner.Count > _maxCategories && !_keepAll) { ToValues(); AddValue(field, row, line); return; }
                    var kind = Classify(field, line, out double value);
                    _kinds.Add(kind);
                    _codeValues.Add(value);
                    _codeCounts.Add(0);
                    _codeFirstRows.Add(row);
                }
                if (_last.Length < field.Length) _last = new byte[Math.Max(16, field.Length)];
                field.CopyTo(_last);
                _lastLength = field.Length;
                _lastCode = code;
            }
            if ((Count & _chunkMask) == 0 && Count >> _chunkBits == _codes.Count) _codes.Add(new int[_chunkSize]);
            _codes[Count >> _chunkBits][Count & _chunkMask] = code;
            _codeCounts[code]++;
            if (_kinds[code] == CellKind.Missing) _missingRows.Add(row);
            Count++;
            return;
        }
        AddValue(field, row, line);
    }

    private bool _keepAll;

    /// <summary>Keeps every distinct value whatever their number (for the categorical columns of a trained model).</summary>
    internal void KeepAllCategories() => _keepAll = true;

    /// <summary>
    /// Holds a double per row from the start, for a column known to have more distinct values than the limit (an
    /// earlier block of the same file had): its values are not interned only to be turned into doubles a thousand rows on.
    /// </summary>
    internal void StartWithValues()
    {
        if (_keepAll || Count > 0 || _codes is null) return;
        _codes = null;
        _interner = null;
        _values = [];
    }

    private void AddValue(ReadOnlySpan<byte> field, int row, int line)
    {
        var kind = Classify(field, line, out double value);
        if (kind == CellKind.Missing) _missingRows.Add(row);
        else
        {
            _nonMissing++;
            if (kind != CellKind.Text) _numbers++;
            if (kind != CellKind.Number)
            {
                value = double.NaN;
                FirstBad ??= (row, Encoding.UTF8.GetString(field), kind);
            }
        }
        if ((Count & _chunkMask) == 0 && Count >> _chunkBits == _values!.Count) _values.Add(_current = new double[_chunkSize]);
        _values![Count >> _chunkBits][Count & _chunkMask] = kind == CellKind.Number ? value : double.NaN;
        Count++;
    }

    /// <summary>Turns the codes into doubles once there are too many distinct values to keep.</summary>
    private void ToValues()
    {
        _numbers = Sum(k => k is CellKind.Number or CellKind.NonFinite);
        _nonMissing = Sum(k => k != CellKind.Missing);
        int firstBadCode = -1;
        for (int code = 0; code < _kinds.Count; code++)
            if (_kinds[code] is CellKind.Text or CellKind.NonFinite && _codeCounts[code] > 0
                && (firstBadCode < 0 || _codeFirstRows[code] < _codeFirstRows[firstBadCode]))
                firstBadCode = code;
        if (firstBadCode >= 0) FirstBad = (_codeFirstRows[firstBadCode], TextOf(firstBadCode), _kinds[firstBadCode]);
        _values = [];
        for (int chunk = 0; chunk < _codes!.Count; chunk++)
        {
            var codes = _codes[chunk];
            var values = new double[_chunkSize];
            int n = Math.Min(_chunkSize, Count - chunk * _chunkSize);
            for (int i = 0; i < n; i++) values[i] = _kinds[codes[i]] == CellKind.Number ? _codeValues[codes[i]] : double.NaN;
            _values.Add(values);
            _current = values;
            _codes[chunk] = null!;
        }
        _codes = null;
        _interner = null;
        _kinds.Clear();
        _codeValues.Clear();
        _codeCounts.Clear();
        _codeFirstRows.Clear();
    }

    private long Sum(Func<CellKind, bool> which)
    {
        long n = 0;
        for (int code = 0; code < _kinds.Count; code++) if (which(_kinds[code])) n += _codeCounts[code];
        return n;
    }

    private CellKind Classify(ReadOnlySpan<byte> field, int line, out double value)
    {
        value = double.NaN;
        if (IsMissing(field)) return CellKind.Missing;
        if (CsvNumber.TryParse(field, _decimal, out value)) return double.IsFinite(value) ? CellKind.Number : CellKind.NonFinite;
        if (_commaHint && field.IndexOf((byte)',') >= 0 && CsvNumber.TryParse(field, (byte)',', out double comma) && double.IsFinite(comma))
            throw new DataFormatException($"'{Encoding.UTF8.GetString(field)}' in column '{Name}' has a decimal comma: give " +
                $"{Setting.DecimalSeparator.With(',')} to read such numbers " +
                $"({comma.ToString(CultureInfo.InvariantCulture)})", _path, $"{line}:{_index + 1}");
        if (_commaTrack)
        {
            if (field.IndexOf((byte)',') >= 0 && CsvNumber.TryParse(field, (byte)',', out double number) && double.IsFinite(number))
                CommaExample ??= Encoding.UTF8.GetString(field);
            else _plainText = true;
        }
        return CellKind.Text;
    }

    /// <summary>The spellings of a missing value: empty, NA, N/A, NULL, null, #N/A and ?.</summary>
    internal static bool IsMissing(ReadOnlySpan<byte> field) => field.Length switch
    {
        0 => true,
        1 => field[0] == '?',
        2 => field.SequenceEqual("NA"u8),
        3 => field.SequenceEqual("N/A"u8),
        4 => field.SequenceEqual("NULL"u8) || field.SequenceEqual("null"u8) || field.SequenceEqual("#N/A"u8),
        _ => false,
    };
}

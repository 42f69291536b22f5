using System.Globalization;
using Backprop.Data.Csv;
using Backprop.Diagnostics;

namespace Backprop.Data.Preprocessing;

/// <summary>
/// Reads the cells of one column of a <see cref="CsvTable"/> as numbers or as category indices, with the one-line
/// errors (file, line, column, problem) built only when a cell is bad.
/// </summary>
internal sealed class CellReader
{
    private readonly CsvTable _table;
    private readonly TableColumn _column;
    private readonly int _index;
    private readonly IReadOnlyList<string>? _categories;
    private readonly bool _isClass;
    private int[]? _map;
    private readonly CategoricalColumn? _input;
    private readonly List<double[]>? _chunks;
    private readonly int _bits, _mask;

    public CellReader(CsvTable table, int index, IReadOnlyList<string>? categories = null, bool isClass = false)
    {
        _table = table;
        _index = index;
        _column = table.Columns[index];
        _categories = categories;
        _isClass = isClass;
        _chunks = _column.ValueChunks;
        _bits = _column.ChunkBits;
        _mask = (1 << _bits) - 1;
        if (categories is not null)
        {
            if (!_column.HasCategories) _column.Distinct(); // throws: more distinct values than the limit
            _map = new int[_column.DistinctCount];
            Array.Fill(_map, -2);
        }
        else if (!_column.HasCategories && _column.FirstBad is { } bad)
            throw Bad(bad.Row, bad.Text, bad.Kind);
    }

    /// <summary>A reader of the categorical input <paramref name="input"/>: its gaps and unseen categories read as the column says.</summary>
    public CellReader(CsvTable table, int index, CategoricalColumn input) : this(table, index, input.Categories) => _input = input;

    public string Name => _column.Name;

    /// <summary>The number in row <paramref name="row"/>; false when it is missing.</summary>
    public bool TryNumber(int row, out double value)
    {
        if (_column.HasCategories)
        {
            int code = _column.CodeAt(row);
            var kind = _column.KindOf(code);
            value = _column.ValueOf(code);
            if (kind == CellKind.Number) return true;
            if (kind == CellKind.Missing) return false;
            throw Bad(row, _column.TextOf(code), kind);
        }
        value = _chunks![row >> _bits][row & _mask];
        return !double.IsNaN(value);
    }

    /// <summary>
    /// Writes (x − <paramref name="mean"/>) / <paramref name="scale"/> of the rows <paramref name="rows"/>[k] (k itself when
    /// null), k from <paramref name="from"/> to <paramref name="to"/>, at <paramref name="destination"/>[k · stride + offset]:
    /// <see cref="Number"/> per row, with the column's chunks read directly when it holds doubles.
    /// </summary>
    public void Numbers<T>(int[]? rows, int from, int to, Span<T> destination, int stride, int offset, double mean, double scale, double? fill)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        if (_column.ValueChunks is not { } chunks)
        {
            for (int k = from; k < to; k++) destination[k * stride + offset] =
                T.CreateTruncating((Number(rows is null ? k : rows[k], fill) - mean) / scale);
            return;
        }
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(chunks);
        int bits = _column.ChunkBits, mask = (1 << bits) - 1;
        long filled = 0;
        for (int k = from; k < to; k++)
        {
            int r = rows is null ? k : rows[k];
            double x = span[r >> bits][r & mask];
            if (double.IsNaN(x))
            {
                x = fill ?? throw Missing(r); // a bad value is refused when the reader is made
                filled++;
            }
            destination[k * stride + offset] = T.CreateTruncating((x - mean) / scale);
        }
        if (filled > 0) FilledGapTally.AddNumbers(Name, filled, fill!.Value);
    }

    /// <summary>The number in row <paramref name="row"/>, <paramref name="fill"/> when missing, or an error naming the place.</summary>
    public double Number(int row, double? fill)
    {
        if (TryNumber(row, out double value)) return value;
        if (fill is not double filled) throw Missing(row);
        FilledGapTally.AddNumbers(Name, 1, filled);
        return filled;
    }

    /// <summary>The index of row <paramref name="row"/>'s value among the categories (of an input's: −1 for a gap read as no category, or for
    /// a category not seen in training when the input does not refuse it).</summary>
    public int Category(int row)
    {
        int code = _column.CodeAt(row);
        int index = _map![code];
        if (index >= 0) return index;
        if (_column.KindOf(code) == CellKind.Missing)
        {
            if (_input is not { FillsGaps: true } gaps) throw Missing(row);
            FilledGapTally.AddCategory(gaps);
            return gaps.GapIndex;
        }
        if (index == -2) _map[code] = index = CategoricalColumn.IndexOf(_categories!, _column.TextOf(code));
        if (index >= 0) return index;
        if (_input is { RefuseUnknown: false })
        {
            UnseenCategoryTally.Add(_table, row, Name, _column.TextOf(code));
            return -1;
        }
        string kind = _isClass ? "a class" : "a category";
        string known = Shown.Value(string.Join(", ", _categories!));
        string text = Shown.Value(_column.TextOf(code));
        throw new DataFormatException($"'{text}' in column '{Name}' is {kind} the model was not trained with (known: {known})",
            _table.Path, _table.Where(row, _index));
    }

    /// <summary>The error for a missing value in row <paramref name="row"/>.</summary>
    public DataFormatException Missing(int row)
    {
        string spelled = _column.HasCategories ? _column.TextOf(_column.CodeAt(row)) : "";
        return new DataFormatException($"column '{Name}' has no value{(spelled.Length > 0 ? $" ('{Shown.Value(spelled)}')" : "")} " +
            $"(missing values are refused: fill or drop the row, or train with {Setting.Missing.With(MissingValues.Mean)} or " +
                $"{Setting.Missing.With(MissingValues.Drop)})", _table.Path, _table.Where(row, _index));
    }

    private DataFormatException Bad(int row, string text, CellKind kind) => kind == CellKind.NonFinite
        ? new DataFormatException($"{Shown.Value(text)} in column '{Name}' is not a finite number", _table.Path, _table.Where(row, _index))
        : new DataFormatException($"'{Shown.Value(text)}' in column '{Name}' is not a number{CommaHint(text)}", _table.Path,
            _table.Where(row, _index));

    /// <summary>For a number written with a decimal comma, the option that reads it.</summary>
    private static string CommaHint(string text) =>
        text.Contains(',') && CsvNumber.TryParse(System.Text.Encoding.UTF8.GetBytes(text), (byte)',', out double v) && double.IsFinite(v)
            ? $" (it has a decimal comma: add {Setting.DecimalSeparator.With(',')} to read such numbers)" : "";

    /// <summary>Categories in numeric order when all are numbers, otherwise in ordinal text order.</summary>
    public static List<string> Ordered(IReadOnlyList<string> distinct)
    {
        bool numeric = distinct.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        return numeric
            ? distinct.OrderBy(v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture)).ToList()
            : distinct.OrderBy(v => v, StringComparer.Ordinal).ToList();
    }
}

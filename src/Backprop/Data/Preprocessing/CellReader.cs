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

    public CellReader(CsvTable table, int index, IReadOnlyList<string>? categories = null, bool isClass = false)
    {
        _table = table;
        _index = index;
        _column = table.Columns[index];
        _categories = categories;
        _isClass = isClass;
        if (categories is not null)
        {
            if (!_column.HasCategories) _column.Distinct(); // throws: more distinct values than the limit
            _map = new int[_column.DistinctCount];
            Array.Fill(_map, -2);
        }
        else if (!_column.HasCategories && _column.FirstBad is { } bad)
            throw Bad(bad.Row, bad.Text, bad.Kind);
    }

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
        value = _column.ValueAt(row);
        return !double.IsNaN(value);
    }

    /// <summary>The number in row <paramref name="row"/>, <paramref name="fill"/> when missing, or an error naming the place.</summary>
    public double Number(int row, double? fill)
    {
        if (TryNumber(row, out double value)) return value;
        return fill ?? throw Missing(row);
    }

    /// <summary>The index of row <paramref name="row"/>'s value among the categories.</summary>
    public int Category(int row)
    {
        int code = _column.CodeAt(row);
        int index = _map![code];
        if (index >= 0) return index;
        if (_column.KindOf(code) == CellKind.Missing) throw Missing(row);
        if (index == -2) _map[code] = index = CategoricalColumn.IndexOf(_categories!, _column.TextOf(code));
        if (index >= 0) return index;
        string kind = _isClass ? "a class" : "a category";
        throw new DataFormatException($"'{_column.TextOf(code)}' in column '{Name}' is {kind} the model was not trained with (known: {string.Join(", ", _categories!)})",
            _table.Path, _table.Where(row, _index));
    }

    /// <summary>The error for a missing value in row <paramref name="row"/>.</summary>
    public DataFormatException Missing(int row)
    {
        string spelled = _column.HasCategories ? _column.TextOf(_column.CodeAt(row)) : "";
        return new DataFormatException($"column '{Name}' has no value{(spelled.Length > 0 ? $" ('{spelled}')" : "")} " +
            "(missing values are not supported: fill or drop the row, or train with --missing drop or --missing mean)", _table.Path, _table.Where(row, _index));
    }

    private DataFormatException Bad(int row, string text, CellKind kind) => kind == CellKind.NonFinite
        ? new DataFormatException($"{text} in column '{Name}' is not a finite number", _table.Path, _table.Where(row, _index))
        : new DataFormatException($"'{text}' in column '{Name}' is not a number", _table.Path, _table.Where(row, _index));

    /// <summary>Categories in numeric order when all are numbers, otherwise in ordinal text order.</summary>
    public static List<string> Ordered(IReadOnlyList<string> distinct)
    {
        bool numeric = distinct.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        return numeric
            ? distinct.OrderBy(v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture)).ToList()
            : distinct.OrderBy(v => v, StringComparer.Ordinal).ToList();
    }
}

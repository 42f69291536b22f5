using System.Globalization;
using System.Text;
using Backprop.Data.Csv;
using Backprop.Diagnostics;

namespace Backprop.Data;

/// <summary>
/// A table made in memory, row by row or from arrays, as a <see cref="CsvTable"/> that the estimators, the
/// preprocessing and the splits take like a file: numbers and text are typed per column as a CSV's are (a column is
/// text when fewer than half its values are numbers), and null or an empty string is a missing value. Messages about a
/// value name the table and the place as a file's do, row r (from 0) being line r + 2 below the header.
/// </summary>
/// <example>
/// <code>
/// var table = new TableBuilder("gre", "gpa", "rank", "admit").Add(380, 3.61, "3", "no").Add(660, 3.67, "3", "yes").Build();
/// </code>
/// </example>
public sealed class TableBuilder
{
    private readonly string[] _header;
    private readonly string _name;
    private readonly CsvReadOptions _options;
    private readonly TableColumn[] _columns;
    private readonly byte[] _buffer = new byte[64];
    private int _rows;

    /// <summary>A table named <c>table</c> with the columns <paramref name="header"/>.</summary>
    public TableBuilder(params string[] header) : this(header ?? throw new ArgumentNullException(nameof(header)), "table") { }

    /// <summary>A table named <paramref name="name"/> (in messages) with the columns <paramref name="header"/>.</summary>
    /// <param name="header">Distinct, non-empty column names.</param>
    /// <param name="name">What messages call the table.</param>
    /// <param name="options">The most categories a text column may have; null for the default.</param>
    /// <exception cref="BackpropException">A name is empty or repeated.</exception>
    public TableBuilder(IReadOnlyList<string> header, string name, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(name);
        if (header.Count == 0) throw new BackpropException("a table needs at least one column", name);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string column in header)
        {
            if (string.IsNullOrWhiteSpace(column)) throw new BackpropException("a column has no name", name);
            if (!seen.Add(column)) throw new BackpropException($"the column '{column}' is named twice", name);
        }
        (_header, _name, _options) = ([.. header], name, options ?? new CsvReadOptions());
        _columns = _header.Select((column, c) => new TableColumn(column, name, c, _options.MaxCategories, (byte)'.', commaHint: false)).ToArray();
    }

    /// <summary>Rows added so far.</summary>
    public int RowCount => _rows;

    /// <summary>
    /// Adds a row of values in the header's order: numbers (any numeric type), text (a string, or anything else by its
    /// invariant text), or null for a missing value.
    /// </summary>
    /// <exception cref="ArgumentException">The row is not as wide as the header.</exception>
    public TableBuilder Add(params object?[] row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Length != _header.Length)
            throw new ArgumentException($"The row has {row.Length} values; the table has {_header.Length} columns ({string.Join(", ", _header)}).",
                nameof(row));
        for (int c = 0; c < row.Length; c++)
        {
            switch (row[c])
            {
                case null: Text(c, ""); break;
                case string s: Text(c, s); break;
                case double d: Number(c, d); break;
                case float f: Number(c, f); break;
                case IConvertible n when n.GetTypeCode() is >= TypeCode.SByte and <=
                    TypeCode.Decimal: Number(c, n.ToDouble(CultureInfo.InvariantCulture)); break;
                case IFormattable f: Text(c, f.ToString(null, CultureInfo.InvariantCulture)); break;
                case var other: Text(c, other.ToString() ?? ""); break;
            }
        }
        _rows++;
        return this;
    }

    /// <summary>The table of the rows added.</summary>
    /// <exception cref="BackpropException">No row was added.</exception>
    public CsvTable Build()
    {
        if (_rows == 0) throw new BackpropException("the table has no rows", _name);
        return new CsvTable(_name, _header, _columns, Enumerable.Range(2, _rows).ToArray(), _rows);
    }

    /// <summary>
    /// A table of <paramref name="features"/> (a row per sample, columns <c>x1</c>, <c>x2</c>, … or
    /// <paramref name="featureNames"/>) and, when given, the <paramref name="target"/> column <paramref name="targetName"/>:
    /// numbers, or class labels (strings, or integers, which a classifier takes as labels).
    /// </summary>
    /// <exception cref="ArgumentException">The target or the names do not match the features' rows and columns.</exception>
    public static CsvTable FromArrays<TTarget>(double[,] features, IReadOnlyList<TTarget>? target, string targetName = "y",
        IReadOnlyList<string>? featureNames = null)
    {
        ArgumentNullException.ThrowIfNull(targetName);
        ArgumentNullException.ThrowIfNull(features);
        int rows = features.GetLength(0), width = features.GetLength(1);
        var names = featureNames ?? Enumerable.Range(1, width).Select(k => $"x{k}").ToArray();
        if (names.Count != width) throw new ArgumentException($"{names.Count} feature names for {width} columns.", nameof(featureNames));
        if (target is not null && target.Count != rows)
            throw new ArgumentException($"{target.Count} targets for {rows} rows of features.", nameof(target));
        var builder = new TableBuilder(target is null ? names : [.. names, targetName], "the arrays");
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < width; c++) builder.Number(c, features[r, c]);
            if (target is not null)
            {
                switch (target[r])
                {
                    case double d: builder.Number(width, d); break;
                    case var label: builder.Text(width, Convert.ToString(label, CultureInfo.InvariantCulture) ?? ""); break;
                }
            }
            builder._rows++;
        }
        return builder.Build();
    }

    private void Number(int column, double value)
    {
        // The shortest text that reads back as the same double; NaN and ±Infinity are refused as a file's are.
        if (!value.TryFormat(_buffer, out int written, "R", CultureInfo.InvariantCulture))
            throw new InvalidOperationException("a double's text is longer than 64 bytes");
        _columns[column].Add(_buffer.AsSpan(0, written), _rows, _rows + 2);
    }

    private void Text(int column, string value) => _columns[column].Add(Encoding.UTF8.GetBytes(value), _rows, _rows + 2);
}

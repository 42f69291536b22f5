using Backprop.Data.Csv;
using Backprop.Diagnostics;

namespace Backprop.Data.Preprocessing;

/// <summary>
/// What one pass over a table read in blocks learns without keeping its rows: how many rows it has (and how many are
/// complete, for <see cref="MissingValues.Drop"/>), and for each column used whether it is text and which distinct
/// values it holds, in the order first seen — the facts <see cref="Preprocessor.Fit"/> takes from a table in memory.
/// </summary>
internal sealed class TableScan
{
    private readonly ColumnFacts[] _columns;

    private TableScan(string path, IReadOnlyList<string> header, int[] features, int[] targets, ColumnFacts[] columns, int fileRows, int rows)
    {
        (Path, Header, FeatureColumns, TargetColumns, _columns, FileRows, Rows) = (path, header, features, targets, columns, fileRows, rows);
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>Its column names.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The data rows in the file.</summary>
    public int FileRows { get; }

    /// <summary>The rows used: every row, or with <see cref="MissingValues.Drop"/> those with a value in every column used.</summary>
    public int Rows { get; }

    internal int[] FeatureColumns { get; }

    internal int[] TargetColumns { get; }

    internal ColumnFacts Column(int index) => _columns[index];

    /// <summary>
    /// Reads every block of <paramref name="reader"/> once. With <see cref="PreprocessingOptions.Classes"/>, a row of an
    /// undeclared class is refused here, naming its line, as <see cref="Preprocessor.Fit"/> refuses it.
    /// </summary>
    /// <exception cref="DataFormatException">The file is malformed, a column named is missing, or a declared class is broken.</exception>
    public static TableScan Run(ITableReader reader, PreprocessingOptions options, CsvReadOptions csv, int blockRows =
        Output.TablePrediction.DefaultBlockRows)
    {
        ColumnFacts[]? columns = null;
        int[] features = [], targets = [];
        long fileRows = 0, rows = 0;
        foreach (var block in reader.Blocks(blockRows))
        {
            if (columns is null)
            {
                (features, targets) = Preprocessor.Select(block, options);
                columns = new ColumnFacts[block.Header.Count];
                foreach (int c in features.Concat(targets))
                    columns[c] = new ColumnFacts(block.Header[c], csv.MaxCategories, csv.CategoricalColumns.Contains(block.Header[c]));
            }
            foreach (int c in features.Concat(targets)) columns[c].Add(block.Columns[c]);
            if (options.Classes is { } declared) CheckClasses(block, targets, declared);
            fileRows += block.RowCount;
            rows += options.Missing == MissingValues.Drop ? Preprocessor.CompleteRows(block, options).Length : block.RowCount;
            if (fileRows > int.MaxValue)
                throw new DataFormatException($"holds more than {int.MaxValue:N0} rows, more than Backprop trains on", reader.Path);
        }
        if (columns is null) throw new DataFormatException("the file has a header but no data rows", reader.Path);
        if (rows == 0) throw new DataFormatException($"every row has a missing value in a column used ({Setting.Missing.With(MissingValues.Drop)} " +
            $"leaves none)", reader.Path);
        return new TableScan(reader.Path, reader.Header, features, targets, columns, (int)fileRows, (int)rows);
    }

    /// <summary>As <see cref="Preprocessor.Fit"/> checks a declared list: every row's class must be on it.</summary>
    private static void CheckClasses(CsvTable block, int[] targets, IReadOnlyList<string> declared)
    {
        if (targets.Length != 1 || declared.Count < 2 || declared.Distinct(StringComparer.Ordinal).Count() != declared.Count
            || declared.Any(c => c.Length == 0))
            return; // the fit refuses the list itself
        var column = block.Columns[targets[0]];
        var reader = new CellReader(block, targets[0], declared, isClass: true);
        for (int r = 0; r < block.RowCount; r++)
        {
            try { reader.Category(r); }
            catch (DataFormatException e) when (e.Location is not null && column.Distinct()
                .FirstOrDefault(v => !declared.Contains(v)) is string other)
            {
                throw new DataFormatException($"'{other}' in column '{column.Name}' is not one of the declared classes " +
                    $"({string.Join(", ", declared)})", block.Path, e.Location);
            }
        }
    }
}

/// <summary>One column's facts merged over the blocks of a table: its kind and its distinct values (until there are too many).</summary>
internal sealed class ColumnFacts(string name, int maxCategories, bool keepAll)
{
    private List<string>? _distinct = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private long _numbers, _nonMissing;

    public string Name { get; } = name;

    /// <summary>As <see cref="TableColumn.IsText"/> over the whole file: fewer than half its non-missing values are numbers.</summary>
    public bool IsText => _numbers * 2 < _nonMissing;

    /// <summary>As <see cref="TableColumn.DecimalComma"/> over the whole file.</summary>
    public string? DecimalComma => _plainText ? null : _commaExample;

    private string? _commaExample;
    private bool _plainText;

    public void Add(TableColumn column)
    {
        _commaExample ??= column.CommaExample;
        _plainText |= column.HasPlainText;
        _numbers += column.Numbers;
        _nonMissing += column.NonMissing;
        if (_distinct is null) return;
        if (column.HasCategories)
        {
            foreach (string value in column.Distinct())
                if (_seen.Add(value)) _distinct.Add(value);
            if (_distinct.Count <= maxCategories || keepAll) return;
        }
        // Too many to be categories (a block had too many, or all of them together): only the kind is kept.
        _distinct = null;
        _seen.Clear();
    }

    /// <summary>The distinct non-missing values in the order first seen, as <see cref="TableColumn.Distinct"/>.</summary>
    /// <exception cref="DataFormatException">The column holds more distinct values than the limit of categories.</exception>
    public IReadOnlyList<string> Distinct(string path) => _distinct
        ?? throw new DataFormatException($"column '{Name}' holds more than {maxCategories:N0} distinct values, each of which would become a " +
            $"network input: " +
            $"leave it out ({Setting.Features}), or raise {Setting.MaxCategories} if it really is a category", path);
}

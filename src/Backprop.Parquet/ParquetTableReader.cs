using System.Globalization;
using System.Text;
using Backprop.Data;
using Backprop.Data.Csv;
using Backprop.Diagnostics;
using Parquet;
using Parquet.Schema;

namespace Backprop.Parquet;

/// <summary>
/// Reads a Parquet file into the same typed columns as a CSV (<see cref="TableColumn"/>), a row group at a time, with the
/// same column handling and errors: numbers (integers, floats, doubles, decimals, booleans as 0/1) and text; nulls are
/// missing values. The place in an error is "row:column" (row 1 is the first data row). Lists, maps, structs, dates and
/// binary columns are refused naming the column.
/// </summary>
public sealed class ParquetTableReader : ITableReader
{
    private static readonly Type[] Supported =
    [
        typeof(double), typeof(float), typeof(decimal), typeof(long), typeof(int), typeof(short), typeof(sbyte),
        typeof(ulong), typeof(uint), typeof(ushort), typeof(byte), typeof(bool), typeof(string),
    ];

    private readonly FileStream _stream;
    private readonly ParquetReader _reader;
    private readonly DataField[] _fields;
    private readonly string[] _header;
    private readonly CsvReadOptions _options;
    private int _group;
    private int _rowsRead;

    private ParquetTableReader(string path, FileStream stream, ParquetReader reader, DataField[] fields, CsvReadOptions options)
    {
        Path = path;
        _stream = stream;
        _reader = reader;
        _fields = fields;
        _header = fields.Select(f => f.Name).ToArray();
        _options = options;
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>Column names.</summary>
    public IReadOnlyList<string> Header => _header;

    /// <summary>True for a path that names a Parquet file (<c>.parquet</c>).</summary>
    public static bool Is(string path) => path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens <paramref name="path"/> and checks its schema.</summary>
    /// <exception cref="DataFormatException">The file is missing, not Parquet, truncated, or has a column of a kind Backprop does not
    /// read.</exception>
    public static ParquetTableReader Open(string path, CsvReadOptions? options = null)
    {
        options ??= new CsvReadOptions();
        if (Directory.Exists(path)) throw new DataFormatException("is a folder, not a Parquet file", path);
        if (!File.Exists(path)) throw new DataFormatException("file not found", path);
        FileStream stream;
        try { stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) {
            throw new DataFormatException($"cannot read: {e.Message}", path, inner: e); }
        try
        {
            if (!stream.CanSeek)
                throw new DataFormatException("a Parquet file cannot be read from a pipe (its index is at its end): save it to a file first", path);
            long footerStart = ParquetFileCheck.FooterStart(stream, path);
            ParquetReader reader;
            try { reader = ParquetReader.CreateAsync(stream, leaveStreamOpen: true).GetAwaiter().GetResult(); }
            catch (Exception e) when (e is not DataFormatException)
            {
                throw new DataFormatException($"is not a readable Parquet file (truncated or corrupt?): {Cut(e.Message)}", path, inner: e);
            }
            try
            {
                DataField[] fields;
                // The schema is decoded when first asked for: a damaged one throws the library's own exceptions.
                try { fields = Fields(reader, path); }
                catch (Exception e) when (e is not DataFormatException)
                {
                    throw new DataFormatException($"is not a readable Parquet file (truncated or corrupt?): {Cut(e.Message)}", path, inner: e);
                }
                ParquetFileCheck.RowGroups(reader.Metadata!, [.. fields.Select(f => f.Name)], footerStart, stream.Length, path);
                return new ParquetTableReader(path, stream, reader, fields, options);
            }
            catch
            {
                reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
                throw;
            }
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The file's columns, each a flat column of a type Backprop reads, each name once.</summary>
    private static DataField[] Fields(ParquetReader reader, string path)
    {
        foreach (var field in reader.Schema.Fields)
            if (field is not DataField)
                throw new DataFormatException($"column {ParquetNames.Show(field.Name)} is a {field.SchemaType.ToString().ToLowerInvariant()}, " +
                    "which Backprop does not read: leave it out of the file", path);
        var fields = reader.Schema.GetDataFields();
        foreach (var field in fields)
            if (field.IsArray || field.MaxRepetitionLevel > 0 || (Array.IndexOf(Supported, field.ClrType) < 0 && !IsText(field)))
                throw new DataFormatException(
                    $"column {ParquetNames.Show(field.Name)} holds {(field.IsArray || field.MaxRepetitionLevel > 0 ? "lists" : field.ClrType.Name)} "
                        +
                    "values, which Backprop does not read: leave it out of the file, or convert it to numbers or text", path);
        if (fields.Length == 0) throw new DataFormatException("the file has no columns", path);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < fields.Length; c++)
            if (string.IsNullOrWhiteSpace(fields[c].Name)) throw new DataFormatException($"column {c + 1} of the schema has no name", path);
            else if (!seen.TryAdd(fields[c].Name, c))
                throw new DataFormatException($"the column name {ParquetNames.Show(fields[c].Name)} appears twice in the schema " +
                    $"(columns {seen[fields[c].Name] + 1} and {c + 1})", path);
        return fields;
    }

    /// <summary>A library's message, cut to one readable line.</summary>
    private static string Cut(string message)
    {
        message = message.TrimEnd('.');
        return message.Length <= 200 ? message : message[..199] + "…";
    }

    /// <summary>Reads the whole file as one table.</summary>
    public static CsvTable Read(string path, CsvReadOptions? options = null)
    {
        using var reader = Open(path, options);
        return reader.ReadBlock(int.MaxValue) ?? throw reader.NoRows();
    }

    /// <summary>The next whole row groups, as many as make at least one and at most about <paramref name="maxRows"/> rows; null when none
    /// remain.</summary>
    public CsvTable? ReadBlock(int maxRows)
    {
        if (_group >= _reader.RowGroupCount) return _rowsRead == 0 ? throw NoRows() : null;
        byte separator = (byte)_options.DecimalSeparator;
        var columns = new TableColumn[_fields.Length];
        for (int c = 0; c < columns.Length; c++)
        {
            columns[c] = new TableColumn(_header[c], Path, c, _options.MaxCategories, separator, commaHint: false);
            if (_options.CategoricalColumns.Contains(_header[c])) columns[c].KeepAllCategories();
        }
        var lines = new List<int>();
        int rows = 0;
        do
        {
            int group = _group++;
            try
            {
                var chunks = _reader.Metadata!.RowGroups[group].Columns;
                long declared = _reader.Metadata.RowGroups[group].NumRows;
                for (int c = 0; c < _fields.Length; c++)
                {
                    string where = $"row group {group + 1} of {_reader.RowGroupCount}, column {ParquetNames.Show(_header[c])}";
                    ParquetPageCheck.Pages(_stream, chunks[c].MetaData!, declared, where, Path);
                }
                using var rowGroup = _reader.OpenRowGroupReader(group);
                int n = checked((int)rowGroup.RowCount);
                for (int c = 0; c < _fields.Length; c++) ReadColumn(rowGroup, _fields[c], columns[c], n, rows);
                for (int r = 0; r < n; r++) lines.Add(_rowsRead + r + 1);
                rows += n;
                _rowsRead += n;
            }
            catch (Exception e) when (e is not DataFormatException)
            {
                throw new DataFormatException(
                    $"row group {group + 1} of {_reader.RowGroupCount} cannot be read (truncated or corrupt?): {Cut(e.Message)}", Path, inner: e);
            }
        }
        while (rows < maxRows && _group < _reader.RowGroupCount);
        if (rows == 0) return _rowsRead == 0 ? throw NoRows() : null;
        return new CsvTable(Path, _header, columns, [.. lines], rows);
    }

    /// <summary>A table with columns and no rows, refused as a CSV with a header and no rows is.</summary>
    private DataFormatException NoRows() => new("the file has columns but no data rows", Path);

    /// <summary>A text column: Parquet.Net gives UTF-8 strings as <see cref="ReadOnlyMemory{T}"/> of char (or string).</summary>
    private static bool IsText(DataField field) => field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>);

    private static void ReadColumn(ParquetRowGroupReader rowGroup, DataField field, TableColumn column, int n, int firstRow)
    {
        Span<byte> text = stackalloc byte[64];
        if (IsText(field))
        {
            var values = new string?[n];
            rowGroup.ReadAsync(field, values.AsMemory()).GetAwaiter().GetResult();
            for (int r = 0; r < n; r++) column.Add(values[r] is { } s ? Encoding.UTF8.GetBytes(s) : [], firstRow + r, firstRow + r + 1);
            return;
        }
        double?[] numbers = field.ClrType switch
        {
            var t when t == typeof(double) => Read<double>(rowGroup, field, n, v => v),
            var t when t == typeof(float) => Read<float>(rowGroup, field, n, v => v),
            var t when t == typeof(decimal) => Read<decimal>(rowGroup, field, n, v => (double)v),
            var t when t == typeof(long) => Read<long>(rowGroup, field, n, v => v),
            var t when t == typeof(int) => Read<int>(rowGroup, field, n, v => v),
            var t when t == typeof(short) => Read<short>(rowGroup, field, n, v => v),
            var t when t == typeof(sbyte) => Read<sbyte>(rowGroup, field, n, v => v),
            var t when t == typeof(ulong) => Read<ulong>(rowGroup, field, n, v => v),
            var t when t == typeof(uint) => Read<uint>(rowGroup, field, n, v => v),
            var t when t == typeof(ushort) => Read<ushort>(rowGroup, field, n, v => v),
            var t when t == typeof(byte) => Read<byte>(rowGroup, field, n, v => v),
            _ => Read<bool>(rowGroup, field, n, v => v ? 1 : 0),
        };
        for (int r = 0; r < n; r++)
        {
            if (numbers[r] is not double v) { column.Add([], firstRow + r, firstRow + r + 1); continue; }
            v.TryFormat(text, out int written, "R", CultureInfo.InvariantCulture);
            column.Add(text[..written], firstRow + r, firstRow + r + 1);
        }
    }

    private static double?[] Read<T>(ParquetRowGroupReader rowGroup, DataField field, int n, Func<T, double> widen) where T : struct
    {
        var result = new double?[n];
        if (field.IsNullable)
        {
            var values = new T?[n];
            rowGroup.ReadAsync(field, values.AsMemory()).GetAwaiter().GetResult();
            for (int r = 0; r < n; r++) result[r] = values[r] is T v ? widen(v) : null;
        }
        else
        {
            var values = new T[n];
            rowGroup.ReadAsync(field, values.AsMemory()).GetAwaiter().GetResult();
            for (int r = 0; r < n; r++) result[r] = widen(values[r]);
        }
        return result;
    }

    /// <summary>The blocks that remain, each whole row groups.</summary>
    public IEnumerable<CsvTable> Blocks(int maxRows)
    {
        while (ReadBlock(maxRows) is { } block) yield return block;
    }

    /// <summary>The index of column <paramref name="name"/>.</summary>
    public int ColumnIndex(string name)
    {
        int c = Array.IndexOf(_header, name);
        return c >= 0 ? c : throw new DataFormatException(
            $"there is no column {ParquetNames.Show(name)} (the columns are: {string.Join(", ", _header.Take(20).Select(ParquetNames.Show))}" +
            $"{(_header.Length > 20 ? $" and {_header.Length - 20} more" : "")})", Path);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _stream.Dispose();
    }
}

using System.Globalization;
using Backprop.Diagnostics;

namespace Backprop.Data.Preprocessing;

/// <summary>
/// The gaps a model's policy filled while a scope was current: per column (in the order met), how many cells, and with
/// what — a numeric column's saved fill, or a categorical column's gap reading (its own category, the most frequent, none).
/// </summary>
/// <param name="Columns">Per column, in the order met.</param>
internal sealed record FilledGapReport(IReadOnlyList<FilledColumn> Columns)
{
    /// <summary>Nothing filled.</summary>
    public static FilledGapReport None { get; } = new([]);

    /// <summary>The cells filled in every column.</summary>
    public long Cells => Columns.Sum(c => c.Cells);

    /// <summary>
    /// The report in one line, <c>12 gaps filled: column 'income' 7 (mean 85.3), column 'job' 5 (own category)</c>; empty when none.
    /// <paramref name="numericFill"/> names how numbers were filled (<c>mean</c>, <c>median</c>), or null to show the value alone.
    /// </summary>
    public string Message(string? numericFill = null)
    {
        if (Cells == 0) return "";
        var parts = Columns.Select(c =>
        {
            string how = c.Reading ?? (numericFill is null ? "" : numericFill + " ") + FixedNotation.Significant(c.Fill ?? double.NaN, 6);
            return $"column '{Shown.Value(c.Column)}' {c.Cells.ToString(CultureInfo.InvariantCulture)} ({how})";
        });
        return $"{Cells.ToString(CultureInfo.InvariantCulture)} gap{(Cells == 1 ? "" : "s")} filled: {string.Join(", ", parts)}";
    }

    /// <summary>How a categorical column reads a gap, in words.</summary>
    public static string Reading(CategoricalColumn column) =>
        column.MissingSlot ? "own category" : column.MostFrequent is string m ? $"most frequent '{Shown.Value(m)}'" : "no category";
}

/// <summary>The gaps filled in one column.</summary>
/// <param name="Column">The column's name.</param>
/// <param name="Cells">How many cells were gaps.</param>
/// <param name="Fill">A numeric column's fill; null for a categorical column.</param>
/// <param name="Reading">A categorical column's gap reading ("own category", "most frequent 'x'", "no category"); null for a numeric column.</param>
internal readonly record struct FilledColumn(string Column, long Cells, double? Fill, string? Reading);

/// <summary>
/// Counts the gaps filled while it is current (an <see cref="AsyncLocal{T}"/> scope, as <see cref="UnseenCategoryTally"/>:
/// <c>backprop predict</c> and <c>evaluate</c> open one); a nested scope passes what it counts to the outer ones too.
/// Outside any scope (training) a count costs one read of the scope.
/// </summary>
internal sealed class FilledGapTally : IDisposable
{
    private static readonly AsyncLocal<FilledGapTally?> _current = new();
    private readonly FilledGapTally? _outer;
    private readonly Lock _lock = new();
    private readonly List<FilledColumn> _columns = [];
    private bool _disposed;

    private FilledGapTally(FilledGapTally? outer) => _outer = outer;

    /// <summary>Starts a scope; dispose it to end it.</summary>
    public static FilledGapTally Track()
    {
        var tally = new FilledGapTally(_current.Value);
        _current.Value = tally;
        return tally;
    }

    /// <summary>Records <paramref name="cells"/> gaps of numeric column <paramref name="column"/> filled with <paramref name="fill"/>.</summary>
    public static void AddNumbers(string column, long cells, double fill)
    {
        if (cells <= 0) return;
        for (var tally = _current.Value; tally is not null; tally = tally._outer) tally.Record(column, cells, fill, null);
    }

    /// <summary>Records one gap of categorical column <paramref name="column"/>, read as its policy says.</summary>
    public static void AddCategory(CategoricalColumn column)
    {
        var tally = _current.Value;
        if (tally is null) return;
        string reading = FilledGapReport.Reading(column);
        for (; tally is not null; tally = tally._outer) tally.Record(column.Name, 1, null, reading);
    }

    private void Record(string column, long cells, double? fill, string? reading)
    {
        lock (_lock)
        {
            int k = _columns.FindIndex(c => c.Column == column);
            if (k < 0) _columns.Add(new FilledColumn(column, cells, fill, reading));
            else _columns[k] = _columns[k] with { Cells = _columns[k].Cells + cells };
        }
    }

    /// <summary>What this scope counted so far.</summary>
    public FilledGapReport Report()
    {
        lock (_lock)
            return _columns.Count == 0 ? FilledGapReport.None : new FilledGapReport([.. _columns]);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_current.Value == this) _current.Value = _outer;
    }
}

using System.Runtime.CompilerServices;
using Backprop.Diagnostics;

namespace Backprop.Data.Preprocessing;

/// <summary>
/// What an encoding met that the training rows never held: how many rows had a category not seen in training, and how
/// many distinct such values each column had. Encoded as none of the known categories (<see cref="UnknownCategories.Ignore"/>).
/// </summary>
/// <param name="Rows">The rows with at least one unseen category.</param>
/// <param name="Values">Per column (in the order met), the number of distinct unseen values.</param>
public sealed record UnseenCategoryReport(long Rows, IReadOnlyList<KeyValuePair<string, int>> Values)
{
    /// <summary>The rows with at least one unseen category.</summary>
    public long Rows { get; init; } = Rows;

    /// <summary>Per column (in the order met), the number of distinct unseen values.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> Values { get; init; } = Values ?? throw new ArgumentNullException(nameof(Values));

    /// <summary>Nothing unseen.</summary>
    public static UnseenCategoryReport None { get; } = new(0, []);

    /// <summary>The report in one line, <c>3 rows had categories not seen in training: column 'Neighborhood' (2 values)</c>; empty when
    /// none.</summary>
    public string Message => Rows == 0 ? "" :
        $"{Rows} row{(Rows == 1 ? "" : "s")} had categories not seen in training: " +
        string.Join(", ", Values.Select(v => $"column '{Shown.Value(v.Key)}' ({v.Value} value{(v.Value == 1 ? "" : "s")})"));
}

/// <summary>
/// Collects the unseen categories met while it is current (an <see cref="AsyncLocal{T}"/> scope: the CLI opens one per
/// command, <c>ModelEvaluation</c> one per evaluation); a nested scope passes what it meets to the outer ones too.
/// </summary>
internal sealed class UnseenCategoryTally : IDisposable
{
    private static readonly AsyncLocal<UnseenCategoryTally?> _current = new();
    private readonly UnseenCategoryTally? _outer;
    private readonly Lock _lock = new();
    private readonly ConditionalWeakTable<CsvTable, HashSet<int>> _rows = [];
    private readonly List<(string Column, HashSet<string> Values)> _values = [];
    private long _rowCount;
    private bool _disposed;

    private UnseenCategoryTally(UnseenCategoryTally? outer) => _outer = outer;

    /// <summary>Starts a scope; dispose it to end it.</summary>
    public static UnseenCategoryTally Track()
    {
        var tally = new UnseenCategoryTally(_current.Value);
        _current.Value = tally;
        return tally;
    }

    /// <summary>Records the unseen <paramref name="value"/> of <paramref name="column"/> in row <paramref name="row"/> of
    /// <paramref name="table"/> with every current scope.</summary>
    public static void Add(CsvTable table, int row, string column, string value)
    {
        for (var tally = _current.Value; tally is not null; tally = tally._outer) tally.Record(table, row, column, value);
    }

    private void Record(CsvTable table, int row, string column, string value)
    {
        lock (_lock)
        {
            if (_rows.GetOrCreateValue(table).Add(row)) _rowCount++;
            int k = _values.FindIndex(v => v.Column == column);
            if (k < 0) _values.Add((column, new HashSet<string>(StringComparer.Ordinal) { value }));
            else _values[k].Values.Add(value);
        }
    }

    /// <summary>What this scope met so far.</summary>
    public UnseenCategoryReport Report()
    {
        lock (_lock)
            return _rowCount == 0 ? UnseenCategoryReport.None
                : new UnseenCategoryReport(_rowCount, _values.Select(v => KeyValuePair.Create(v.Column, v.Values.Count)).ToList());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_current.Value == this) _current.Value = _outer;
    }
}

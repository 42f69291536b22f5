namespace Backprop.Data.Cache;

/// <summary>
/// The points of a preparation for disk (<see cref="DiskDataset{T}"/>) where a cancellation is honoured: every block
/// read, the cache just created (its header on disk, its room reserved), every block written. At each, a cancelled
/// token throws <see cref="OperationCanceledException"/>, and the cache being written is deleted as the exception
/// leaves. <see cref="Pause"/> is a hook for tests only (the CLI sets it from an undocumented variable), to stop at a
/// named point and wait there for a signal rather than guess with a delay.
/// </summary>
internal static class PreparationPhase
{
    /// <summary>The first block of the table was read (each pass).</summary>
    public const string Read = "read";

    /// <summary>The cache file exists, its header written and its room reserved, and no row is written yet.</summary>
    public const string Created = "cache-created";

    /// <summary>The first block of rows was written to the cache.</summary>
    public const string Written = "cache-written";

    /// <summary>Called at each named point with its name and the cancellation; null (the default) does nothing.</summary>
    internal static Action<string, CancellationToken>? Pause { get; set; }

    /// <summary>Reaches <paramref name="phase"/>: the hook, then the cancellation.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> is cancelled.</exception>
    public static void Reach(string phase, CancellationToken cancellation)
    {
        Pause?.Invoke(phase, cancellation);
        cancellation.ThrowIfCancellationRequested();
    }
}

/// <summary>A table reader that honours a cancellation before every block (<see cref="PreparationPhase"/>).</summary>
internal sealed class CancellableReader(ITableReader inner, CancellationToken cancellation) : ITableReader
{
    private bool _first = true;

    public string Path => inner.Path;

    public IReadOnlyList<string> Header => inner.Header;

    public int ColumnIndex(string name) => inner.ColumnIndex(name);

    public CsvTable? ReadBlock(int maxRows)
    {
        cancellation.ThrowIfCancellationRequested();
        var block = inner.ReadBlock(maxRows);
        if (_first && block is not null) PreparationPhase.Reach(PreparationPhase.Read, cancellation);
        _first = false;
        return block;
    }

    public IEnumerable<CsvTable> Blocks(int maxRows)
    {
        while (ReadBlock(maxRows) is { } block) yield return block;
    }

    public void Dispose() => inner.Dispose();
}

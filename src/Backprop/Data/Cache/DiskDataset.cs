using System.Numerics;
using Backprop.Data.Csv;
using Backprop.Data.Preprocessing;
using Backprop.Data.Rows;
using Backprop.Diagnostics;
using Backprop.Tensors;

namespace Backprop.Data.Cache;

/// <summary>
/// A table prepared for training without holding it in memory: read in blocks, fitted (<see cref="TableScan"/>, then
/// the statistics), split, and encoded once into a memory-mapped <see cref="RowCache{T}"/> in the training precision,
/// from which <see cref="Train"/> and <see cref="Validation"/> gather their batches. The split, the preprocessing and
/// the encoded values are those <see cref="TableSplit"/>, <see cref="Preprocessor.Fit"/> and
/// <see cref="Preprocessor.Encode{T}"/> give for the table in memory, so training on it gives the same weights bit for
/// bit. Disposing it unmaps the cache and deletes the file unless <see cref="KeepCache"/> is set.
/// </summary>
internal sealed class DiskDataset<T> : IDisposable where T : unmanaged, IFloatingPointIeee754<T>
{
    private DiskDataset(Preprocessor preprocessor, RowCache<T> cache, TableSplit split, string source)
    {
        (Preprocessor, Cache, Split, Source) = (preprocessor, cache, split, source);
        Train = new RowSelection<T>(cache, split.Train);
        Validation = split.Validation.Length > 0 ? new RowSelection<T>(cache, split.Validation) : null;
    }

    /// <summary>The fitted preprocessing.</summary>
    public Preprocessor Preprocessor { get; }

    /// <summary>Every row used, encoded, in file order (the complete rows only under <see cref="MissingValues.Drop"/>).</summary>
    internal RowCache<T> Cache { get; }

    /// <summary>The split, as indices into <see cref="Cache"/>.</summary>
    public TableSplit Split { get; }

    /// <summary>The table file read.</summary>
    public string Source { get; }

    /// <summary>The training rows, in training order.</summary>
    public IRowSource<T> Train { get; }

    /// <summary>The held-out rows, or null when there are none.</summary>
    public IRowSource<T>? Validation { get; }

    /// <summary>Leave the cache file on disk when disposed.</summary>
    public bool KeepCache { get; set; }

    /// <summary>
    /// Reads the table <paramref name="open"/> opens (called once per pass, with the options to read it with): a first
    /// pass fits the kinds and categories and counts the rows, a second (only when a column is standardised or filled)
    /// accumulates the training rows' statistics, a third encodes every row into a new cache file at
    /// <paramref name="cachePath"/>. With <paramref name="fitted"/> (a start model's preprocessing) that one is used.
    /// </summary>
    /// <remarks>
    /// <paramref name="cancellation"/> is honoured before every block read or written: the cache is deleted and
    /// <see cref="OperationCanceledException"/> thrown.
    /// </remarks>
    /// <exception cref="BackpropException">The table is refused (as in memory), or the cache cannot be written (named, with the reason: no space
    /// left, permission).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled (no cache is left).</exception>
    public static DiskDataset<T> Create(Func<CsvReadOptions, ITableReader> open, PreprocessingOptions options, CsvReadOptions csv,
        double validationSplit, bool shuffle, ulong seed, string cachePath, Preprocessor? fitted = null,
        int blockRows = Output.TablePrediction.DefaultBlockRows, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockRows, 1);
        RowCacheWriter<T>.EnsureWritable(cachePath);
        var given = open;
        open = c => new CancellableReader(given(c), cancellation);
        if (fitted is not null) csv = csv with { CategoricalColumns = fitted.CategoricalColumns };
        TableScan scan;
        using (var reader = open(csv)) scan = TableScan.Run(reader, options, csv, blockRows);
        var split = TableSplit.Of(scan.Rows, validationSplit, shuffle, seed);
        var isTraining = new bool[scan.Rows];
        foreach (int r in split.Train) isTraining[r] = true;
        var encoding = csv;
        var pre = fitted ?? StreamedFit.Fit(scan, options, isTraining, () => open(encoding), blockRows);
        csv = csv with { CategoricalColumns = pre.CategoricalColumns };
        var cache = Encode(open(csv), pre, options, scan, cachePath, cancellation);
        return new DiskDataset<T>(pre, cache, split, scan.Path);
    }

    /// <summary>
    /// Encodes the rows of a table already in memory into a new cache at <paramref name="cachePath"/>, a block at a
    /// time, for when the table fits but its encoded matrix would not (many one-hot inputs): the training rows of
    /// <paramref name="split"/> first, in its order, then the held-out rows.
    /// </summary>
    /// <exception cref="BackpropException">A value is refused, or the cache cannot be written.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled (no cache is left).</exception>
    public static DiskDataset<T> FromTable(CsvTable table, Preprocessor preprocessor, TableSplit split, string cachePath,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(preprocessor);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(cachePath);
        int[] rows = [.. split.Train, .. split.Validation];
        if (rows.Length == 0) throw new DataFormatException("there are no rows to train on", table.Path);
        RowCacheWriter<T>.EnsureWritable(cachePath);
        using var writer = RowCacheWriter<T>.Create(cachePath, rows.Length, preprocessor.FeatureCount, preprocessor.Target.Width);
        PreparationPhase.Reach(PreparationPhase.Created, cancellation);
        int block = Output.TablePrediction.BlockRowsOf<T>(preprocessor);
        var features = new Matrix<T>(Math.Min(block, rows.Length), preprocessor.FeatureCount);
        for (int start = 0; start < rows.Length; start += block)
        {
            var chunk = new ArraySegment<int>(rows, start, Math.Min(block, rows.Length - start));
            preprocessor.EncodeFeatures(table, features, chunk);
            writer.Write(features, preprocessor.EncodeTargets<T>(table, chunk));
            if (start == 0) PreparationPhase.Reach(PreparationPhase.Written, cancellation);
            cancellation.ThrowIfCancellationRequested();
        }
        var cache = writer.Complete();
        int t = split.Train.Length;
        return new DiskDataset<T>(preprocessor, cache, new TableSplit([.. Enumerable.Range(0, t)], [.. Enumerable.Range(t, rows.Length - t)]),
            table.Path);
    }

    /// <summary>Encodes every used row of <paramref name="reader"/> into a new cache at <paramref name="path"/>, a block at a time.</summary>
    private static RowCache<T> Encode(ITableReader reader, Preprocessor pre, PreprocessingOptions options, TableScan scan, string path,
        CancellationToken cancellation)
    {
        using (reader)
        {
            using var writer = RowCacheWriter<T>.Create(path, scan.Rows, pre.FeatureCount, pre.Target.Width);
            PreparationPhase.Reach(PreparationPhase.Created, cancellation);
            Matrix<T>? features = null;
            long written = 0;
            foreach (var block in reader.Blocks(Output.TablePrediction.BlockRowsOf<T>(pre)))
            {
                int[]? kept = options.Missing == MissingValues.Drop ? Preprocessor.CompleteRows(block, options) : null;
                int n = kept?.Length ?? block.RowCount;
                if (written + n > scan.Rows) throw StreamedFit.Changed(scan.Path);
                if (n == 0) continue;
                if (features is null || features.Capacity < n) features = new Matrix<T>(n, pre.FeatureCount);
                pre.EncodeFeatures(block, features, kept);
                writer.Write(features, pre.EncodeTargets<T>(block, kept));
                if (written == 0) PreparationPhase.Reach(PreparationPhase.Written, cancellation);
                written += n;
            }
            if (written != scan.Rows) throw StreamedFit.Changed(scan.Path);
            return writer.Complete();
        }
    }

    /// <summary>The classes that held-out rows have and no training row does (the sign of a file sorted by its label); none for a
    /// regression.</summary>
    public IReadOnlyList<string> UnseenInTraining()
    {
        if (Preprocessor.Target.Classes is not { } classes || Split.Validation.Length == 0) return [];
        var inTraining = Present(Split.Train, classes.Count);
        var inValidation = Present(Split.Validation, classes.Count);
        return Enumerable.Range(0, classes.Count).Where(k => inValidation[k] && !inTraining[k]).Select(k => classes[k]).ToList();
    }

    private bool[] Present(int[] rows, int classes)
    {
        var present = new bool[classes];
        const int chunk = 4096;
        var x = new Matrix<T>(chunk, Cache.FeatureCount);
        var t = new Matrix<T>(chunk, Cache.TargetCount);
        for (int start = 0; start < rows.Length; start += chunk)
        {
            Cache.Gather(rows.AsSpan(start, Math.Min(chunk, rows.Length - start)), x, t);
            for (int r = 0; r < t.Rows; r++)
                present[classes == 2 ? (t[r, 0] == T.One ? 1 : 0) : Metrics.ClassificationMetrics.ArgMax<T>(t.Row(r))] = true;
        }
        return present;
    }

    /// <summary>Unmaps the cache and deletes its file unless <see cref="KeepCache"/>; a kept file is marked so (<see cref="StaleCaches.MarkKept"/>),
    /// so that no later run removes it.</summary>
    public void Dispose()
    {
        Cache.Dispose();
        if (KeepCache)
        {
            StaleCaches.MarkKept(Cache.Path);
            return;
        }
        try { File.Delete(Cache.Path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}

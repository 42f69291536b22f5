using System.IO.MemoryMappedFiles;
using System.Numerics;
using System.Runtime.CompilerServices;
using Backprop.Data.Rows;
using Backprop.Diagnostics;
using Backprop.Tensors;

namespace Backprop.Data.Cache;

/// <summary>
/// Encoded samples in a binary file, memory-mapped and read in place: the operating system pages rows in as batches
/// gather them, so a data set larger than the process's memory trains. The file (written by
/// <see cref="RowCacheWriter{T}"/>) is a 64-byte header — the magic <c>BPROWS01</c>, the element size (4 for float, 8
/// for double), the row count, the feature and target counts, all little-endian, and at byte 32 a 1 when the cache was
/// kept on purpose (<see cref="StaleCaches.MarkKept"/>), the rest zero — then one row per sample, row-major: its
/// features, then its targets, in the training precision.
/// </summary>
internal sealed unsafe class RowCache<T> : IRowSource<T>, IDisposable where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Bytes before the first row.</summary>
    public const int HeaderBytes = 64;

    internal static ReadOnlySpan<byte> Magic => "BPROWS01"u8;

    private readonly FileStream _file;
    private readonly long _bytes;
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private readonly T* _rows;
    private readonly int _width;
    private bool _disposed;

    private RowCache(string path, FileStream file, MemoryMappedFile map, MemoryMappedViewAccessor view, int rows, int features, int targets)
    {
        (Path, _file, _map, _view, Count, FeatureCount, TargetCount) = (path, file, map, view, rows, features, targets);
        _bytes = FileBytes(rows, features, targets);
        _width = features + targets;
        byte* start = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
        _rows = (T*)(start + view.PointerOffset + HeaderBytes);
    }

    /// <summary>The cache file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public int Count { get; }

    /// <inheritdoc />
    public int FeatureCount { get; }

    /// <inheritdoc />
    public int TargetCount { get; }

    /// <summary>The file's size for <paramref name="rows"/> samples of <paramref name="features"/> + <paramref name="targets"/> values.</summary>
    public static long FileBytes(long rows, int features, int targets) => HeaderBytes + rows * (features + targets) * Unsafe.SizeOf<T>();

    /// <summary>
    /// Opens a cache file written in precision <typeparamref name="T"/>, and holds it open with an exclusive advisory lock
    /// (<c>flock</c> on Unix, a sharing mode on Windows) until disposed, so that no other Backprop process opens, marks
    /// or sweeps it meanwhile.
    /// </summary>
    /// <exception cref="DataFormatException">
    /// The file is missing, not a cache, of another precision, not as long as its header says, or in use (locked).
    /// </exception>
    public static RowCache<T> Open(string path)
    {
        if (!File.Exists(path)) throw new DataFormatException("file not found", path);
        Span<byte> header = stackalloc byte[HeaderBytes];
        long length;
        FileStream stream;
        try { stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException($"cannot read: {e.Message}", path, inner: e);
        }
        try
        {
            length = stream.Length;
            if (length < HeaderBytes || stream.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false) < HeaderBytes
                || !header[..8].SequenceEqual(Magic))
                throw new DataFormatException("is not a Backprop row cache", path);
        }
        catch (Exception e)
        {
            stream.Dispose();
            if (e is IOException or UnauthorizedAccessException) throw new DataFormatException($"cannot read: {e.Message}", path, inner: e);
            throw;
        }
        int size = BitConverter.ToInt32(header[8..]);
        long rows = BitConverter.ToInt64(header[16..]);
        int features = BitConverter.ToInt32(header[24..]), targets = BitConverter.ToInt32(header[28..]);
        string? problem = size != Unsafe.SizeOf<T>()
            ? $"holds {(size == 4 ? "float" : size == 8 ? "double" : $"{size}-byte")} values, "
                + $"not {(Unsafe.SizeOf<T>() == 4 ? "float" : "double")} ones: "
                + "train with the precision it was written in"
            : rows is < 1 or > int.MaxValue || features < 1 || targets < 0 || length != FileBytes(rows, features, targets)
            ? $"is damaged: its header declares {rows} rows of {features} + {targets} values, which do not make its {length:N0} bytes"
            : null;
        if (problem is not null)
        {
            stream.Dispose();
            throw new DataFormatException(problem, path);
        }
        MemoryMappedFile? map = null;
        try
        {
            map = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
            var view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            return new RowCache<T>(path, stream, map, view, (int)rows, features, targets);
        }
        catch
        {
            map?.Dispose();
            stream.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Gather(ReadOnlySpan<int> rows, Matrix<T> features, Matrix<T> targets)
    {
        Prepare(rows.Length, features, targets);
        for (int i = 0; i < rows.Length; i++)
        {
            if ((uint)rows[i] >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(rows), $"Row {rows[i]} is not among the cache's {Count}.");
            CopyRow(rows[i], features, targets, i);
        }
    }

    /// <inheritdoc />
    public void Copy(int start, int count, Matrix<T> features, Matrix<T> targets)
    {
        if (start < 0 || count < 0 || start > Count - count)
            throw new ArgumentOutOfRangeException(nameof(count), $"Rows {start} to {start + count} are not among the cache's {Count}.");
        Prepare(count, features, targets);
        for (int i = 0; i < count; i++) CopyRow(start + i, features, targets, i);
    }

    private void Prepare(int count, Matrix<T> features, Matrix<T> targets)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        EnsureWhole();
        if (features.Columns != FeatureCount || targets.Columns != TargetCount)
            throw new ArgumentException("Column counts differ.", nameof(features));
        features.SetRows(count);
        targets.SetRows(count);
    }

    private void CopyRow(int row, Matrix<T> features, Matrix<T> targets, int into)
    {
        var values = new ReadOnlySpan<T>(_rows + (long)row * _width, _width);
        values[..FeatureCount].CopyTo(features.Row(into));
        values[FeatureCount..].CopyTo(targets.Data.AsSpan(into * TargetCount, TargetCount));
    }

    /// <summary>
    /// Checks that the file is still as long as written, before rows are read from the map: a file another process cut
    /// short (<c>truncate</c>, <c>&gt; file</c>: an advisory lock does not stop them) is one <see cref="BackpropException"/>
    /// rather than a SIGBUS. A cut between this check and the read still ends the process with SIGBUS: .NET cannot turn
    /// that signal into an exception.
    /// </summary>
    private void EnsureWhole()
    {
        long length;
        try { length = RandomAccess.GetLength(_file.SafeFileHandle); }
        catch (IOException) { length = -1; }
        if (length < _bytes)
            throw new BackpropException($"the row cache was cut short while in use ({length:N0} of its {_bytes:N0} bytes are left): "
                + "another program truncated it; train again, and leave the cache alone while it runs", Path);
    }

    /// <summary>Unmaps the file and releases its lock (it stays on disk).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _map.Dispose();
        _file.Dispose();
    }
}

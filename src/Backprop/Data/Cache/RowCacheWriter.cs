using System.Numerics;
using System.Runtime.InteropServices;
using Backprop.Diagnostics;
using Backprop.Tensors;

namespace Backprop.Data.Cache;

/// <summary>
/// Writes a <see cref="RowCache{T}"/> file front to back, a block of samples at a time. A cache that would take more than
/// 90% of the free space is refused before the file exists (<see cref="CacheSpace"/>); the file is created readable by its
/// owner only (0600), its header is handed to the kernel at once, and the whole file is reserved when it is created, so a
/// disk without room for it is refused at once rather than half-way; any failure (a full disk
/// after all, a folder that cannot be written) is one <see cref="BackpropException"/> naming the file, and the
/// partial file is deleted. An existing file is never overwritten.
/// </summary>
internal sealed class RowCacheWriter<T> : IDisposable where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly FileStream _stream;
    private readonly long _rows, _bytes;
    private readonly int _features, _targets;
    private long _written;
    private bool _done;
    private T[] _buffer = [];

    private RowCacheWriter(string path, FileStream stream, long rows, int features, int targets, long bytes) =>
        (Path, _stream, _rows, _features, _targets, _bytes) = (path, stream, rows, features, targets, bytes);

    /// <summary>The cache file.</summary>
    public string Path { get; }

    /// <summary>Creates <paramref name="path"/> for <paramref name="rows"/> samples of <paramref name="features"/> inputs and
    /// <paramref name="targets"/> targets.</summary>
    /// <exception cref="BackpropException">The file exists, or cannot be created, or the disk has no room for it.</exception>
    public static RowCacheWriter<T> Create(string path, long rows, int features, int targets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(targets);
        long bytes = RowCache<T>.FileBytes(rows, features, targets);
        string? folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
            throw new BackpropException($"cannot write the row cache: the folder '{folder}' does not exist", path);
        if (File.Exists(path) || Directory.Exists(path))
            throw new BackpropException($"cannot write the row cache: the file exists already (delete it, or give {Setting.CachePath} " +
                $"another folder)", path);
        CacheSpace.EnsureRoom(path, bytes, features, targets);
        FileStream stream;
        try
        {
            var create = new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1 << 20, PreallocationSize = bytes,
            };
            // The encoded copy of the data is its owner's alone, whatever the umask (the data file may be private).
            if (!OperatingSystem.IsWindows()) create.UnixCreateMode = OwnerOnly;
            stream = new FileStream(path, create);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A failed preallocation may leave an empty file behind.
            if (e is not UnauthorizedAccessException) TryDelete(path);
            throw Failure(e, path, bytes);
        }
        var writer = new RowCacheWriter<T>(path, stream, rows, features, targets, bytes);
        try
        {
            Span<byte> header = stackalloc byte[RowCache<T>.HeaderBytes];
            header.Clear();
            RowCache<T>.Magic.CopyTo(header);
            BitConverter.TryWriteBytes(header[8..], Marshal.SizeOf<T>());
            BitConverter.TryWriteBytes(header[16..], rows);
            BitConverter.TryWriteBytes(header[24..], features);
            BitConverter.TryWriteBytes(header[28..], targets);
            stream.Write(header);
            // On disk (in the kernel's hands) at once, so that a run killed now leaves a file that says it is a cache
            // (StaleCaches): the reservation is made, but the buffered rows may be far from their first write.
            stream.Flush();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            writer.Dispose();
            throw Failure(e, path, bytes);
        }
        return writer;
    }

    /// <summary>Read and write for the owner, nothing for anyone else (0600).</summary>
    internal const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Checks, before any work, that <paramref name="path"/> can be created: its folder exists and can be written, and no
    /// file is there (by creating and deleting a small file beside it).
    /// </summary>
    /// <exception cref="BackpropException">It cannot (named, with the reason).</exception>
    public static void EnsureWritable(string path)
    {
        string folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".";
        if (!Directory.Exists(folder)) throw new BackpropException($"cannot write the row cache: the folder '{folder}' does not exist", path);
        if (File.Exists(path) || Directory.Exists(path))
            throw new BackpropException($"cannot write the row cache: the file exists already (delete it, or give {Setting.CachePath} " +
                $"another folder)", path);
        string probe = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileName(path)}.{Guid.NewGuid():N}.probe");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failure(e, path, 0);
        }
    }

    /// <summary>Appends the samples of <paramref name="features"/> and <paramref name="targets"/> (the same rows).</summary>
    /// <exception cref="BackpropException">Writing failed (the partial file is deleted).</exception>
    public void Write(Matrix<T> features, Matrix<T> targets)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        if (features.Columns != _features || targets.Columns != _targets || features.Rows != targets.Rows)
            throw new ArgumentException("The block does not have the cache's shape.", nameof(features));
        if (_written + features.Rows > _rows) throw new InvalidOperationException($"The cache was created for {_rows} rows.");
        int width = _features + _targets, n = features.Rows;
        if (_buffer.Length < n * width) _buffer = new T[n * width];
        for (int r = 0; r < n; r++)
        {
            features.Row(r).CopyTo(_buffer.AsSpan(r * width, _features));
            targets.Data.AsSpan(r * _targets, _targets).CopyTo(_buffer.AsSpan(r * width + _features, _targets));
        }
        try { _stream.Write(MemoryMarshal.AsBytes(_buffer.AsSpan(0, n * width))); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Dispose();
            throw Failure(e, Path, _bytes);
        }
        _written += n;
    }

    /// <summary>Flushes the file to disk and opens it for reading; every declared row must have been written.</summary>
    /// <exception cref="BackpropException">Flushing failed (the partial file is deleted).</exception>
    public RowCache<T> Complete()
    {
        ObjectDisposedException.ThrowIf(_done, this);
        if (_written != _rows) throw new InvalidOperationException($"{_written} of the cache's {_rows} rows were written.");
        try
        {
            _stream.Flush(flushToDisk: true);
            _stream.Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Dispose();
            throw Failure(e, Path, _bytes);
        }
        _done = true;
        return RowCache<T>.Open(Path);
    }

    /// <summary>Deletes the file unless <see cref="Complete"/> finished it.</summary>
    public void Dispose()
    {
        if (_done) return;
        _done = true;
        try { _stream.Dispose(); }
        catch (IOException) { }
        TryDelete(Path);
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>ENOSPC on Unix (28), ERROR_DISK_FULL and ERROR_HANDLE_DISK_FULL on Windows, as .NET reports them.</summary>
    private static bool IsDiskFull(Exception e) => (e.HResult & 0xFFFF) is 28 or 112 or 39
        || e.Message.Contains("no space left", StringComparison.OrdinalIgnoreCase)
            || e.Message.Contains("disk was full", StringComparison.OrdinalIgnoreCase);

    private static BackpropException Failure(Exception e, string path, long bytes) => e switch
    {
        UnauthorizedAccessException =>
            new BackpropException($"cannot write the row cache: permission denied (give {Setting.CachePath} a folder you can write)", path, inner: e),
        _ when (e.HResult & 0xFFFF) == 30 || e.Message.Contains("read-only file system", StringComparison.OrdinalIgnoreCase) =>
            new BackpropException($"cannot write the row cache: the folder is on a read-only file system (give {Setting.CachePath} a folder " +
                $"you can write)", path, inner: e),
        _ when IsDiskFull(e) =>
            new BackpropException($"cannot write the row cache: no space left on the device " +
                $"({(bytes > 0 ? $"the cache needs {bytes:N0} bytes; " : "")}give {Setting.CachePath} a folder with room, or raise " +
                    $"{Setting.MemoryBudget})", path, inner: e),
        _ => new BackpropException($"cannot write the row cache: {e.Message}", path, inner: e),
    };
}

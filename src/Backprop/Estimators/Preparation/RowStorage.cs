using System.Numerics;
using System.Runtime.CompilerServices;
using Backprop.Data.Cache;
using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;
using Backprop.Serialization;

namespace Backprop.Estimators.Preparation;

/// <summary>
/// Where train's encoded rows go when they would not fit in memory (<c>--memory-budget</c>, <c>--cache-dir</c>,
/// <c>--keep-cache</c>): a row cache named after the model and its owner (<c>MODEL.json.PID-START-MACHINE.rows</c>,
/// <see cref="StaleCaches"/>) in the cache folder.
/// </summary>
/// <param name="Budget">The most bytes the encoded rows may take in memory.</param>
/// <param name="CachePath">The cache file to write when they would take more.</param>
/// <param name="Keep">Leave the cache on disk afterwards.</param>
internal sealed record RowStorage(long Budget, string CachePath, bool Keep)
{
    /// <summary>
    /// The storage for a model written to <paramref name="outPath"/>, its cache in <paramref name="folder"/> (default: beside
    /// the model). The caches that processes which have ended left in that folder are removed first (<see cref="StaleCaches.Remove"/>).
    /// </summary>
    public static RowStorage For(long budget, string outPath, string? folder, bool keep)
    {
        string full = Path.GetFullPath(outPath);
        if (folder is not null && !Directory.Exists(folder))
            throw new BackpropException(File.Exists(folder) ? $"{Setting.CacheFolder}: '{folder}' is a file; give a folder"
                : $"{Setting.CacheFolder}: the folder '{folder}' does not exist");
        string where = folder is null ? Path.GetDirectoryName(full)! : Path.GetFullPath(folder);
        var removed = StaleCaches.Remove(where);
        return new RowStorage(budget, StaleCaches.PathFor(where, Path.GetFileName(full)), keep) { RemovedCaches = removed };
    }

    /// <summary>The stale caches <see cref="For"/> removed from the cache folder (left by processes that had ended).</summary>
    public IReadOnlyList<string> RemovedCaches { get; init; } = [];

    /// <summary>
    /// Whether <paramref name="path"/> is read in blocks and never held: a regular file (not standard input or a pipe,
    /// which can be read only once) larger than half the budget, since the table as read takes about as much memory as
    /// the file and its encoded rows as much again.
    /// </summary>
    public bool Streams(string path) => path != "-" && File.Exists(path) && !FileIdentity.IsSpecial(path) && new FileInfo(path).Length > Budget / 2;

    /// <summary>Whether <paramref name="rows"/> rows encoded by <paramref name="preprocessor"/> in <typeparamref name="T"/> exceed the
    /// budget.</summary>
    public bool TooLarge<T>(long rows, Preprocessor preprocessor) where T : unmanaged, IFloatingPointIeee754<T> =>
        rows * (preprocessor.FeatureCount + preprocessor.Target.Width) * Unsafe.SizeOf<T>() > Budget;
}

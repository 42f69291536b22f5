using System.Globalization;
using Backprop.Diagnostics;

namespace Backprop.Data.Cache;

/// <summary>
/// The room a row cache may take: at most <see cref="Share"/> of the free space of its folder's file system, checked
/// before the file is created or reserved, so that a cache that would fill the disk (a text column of many ids made
/// one-hot) is refused in one line rather than taking the disk from everything else.
/// </summary>
internal static class CacheSpace
{
    /// <summary>The largest share of the free space a cache may take: 90%.</summary>
    public const double Share = 0.9;

    private static readonly AsyncLocal<Func<string, long?>?> _freeOverride = new();

    /// <summary>For tests: the free bytes to report for a folder in place of the file system's (for this flow of execution only).</summary>
    internal static Func<string, long?>? FreeOverride { get => _freeOverride.Value; set => _freeOverride.Value = value; }

    /// <summary>The bytes free to this user on the file system of <paramref name="folder"/>; null when it cannot be told.</summary>
    public static long? Free(string folder)
    {
        if (FreeOverride is { } fake) return fake(folder);
        try { return new DriveInfo(folder).AvailableFreeSpace; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException) { return null; }
    }

    /// <summary>
    /// Refuses a cache of <paramref name="bytes"/> bytes at <paramref name="path"/> that would take more than
    /// <see cref="Share"/> of the free space.
    /// </summary>
    /// <exception cref="BackpropException">It would (saying how much it takes, how much is free and what to change).</exception>
    public static void EnsureRoom(string path, long bytes, int features, int targets)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        if (Free(folder) is not long free || bytes <= free * Share) return;
        throw new BackpropException(string.Create(CultureInfo.InvariantCulture,
            $"cannot write the row cache: it would take {Size(bytes)} ({bytes:N0} bytes, {features + targets:N0} values a row) "
            + $"but its file system has {Size(free)} free, "
            + $"and a cache may take at most {Share * 100:0}% of it: give {Setting.CachePath} a folder with room, or encode fewer inputs "
            + $"(lower {Setting.MaxCategories}, or leave wide text columns out of the features)"), path);
    }

    /// <summary>A size for people: <c>27.3 GB</c>, <c>512.0 MB</c>, <c>12.0 KB</c>, <c>900 bytes</c> (binary multiples).</summary>
    internal static string Size(long bytes)
    {
        string[] units = ["KB", "MB", "GB", "TB", "PB"];
        if (bytes < 1024) return string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.Length - 1) { value /= 1024; unit++; }
        return string.Create(CultureInfo.InvariantCulture, $"{value:F1} {units[unit]}");
    }
}

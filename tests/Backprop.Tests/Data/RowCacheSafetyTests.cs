using System.Diagnostics;
using Backprop.Data.Cache;
using Backprop.Diagnostics;
using Backprop.Tensors;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Data;

/// <summary>
/// What a row cache is on disk before and after its rows: its owner's alone (0600), swept when its run was killed before
/// its header reached the disk (an empty file, however much is reserved), held under an exclusive lock while mapped, and
/// refused in one line (not a SIGBUS) when another program cuts it short.
/// </summary>
public sealed class RowCacheSafetyTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Above the largest process id Linux can give (2²²), so no process ever has it.</summary>
    private const int NoProcess = 4_194_305;

    private static string Tag(int id) => FormattableString.Invariant($"{id}-12345-{CacheOwner.Current.Machine}");

    private string Write(string name, int rows, int features, int targets)
    {
        string path = _folder.File(name);
        var (x, t) = (new Matrix<float>(rows, features), new Matrix<float>(rows, targets));
        for (int r = 0; r < rows; r++) x[r, 0] = r;
        using var writer = RowCacheWriter<float>.Create(path, rows, features, targets);
        writer.Write(x, t);
        writer.Complete().Dispose();
        return path;
    }

    [SkippableFact]
    public void An_empty_cache_or_probe_of_an_ended_run_is_swept_whatever_it_reserves_and_nothing_else_more()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "owners are judged from /proc");
        // What a run killed right after creating its cache leaves: 0 bytes long, 64 MiB reserved.
        string reserved = _folder.File($"m.json.{Tag(NoProcess)}.rows");
        var reserve = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, PreallocationSize = 64 << 20 };
        using (new FileStream(reserved, reserve)) { }
        Assert.Equal(0, new FileInfo(reserved).Length);
        string probe = _folder.File($".m.json.{Tag(NoProcess)}.rows.{Guid.NewGuid():N}.probe");
        File.WriteAllBytes(probe, []);
        string fullProbe = _folder.Write($".n.json.{Tag(NoProcess)}.rows.{Guid.NewGuid():N}.probe", "not empty: not ours to judge");
        string mine = _folder.File($"k.json.{CacheOwner.Current.Tag}.rows");
        File.WriteAllBytes(mine, []);                                            // this process's: in use
        string other = _folder.File($"notes.{Tag(NoProcess)}.txt");
        File.WriteAllBytes(other, []);

        Assert.Equal(new[] { reserved, probe }.Order(), StaleCaches.Remove(_folder.Path).Order());
        var all = new EnumerationOptions { AttributesToSkip = 0 };
        Assert.Equal(new[] { fullProbe, mine, other }.Order(), Directory.GetFiles(_folder.Path, "*", all).Order());
    }

    /// <summary>The first eight bytes of <paramref name="path"/> as read by <c>head -c 8</c> (no lock taken).</summary>
    internal static string Head(string path)
    {
        using var head = Process.Start(new ProcessStartInfo("head", ["-c", "8", path]) { UseShellExecute = false, RedirectStandardOutput = true })!;
        string text = head.StandardOutput.ReadToEnd();
        head.WaitForExit();
        return text;
    }

    [SkippableFact]
    public void A_cache_is_created_readable_by_its_owner_only_with_its_header_first()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Unix file modes, head(1)");
        string path = _folder.File("a.rows");
        using (var writer = RowCacheWriter<float>.Create(path, 10, 3, 1))
        {
            // Before any row: the header is on disk (a killed run's file says what it is) and the mode is 0600. The
            // writer holds the file locked (.NET's opens would wait on it): read with head(1), which takes no lock.
            Assert.Equal(64, new FileInfo(path).Length);
            Assert.Equal("BPROWS01", Head(path));
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
        Assert.False(File.Exists(path));                                         // not completed: deleted
    }

    [SkippableFact]
    public void A_mapped_cache_is_locked_and_one_cut_short_by_another_program_is_one_line_not_a_sigbus()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "flock and truncate(1)");
        // 640 rows of 50 + 10 floats: 64 + 640 × 60 × 4 = 153,664 bytes.
        string path = Write("c.rows", 640, 50, 10);
        Assert.Equal(153_664, new FileInfo(path).Length);
        using var rows = RowCache<float>.Open(path);
        var second = Assert.Throws<DataFormatException>(() => RowCache<float>.Open(path));
        Assert.Contains("cannot read", second.Message);

        var (x, t) = (new Matrix<float>(2, 50), new Matrix<float>(2, 10));
        rows.Gather([639, 3], x, t);
        Assert.Equal((639f, 3f), (x[0, 0], x[1, 0]));

        // truncate(1) ignores advisory locks, as any program may.
        using (var truncate = Process.Start(new ProcessStartInfo("truncate", ["-s", "1000", path]) { UseShellExecute = false })!)
            truncate.WaitForExit();
        Assert.Equal(1000, new FileInfo(path).Length);
        var cut = Assert.Throws<BackpropException>(() => rows.Gather([639], x, t));
        Assert.Contains("the row cache was cut short while in use (1,000 of its 153,664 bytes are left)", cut.Message);
        Assert.Throws<BackpropException>(() => rows.Copy(0, 1, x, t));
    }
}

using System.Diagnostics;
using System.Globalization;
using Backprop.Data.Cache;
using Backprop.Estimators.Preparation;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Data;

/// <summary>Row caches of processes that ended without deleting them (SIGKILL) are removed by a later run; nothing else is.</summary>
public sealed class StaleCacheTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Above the largest process id Linux can give (2²²), so no process ever has it.</summary>
    private const int NoProcess = 4_194_305;

    private static string Machine => CacheOwner.Current.Machine;

    /// <summary>A file of <paramref name="bytes"/> bytes that begins as a row cache does, marked kept or not.</summary>
    private string Cache(string name, bool kept = false, int bytes = 64 + 2 * 3 * 4)
    {
        var content = new byte[bytes];
        "BPROWS01"u8.CopyTo(content);
        BitConverter.TryWriteBytes(content.AsSpan(8), 4);
        BitConverter.TryWriteBytes(content.AsSpan(16), 2L);
        BitConverter.TryWriteBytes(content.AsSpan(24), 2);
        BitConverter.TryWriteBytes(content.AsSpan(28), 1);
        content[32] = kept ? (byte)1 : (byte)0;
        string path = _folder.File(name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static string Tag(int id, long start, string? machine = null) => FormattableString.Invariant($"{id}-{start}-{machine ?? Machine}");

    [SkippableFact]
    public void Only_the_caches_of_ended_processes_of_this_machine_are_removed()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "the start times below are Linux's /proc ones");
        var me = CacheOwner.Current;
        string dead = Cache($"m.json.{Tag(NoProcess, 12345)}.rows");
        string reused = Cache($"m.json.{Tag(me.Id, me.Start + 1)}.rows");            // this id, but a process that started at another time
        string mine = Cache($"m.json.{me.Tag}.rows");
        string kept = Cache($"k.json.{Tag(NoProcess, 12345)}.rows", kept: true);
        string elsewhere = Cache($"m.json.{Tag(NoProcess, 12345, "0badf00d")}.rows");
        string notOurs = _folder.Write($"notes.{Tag(NoProcess, 12345)}.rows",
            "a file of someone else's that happens to have such a name, long enough to hold a header of sixty-four bytes");
        string shortFile = _folder.Write($"s.json.{Tag(NoProcess, 12345)}.rows", "BPROWS01");
        string oldName = Cache($"m.json.{NoProcess}.rows");
            // the name before owners were recorded: kept and killed look the same
        string other = Cache("data.rows");

        // A live child process's cache stays while it runs and goes once it has ended.
        using var child = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        long childStart = CacheOwner.StartOf(child.Id)!.Value;
        string live = Cache($"c.json.{Tag(child.Id, childStart)}.rows");

        Assert.Equal(new[] { dead, reused }.Order(), StaleCaches.Remove(_folder.Path).Order());
        string[] left = [mine, kept, elsewhere, notOurs, shortFile, oldName, other, live];
        Assert.Equal(left.Order(), Directory.GetFiles(_folder.Path).Order());

        child.Kill();
        child.WaitForExit();
        Assert.Null(CacheOwner.StartOf(child.Id));
        Assert.Equal([live], StaleCaches.Remove(_folder.Path));
        Assert.Equal(left.Except([live]).Order(), Directory.GetFiles(_folder.Path).Order());
    }

    [SkippableFact]
    public void The_start_time_is_field_22_of_proc_stat_and_a_cache_name_carries_it()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "/proc is Linux's");
        var me = CacheOwner.Current;
        // /proc/self/stat read independently: "pid (comm) state ppid … starttime" with starttime the 22nd field.
        string stat = File.ReadAllText("/proc/self/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        Assert.Equal(long.Parse(fields[22 - 3], CultureInfo.InvariantCulture), me.Start);
        Assert.Equal(Environment.ProcessId, me.Id);
        Assert.Matches("^[0-9a-f]{8}$", me.Machine);
        Assert.Equal(Path.Combine("/x", $"m.json.{Environment.ProcessId}-{me.Start}-{me.Machine}.rows"), StaleCaches.PathFor("/x", "m.json"));
    }

    [Fact]
    public void Train_removes_a_killed_runs_cache_beside_its_model_and_marks_a_kept_one()
    {
        string stale = Cache($"m.json.{Tag(NoProcess, 777)}.rows");
        string data = _folder.Write("d.csv", "x,y\n0,0\n1,1\n2,0\n3,1\n");
        string printed = CliRunner.Ok("train", "--optimizer", "gd", "--lr", "0.01", "--data", data, "--target", "y", "--layers", "2", "--epochs", "1",
            "--out", _folder.File("m.json"));
        Assert.False(File.Exists(stale));
        Assert.Contains($"removed {stale}, a row cache left by a run that had ended", printed);
        // RowStorage names this process's cache with its owner, in the folder given.
        var storage = RowStorage.For(1024, _folder.File("n.json"), null, keep: false);
        Assert.Equal(StaleCaches.PathFor(_folder.Path, "n.json"), storage.CachePath);

        string marked = Cache($"q.json.{Tag(NoProcess, 1)}.rows");
        Assert.True(StaleCaches.MarkKept(marked));
        Assert.Empty(StaleCaches.Remove(_folder.Path));
        Assert.Equal(1, File.ReadAllBytes(marked)[32]);
        Assert.False(StaleCaches.MarkKept(data));                                    // not a cache: left as it is
        Assert.Equal("x,y\n0,0\n1,1\n2,0\n3,1\n", File.ReadAllText(data));
    }
}

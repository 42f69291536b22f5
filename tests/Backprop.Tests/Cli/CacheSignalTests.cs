using System.Text;

namespace Backprop.Tests.Cli;

/// <summary>
/// Signals and SIGKILL sent to a real <c>train</c> while it prepares its data: reading the table (in blocks for a
/// cache, or whole into memory), with the cache just created (reserved, no row written) and with rows written. Each run stops at once with 128 + the
/// signal's number and one line, writes no model and leaves no cache; a killed run's cache is removed by the next run in
/// the folder. The child pauses at the named phase (an undocumented test variable) and the signal is sent then: no delay
/// is guessed.
/// </summary>
public class CacheSignalTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private const string Pause = "BACKPROP_TEST_PAUSE";

    /// <summary><paramref name="rows"/> rows of twelve one-letter text columns (one-hot: 312 inputs) and a numeric target, ~30 bytes a row.</summary>
    private string Wide(int rows)
    {
        var rng = new Backprop.Initialization.Rng(11, 1);
        var csv = new StringBuilder(string.Join(",", Enumerable.Range(0, 12).Select(i => $"c{i}")) + ",y\n");
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < 12; c++) csv.Append((char)('a' + rng.NextInt(26))).Append(',');
            csv.Append(r % 7).Append('\n');
        }
        return _folder.Write($"wide{rows}.csv", csv.ToString());
    }

    private static string[] Train(string data, string model, string budget) =>
        ["train", "--optimizer", "gd", "--lr", "0.01", "--data", data, "--target", "y", "--layers", "3", "--epochs", "1", "--memory-budget", budget,
            "--out", model];

    private static string[] Listing(string folder) =>
        [.. Directory.GetFileSystemEntries(folder, "*", new EnumerationOptions { AttributesToSkip = 0 }).Select(Path.GetFileName).Order()!];

    private sealed record Case(string Name, int Signal, int ExitCode, string Phase, string Budget);

    [SkippableFact]
    public void A_signal_at_each_phase_of_the_preparation_stops_with_its_code_and_one_line_and_leaves_nothing()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "signals are sent with kill(2) and checked in /proc");
        string streamed = Wide(3_000);          // 90 KB: over half of a 1 KiB budget, so read in blocks, three passes
        string held = Wide(1_000);              // 30 KB: under half of 64 KiB, read whole; its 2.5 MB of encoded rows go to the cache
        Assert.InRange(new FileInfo(held).Length, 1, 32 * 1024);
        Case[] cases =
        [
            new("SIGINT", ChildCli.SigInt, 130, "read", "1K"),
            new("SIGTERM", ChildCli.SigTerm, 143, "cache-created", "1K"),
            new("SIGHUP", ChildCli.SigHup, 129, "cache-written", "1K"),
            new("SIGTERM", ChildCli.SigTerm, 143, "cache-created", "64K"),
            new("SIGTERM", ChildCli.SigTerm, 143, "read", "4G"),          // all in memory: no cache at all
        ];
        var runs = cases.Select((c, k) =>
        {
            string folder = Directory.CreateDirectory(_folder.File($"case{k}")).FullName;
            var env = new Dictionary<string, string> { [Pause] = c.Phase };
            var args = Train(c.Budget == "1K" ? streamed : held, Path.Combine(folder, "m.json"), c.Budget);
            return (Case: c, Folder: folder, Child: ChildCli.Start(env, args));
        }).ToList();
        try
        {
            var ignored = new List<string>();
            foreach (var run in runs)
            {
                run.Child.WaitForLine($"paused at {run.Case.Phase}");
                if (run.Child.Ignores(run.Case.Signal)) ignored.Add(run.Case.Name);
                if (run.Case.Phase != "read")
                {
                    // The cache exists, says what it is, and is its owner's alone (0600), whatever the umask.
                    string cache = Assert.Single(Directory.GetFiles(run.Folder, "m.json.*.rows"));
                    Assert.Equal("BPROWS01", Backprop.Tests.Data.RowCacheSafetyTests.Head(cache));
                    if (OperatingSystem.IsLinux()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cache));
                }
            }
            Skip.If(ignored.Count > 0,
                $"this test runs where {string.Join(", ", ignored)} is ignored (a background job of a shell without job control ignores SIGINT)");
            foreach (var run in runs) run.Child.Signal(run.Case.Signal);
            foreach (var run in runs)
            {
                string what = $"{run.Case.Name} at {run.Case.Phase} ({run.Case.Budget})";
                int code = run.Child.WaitForExit();
                Assert.True(code == run.Case.ExitCode, $"{what}: exit code {code}: {run.Child.Output}{run.Child.Error}");
                string line = Assert.Single(run.Child.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
                Assert.Equal($"interrupted by {run.Case.Name} while preparing the data: nothing was trained, no model written, no row cache left",
                    line);
                Assert.Empty(Listing(run.Folder));
            }
        }
        finally
        {
            foreach (var run in runs) run.Child.Dispose();
        }
    }

    [SkippableFact]
    public void A_run_killed_with_its_cache_just_reserved_leaves_it_to_the_next_run_which_removes_it()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "SIGKILL is sent with kill(2); owners are judged from /proc");
        string data = Wide(3_000);
        string folder = Directory.CreateDirectory(_folder.File("out")).FullName, model = Path.Combine(folder, "m.json");
        string cache;
        using (var child = ChildCli.Start(new Dictionary<string, string> { [Pause] = "cache-created" }, Train(data, model, "1K")))
        {
            child.WaitForLine("paused at cache-created");
            cache = Assert.Single(Directory.GetFiles(folder));
            Assert.Matches($@"m\.json\.{child.Id}-\d+-[0-9a-f]{{8}}\.rows$", cache);
            Assert.True(child.Signal(9));
            Assert.Equal(137, child.WaitForExit());
        }
        Assert.Equal([Path.GetFileName(cache)], Listing(folder)); // what SIGKILL leaves: nothing ran to delete it

        var next = CliRunner.Run(Train(data, model, "1K"));
        Assert.True(next.ExitCode == 0, next.Error);
        Assert.Contains($"removed {cache}, a row cache left by a run that had ended", next.Output);
        Assert.Equal(["m.json"], Listing(folder));
    }
}

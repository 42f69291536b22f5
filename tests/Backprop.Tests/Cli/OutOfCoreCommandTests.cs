using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Backprop.Serialization;

namespace Backprop.Tests.Cli;

/// <summary>train on data whose encoded rows exceed --memory-budget: a memory-mapped row cache, the same weights as in memory.</summary>
public class OutOfCoreCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>
    /// <paramref name="rows"/> rows of twelve one-letter text columns (each one-hot: 26 inputs) and a numeric target: about
    /// 30 bytes of CSV a row, but 313 doubles (2,504 bytes) encoded.
    /// </summary>
    private string Wide(int rows, string name = "wide.csv")
    {
        var rng = new Backprop.Initialization.Rng(7, 1);
        var csv = new StringBuilder(string.Join(",", Enumerable.Range(0, 12).Select(i => $"c{i}")) + ",y\n");
        for (int r = 0; r < rows; r++)
        {
            int sum = 0;
            for (int c = 0; c < 12; c++)
            {
                int letter = rng.NextInt(26);
                if (c < 3) sum += letter;
                csv.Append((char)('a' + letter)).Append(',');
            }
            csv.Append(sum / 75.0 is var y ? y.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) : "").Append('\n');
        }
        return _folder.Write(name, csv.ToString());
    }

    private static CliRunner.Outcome Child(IDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(Backprop.Cli.CliApp).Assembly.Location);
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(180_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the CLI did not finish");
        }
        return new CliRunner.Outcome(process.ExitCode, output.Result, error.Result);
    }

    private static JsonNode? Layers(string model) => JsonNode.Parse(File.ReadAllText(model))!["layers"];

    [Fact]
    public void A_table_encoded_to_three_times_the_heap_limit_trains_from_the_cache_to_the_weights_of_the_run_in_memory()
    {
        // 80,000 rows encode to 80,000 × 313 doubles = 200 MB, three times the 64 MiB heap the run is given; the CSV is 2.4 MB.
        string data = Wide(80_000);
        string[] run = ["train", "--data", data, "--target", "y", "--layers", "4", "--epochs", "1", "--batch-size", "512", "--lr", "0.01",
            "--validation-split", "0.1", "--shuffle", "--optimizer", "gd", "--standardize", "none"];
        string streamed = _folder.File("streamed.json"), inMemory = _folder.File("memory.json");
        var limited = Child(new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x4000000", ["BACKPROP_THREADS"] = "2" },
            [.. run, "--out", streamed]);
        Assert.True(limited.ExitCode == 0, limited.Error);
        var whole = Child(new Dictionary<string, string> { ["BACKPROP_THREADS"] = "1" }, [.. run, "--out", inMemory, "--memory-budget", "4G"]);
        Assert.True(whole.ExitCode == 0, whole.Error);
        Assert.Contains($"they are read from a cache on disk, {streamed}.", limited.Output);
        // 64 + 80,000 × 313 × 8 = 200,320,064 bytes = 191.04 MiB.
        Assert.Contains(".rows (191.0 MB)", limited.Output);
        Assert.DoesNotContain("cache", whole.Output);
        Assert.True(JsonNode.DeepEquals(Layers(inMemory), Layers(streamed)), "the weights differ");
        Assert.Equal(80_000, ModelFile.Load(streamed).Training!.Rows);
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.rows"));
    }

    private static readonly string[] Small =
        ["--target", "y", "--layers", "3", "--lr", "0.01", "--batch-size", "64", "--validation-split", "0.2", "--shuffle", "--optimizer",
            "adam", "--quiet"];

    [Fact]
    public void A_run_from_the_cache_checkpoints_and_resumes_to_the_weights_of_one_run_in_memory()
    {
        string data = Wide(1_000);
        string straight = _folder.File("straight.json"), resumed = _folder.File("resumed.json");
        var once = CliRunner.Run(["train", "--data", data, .. Small, "--epochs", "4", "--out", straight]);
        Assert.True(once.ExitCode == 0, once.Error);
        var first = CliRunner.Run(["train", "--data", data, .. Small, "--epochs", "2", "--memory-budget", "1K", "--out", resumed]);
        Assert.True(first.ExitCode == 0, first.Error);
        var rest = CliRunner.Run(["train", "--data", data, .. Small, "--epochs", "4", "--memory-budget", "1K", "--resume", resumed,
            "--out", resumed]);
        Assert.True(rest.ExitCode == 0, rest.Error);
        Assert.True(JsonNode.DeepEquals(Layers(straight), Layers(resumed)), "the weights differ");
        Assert.Equal(ModelFile.Load(straight).Training!.ValidationLossHistory, ModelFile.Load(resumed).Training!.ValidationLossHistory);
        Assert.Equal(4, ModelFile.Load(resumed).Training!.ValidationLossHistory.Length);
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.rows"));
    }

    [Fact]
    public void Early_stopping_from_the_cache_stops_at_the_epoch_and_weights_of_the_run_in_memory()
    {
        string data = Wide(800);
        string[] run = ["train", "--data", data, "--target", "y", "--layers", "8", "--lr", "0.05", "--batch-size", "32", "--validation-split", "0.3",
            "--optimizer", "adam", "--epochs", "40", "--patience", "2", "--quiet"];
        string memory = _folder.File("memory.json"), disk = _folder.File("disk.json");
        var a = CliRunner.Run([.. run, "--out", memory]);
        Assert.True(a.ExitCode == 0, a.Error);
        var b = CliRunner.Run([.. run, "--memory-budget", "1K", "--out", disk]);
        Assert.True(b.ExitCode == 0, b.Error);
        var (m, d) = (ModelFile.Load(memory).Training!, ModelFile.Load(disk).Training!);
        Assert.Equal("EarlyStopped", m.StopReason);
        Assert.Equal(m.StopReason, d.StopReason);
        Assert.Equal(m.ValidationLossHistory, d.ValidationLossHistory);
        Assert.True(JsonNode.DeepEquals(Layers(memory), Layers(disk)), "the weights differ");
    }

    [Fact]
    public void Keep_cache_leaves_the_row_cache_of_every_row_in_the_cache_folder()
    {
        string data = Wide(500);
        string folder = Directory.CreateDirectory(_folder.File("cache")).FullName;
        var r = CliRunner.Run(["train", "--data", data, .. Small, "--epochs", "1", "--memory-budget", "1K", "--cache-dir", folder, "--keep-cache",
            "--precision", "float", "--out", _folder.File("m.json")]);
        Assert.True(r.ExitCode == 0, r.Error);
        string cache = Assert.Single(Directory.GetFiles(folder));
        Assert.Matches($@"m\.json\.{Environment.ProcessId}-\d+-[0-9a-f]{{8}}\.rows$", cache);
        // 500 rows of 12 × 26 one-hot inputs and one target, as floats, after the 64-byte header.
        Assert.Equal(64 + 500 * 313 * 4, new FileInfo(cache).Length);
        // Marked kept (header byte 32), so that no later run takes it for a killed run's cache.
        using (var stream = File.OpenRead(cache)) { stream.Position = 32; Assert.Equal(1, stream.ReadByte()); }
        // The encoded copy of the data is readable by its owner only, whatever the umask.
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cache));
    }

    [SkippableFact]
    public void A_cache_folder_that_cannot_be_written_is_one_line_and_nothing_written()
    {
        using var mount = TmpfsMount.TryCreate("ro,size=1m");
        Skip.If(mount is null, "mounting a read-only tmpfs needs root (mount -t tmpfs -o ro)");
        string data = Wide(200), model = _folder.File("m.json");
        var r = CliRunner.Run(["train", "--data", data, .. Small, "--epochs", "1", "--memory-budget", "1K", "--cache-dir", mount.Path,
            "--out", model]);
        CliRunner.AssertUserError(r, Path.Combine(mount.Path, "m.json."),
            ".rows: cannot write the row cache: the folder is on a read-only file system");
        Assert.False(File.Exists(model));
    }

    [Fact]
    public void A_cache_folder_that_is_missing_is_refused_before_any_work()
    {
        string model = _folder.File("m.json");
        CliRunner.AssertUserError(CliRunner.Run(["train", "--data", Wide(50), .. Small, "--cache-dir", _folder.File("nowhere"), "--out", model]),
            $"--cache-dir: the folder '{_folder.File("nowhere")}' does not exist");
        Assert.False(File.Exists(model));
    }

    [SkippableFact]
    public void A_cache_larger_than_the_free_space_is_refused_before_it_exists_and_a_disk_that_fills_anyway_is_one_line_too()
    {
        using var mount = TmpfsMount.TryCreate("size=1m");
        Skip.If(mount is null, "mounting a small tmpfs needs root (mount -t tmpfs)");
        // 1,000 rows of 313 doubles: 2.5 MB, more than the 1 MiB the folder holds.
        string data = Wide(1_000), model = _folder.File("m.json");
        string[] run = ["train", "--data", data, .. Small, "--epochs", "1", "--memory-budget", "1K", "--cache-dir", mount.Path, "--out", model];
        CliRunner.AssertUserError(CliRunner.Run(run), Path.Combine(mount.Path, "m.json."),
            ".rows: cannot write the row cache: it would take 2.4 MB (2,504,064 bytes, 313 values a row) but its file system has 1.0 MB free");
        Assert.False(File.Exists(model));
        Assert.Empty(Directory.GetFileSystemEntries(mount.Path));

        // The disk's free space misread (another program filled it meanwhile): the reservation fails, one line all the same.
        Backprop.Data.Cache.CacheSpace.FreeOverride = _ => 1L << 40;
        try
        {
            CliRunner.AssertUserError(CliRunner.Run(run), Path.Combine(mount.Path, "m.json."),
                ".rows: cannot write the row cache: no space left on the device (the cache needs 2,504,064 bytes");
        }
        finally { Backprop.Data.Cache.CacheSpace.FreeOverride = null; }
        Assert.False(File.Exists(model));
        Assert.Empty(Directory.GetFileSystemEntries(mount.Path));
    }

    [Fact]
    public async Task A_standard_input_that_ends_mid_row_under_a_small_budget_is_one_line_and_no_model()
    {
        string model = _folder.File("m.json");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { typeof(Backprop.Cli.CliApp).Assembly.Location, "train", "--data", "-", "--target", "y", "--layers", "2",
            "--memory-budget", "1K", "--out", model })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write("a,b,y\n1,2,0\n3,4,1\n5,6");
        process.StandardInput.Close();
        Assert.True(process.WaitForExit(60_000));
        CliRunner.AssertUserError(new CliRunner.Outcome(process.ExitCode, "", await error), "stdin:4: this row has 2 fields but the header has 3");
        Assert.False(File.Exists(model));
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.rows"));
    }

    [Fact]
    public void A_full_batch_solver_on_rows_from_disk_is_refused_in_one_line()
    {
        string model = _folder.File("m.json");
        var r = CliRunner.Run("train", "--data", Wide(100), "--target", "y", "--layers", "2", "--optimizer", "lbfgs", "--epochs", "1",
            "--memory-budget", "1K", "--out", model);
        CliRunner.AssertUserError(r, "lbfgs works on the whole data set in memory, and these rows are read from disk");
        Assert.False(File.Exists(model));
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.rows"));
    }

    [Fact]
    public void A_bad_memory_budget_is_refused_in_one_line() =>
        CliRunner.AssertUserError(CliRunner.Run("train", "--data", Wide(10), "--target", "y", "--layers", "2", "--memory-budget", "lots", "--out",
            _folder.File("m.json")),
            "--memory-budget must be a size in bytes such as 512M, 2G or 1500000000, not 'lots'");
}

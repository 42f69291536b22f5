using Backprop.Serialization;

namespace Backprop.Tests.Cli;

/// <summary>
/// <c>train --log</c> that cannot be written: a folder, a full device, a read-only place — one line, exit 1, no model —
/// and a disk that fills mid-run: the run stops with one line, the model is saved with its state and resumes.
/// </summary>
public sealed class LogFailureTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Data() =>
        _folder.Write("d.csv", "x,y\n" + string.Join("\n", Enumerable.Range(0, 60).Select(ModelSelection.SearchSafetyTests.Line)) + "\n");

    private static string[] Train(string data, string model, string epochs, params string[] more) =>
        ["train", "--data", data, "--target", "y", "--layers", "3", "--optimizer", "adam", "--lr", "0.01", "--epochs", epochs, "--verbose", "0",
         "--out", model, .. more];

    [Fact]
    public void A_log_that_is_a_folder_is_refused_before_any_work()
    {
        string data = Data(), model = _folder.File("m.json");
        string folder = Directory.CreateDirectory(_folder.File("logs")).FullName;
        CliRunner.AssertUserError(CliRunner.Run(Train(data, model, "2", "--log", folder)), $"--log: '{folder}' is a folder; give a file name");
        Assert.False(File.Exists(model));
    }

    [SkippableFact]
    public void A_log_on_a_full_device_or_a_read_only_place_is_one_line_and_no_model()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && File.Exists("/dev/full"));
        string data = Data(), model = _folder.File("m.json");
        CliRunner.AssertUserError(CliRunner.Run(Train(data, model, "2", "--log", "/dev/full")),
            "error: /dev/full: cannot write the training log (No space left on device)");
        Assert.False(File.Exists(model));
        using var readOnly = TmpfsMount.TryCreate("ro,size=64k");
        Skip.If(readOnly is null, "mounting a tmpfs needs root");
        string log = Path.Combine(readOnly!.Path, "log.csv");
        CliRunner.AssertUserError(CliRunner.Run(Train(data, model, "2", "--log", log)), $"error: {log}: cannot write the training log (");
        Assert.False(File.Exists(model));
    }

    [SkippableFact]
    public void A_log_that_fills_the_disk_mid_run_stops_the_run_and_the_saved_model_resumes_to_the_same_weights()
    {
        using var mount = TmpfsMount.TryCreate("size=8k");
        Skip.If(mount is null, "mounting a tmpfs needs root");
        string data = Data(), model = _folder.File("m.json"), log = Path.Combine(mount!.Path, "log.csv");
        var outcome = CliRunner.Run(Train(data, model, "400", "--log", log));
        CliRunner.AssertUserError(outcome, $"error: {log}: cannot write epoch ", "to the training log (No space left on device); training stopped; "
            + $"the model and its training state are saved in {model}");
        // The log holds whole rows only: the one that did not fit is cut off.
        string text = File.ReadAllText(log);
        Assert.EndsWith("\n", text);
        var rows = text.TrimEnd('\n').Split('\n');
        Assert.All(rows, r => Assert.Equal(7, r.Split(',').Length));
        int logged = rows.Length - 1;
        Assert.InRange(logged, 20, 399);
        var saved = ModelFile.Load(model);
        Assert.NotNull(saved.Checkpoint);
        // The epoch whose row did not fit was trained: the run stopped before the next one, which the checkpoint starts.
        Assert.Contains($"cannot write epoch {logged + 1} ", outcome.Error);
        Assert.Equal((logged + 2, 0), (saved.Checkpoint!.Epoch, saved.Checkpoint.NextBatch));

        var resumed = CliRunner.Run(["train", "--data", data, "--target", "y", "--optimizer", "adam", "--lr", "0.01", "--epochs", "400",
            "--verbose", "0",
            "--resume", model, "--out", model]);
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        string straight = _folder.File("straight.json");
        Assert.Equal(0, CliRunner.Run(Train(data, straight, "400")).ExitCode);
        Assert.Equal(ModelFile.Load(straight).Layers.Select(l => l.Weights), ModelFile.Load(model).Layers.Select(l => l.Weights));
    }
}

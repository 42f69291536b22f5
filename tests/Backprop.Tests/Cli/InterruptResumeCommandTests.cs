using Backprop.Serialization;

namespace Backprop.Tests.Cli;

public class InterruptResumeCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Data()
    {
        var lines = new List<string> { "a,b,c,kind" };
        var rng = new Backprop.Initialization.Rng(2, 2);
        for (int i = 0; i < 90; i++)
        {
            double a = rng.NextGaussian(), b = rng.NextGaussian(), c = rng.NextGaussian();
            lines.Add(FormattableString.Invariant($"{a},{b},{c},{(a + b > 0.5 ? "x" : a - c > 0 ? "y" : "z")}"));
        }
        return _folder.Write("data.csv", string.Join("\n", lines));
    }

    private string[] Args(string data, string output, params string[] more) =>
        ["train", "--data", data, "--target", "kind", "--optimizer", "adam", "--lr", "0.01", "--batch-size", "16", "--epochs", "12",
         "--validation-split", "0.2", "--shuffle", "--seed", "5", "--out", output, .. more];

    private static double[] Weights(string model) => ModelFile.Load(model).Layers.SelectMany(l => l.Weights.SelectMany(r => r).Concat(l.Bias ?? [])).ToArray();

    [Fact]
    public void Ctrl_c_saves_the_run_and_resume_ends_with_the_same_weights_bit_for_bit()
    {
        string data = Data();
        string straight = _folder.File("straight.json");
        Assert.Equal(0, CliRunner.Run(Args(data, straight, "--layers", "6")).ExitCode);

        string saved = _folder.File("saved.json");
        using var ctrlC = new CancellationTokenSource();
        ctrlC.Cancel(); // Ctrl+C during the first batch
        var interrupted = CliApp(Args(data, saved, "--layers", "6"), ctrlC.Token);
        Assert.Equal(130, interrupted.ExitCode);
        Assert.Contains("interrupted at epoch 1, before batch 2", interrupted.Output);
        Assert.Contains("--resume", interrupted.Output);
        Assert.NotNull(ModelFile.Load(saved).Checkpoint);

        var resumed = CliRunner.Run(Args(data, saved, "--resume", saved));
        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(Weights(straight), Weights(saved));
        Assert.Null(ModelFile.Load(saved).Checkpoint);
        Assert.Equal(12, ModelFile.Load(saved).Training!.LossHistory.Length);
    }

    [Fact]
    public void Checkpointing_every_n_epochs_does_not_change_the_run()
    {
        // Resuming from periodic checkpoints is pinned bit for bit by CheckpointResumeTests; here: saving them
        // along the way leaves the result the same, and the finished model carries no stale training state.
        string data = Data();
        string straight = _folder.File("straight.json");
        Assert.Equal(0, CliRunner.Run(Args(data, straight, "--layers", "6")).ExitCode);
        string checkpointed = _folder.File("checkpointed.json");
        Assert.Equal(0, CliRunner.Run(Args(data, checkpointed, "--layers", "6", "--checkpoint-every", "5")).ExitCode);
        Assert.Equal(Weights(straight), Weights(checkpointed));
        Assert.Null(ModelFile.Load(checkpointed).Checkpoint);
        CliRunner.AssertUserError(CliRunner.Run(Args(data, checkpointed, "--layers", "6", "--checkpoint-every", "0")), "--checkpoint-every must be at least 1");
    }

    [Fact]
    public void Resume_with_other_settings_is_refused()
    {
        string data = Data();
        string saved = _folder.File("saved.json");
        using var ctrlC = new CancellationTokenSource();
        ctrlC.Cancel();
        Assert.Equal(130, CliApp(Args(data, saved, "--layers", "6"), ctrlC.Token).ExitCode);
        var args = Args(data, saved, "--resume", saved);
        args[Array.IndexOf(args, "--seed") + 1] = "6";
        CliRunner.AssertUserError(CliRunner.Run(args), saved, "--seed 5 (now 6)");
    }

    [Fact]
    public void Resume_of_a_finished_model_is_refused()
    {
        string data = Data();
        string done = _folder.File("done.json");
        Assert.Equal(0, CliRunner.Run(Args(data, done, "--layers", "6")).ExitCode);
        CliRunner.AssertUserError(CliRunner.Run(Args(data, _folder.File("x.json"), "--resume", done)), "holds no training state to resume");
    }

    private static CliRunner.Outcome CliApp(string[] args, CancellationToken token)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Backprop.Cli.CliApp.Run(args, output, error, token);
        return new CliRunner.Outcome(code, output.ToString(), error.ToString());
    }
}

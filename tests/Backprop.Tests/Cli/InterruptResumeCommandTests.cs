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

    private static double[] Weights(string model) => ModelFile.Load(model)
        .Layers.SelectMany(l => l.Weights.SelectMany(r => r).Concat(l.Bias ?? [])).ToArray();

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
        Assert.Equal((13, 0), (ModelFile.Load(saved).Checkpoint!.Epoch, ModelFile.Load(saved).Checkpoint!.NextBatch)); // finished: ready to go on
        Assert.Equal(12, ModelFile.Load(saved).Training!.LossHistory.Length);
    }

    [Fact]
    public void Checkpointing_every_n_epochs_does_not_change_the_run()
    {
        // Resuming from periodic checkpoints is pinned bit for bit by CheckpointResumeTests; here: saving them
        // along the way leaves the result the same, and the finished model carries the finished run's state, not a stale one.
        string data = Data();
        string straight = _folder.File("straight.json");
        Assert.Equal(0, CliRunner.Run(Args(data, straight, "--layers", "6")).ExitCode);
        string checkpointed = _folder.File("checkpointed.json");
        Assert.Equal(0, CliRunner.Run(Args(data, checkpointed, "--layers", "6", "--checkpoint-every", "5")).ExitCode);
        Assert.Equal(Weights(straight), Weights(checkpointed));
        Assert.Equal(13, ModelFile.Load(checkpointed).Checkpoint!.Epoch);
        Assert.Equal(ModelFile.Load(straight).Checkpoint!.Optimizer.Slots.SelectMany(o => o.Values), ModelFile.Load(checkpointed)
            .Checkpoint!.Optimizer.Slots.SelectMany(o => o.Values));
        CliRunner.AssertUserError(CliRunner.Run(Args(data, checkpointed, "--layers", "6", "--checkpoint-every", "0")),
            "--checkpoint-every must be at least 1");
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
        CliRunner.AssertUserError(CliRunner.Run(args), saved, "--seed is 5 in the saved run, 6 now: resume with the options it was started with");
    }

    /// <summary>The arguments of <see cref="Args"/> with --epochs set and --optimizer set.</summary>
    private string[] Run(string data, string output, string optimizer, int epochs, params string[] more) =>
        Run(false, data, output, optimizer, epochs, more);

    private string[] Run(bool keepRate, string data, string output, string optimizer, int epochs, params string[] more)
    {
        var args = Args(data, output, more);
        args[Array.IndexOf(args, "--epochs") + 1] = epochs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        args[Array.IndexOf(args, "--optimizer") + 1] = optimizer;
        if (optimizer is "lbfgs" or "cg")
        {
            args[Array.IndexOf(args, "--batch-size") + 1] = "full";
            if (!keepRate) args = [.. args.Where((_, i) => i != Array.IndexOf(args, "--lr") && i != Array.IndexOf(args, "--lr") + 1)];
        }
        return args;
    }

    private static string[] Set(string[] args, string option, string value)
    {
        args[Array.IndexOf(args, option) + 1] = value;
        return args;
    }

    [Theory]
    [InlineData("adam")]
    [InlineData("gd")]
    [InlineData("lbfgs")]
    [InlineData("cg")]
    public void A_finished_run_resumed_to_more_epochs_equals_the_longer_run_bit_for_bit(string optimizer)
    {
        // Keras's initial_epoch, scikit-learn's warm_start: 5 epochs, then --resume to 10, against 10 at once (shuffled, with a validation split).
        string data = Data();
        string straight = _folder.File("straight.json");
        Assert.Equal(0, CliRunner.Run(Run(data, straight, optimizer, 10, "--layers", "6")).ExitCode);
        string five = _folder.File("five.json");
        Assert.Equal(0, CliRunner.Run(Run(data, five, optimizer, 5, "--layers", "6")).ExitCode);
        var firstPart = ModelFile.Load(five);
        Assert.Equal(5, firstPart.Training!.LossHistory.Length);
        Assert.NotEqual(Weights(straight), Weights(five));

        string ten = _folder.File("ten.json");
        // The same command with --resume added: the repeated --layers is the run's, so it is accepted.
        var resumed = CliRunner.Run(Run(data, ten, optimizer, 10, "--layers", "6", "--resume", five));
        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(Weights(straight), Weights(ten));
        var (a, b) = (ModelFile.Load(straight).Training!, ModelFile.Load(ten).Training!);
        Assert.Equal(a.LossHistory, b.LossHistory);
        Assert.Equal(a.ValidationLossHistory, b.ValidationLossHistory);
        Assert.Equal(10, b.LossHistory.Length);
        Assert.Equal(firstPart.Training.LossHistory, b.LossHistory.Take(5));
    }

    [Fact]
    public void Lbfgs_keeps_the_validation_history_and_stops_early()
    {
        string data = Data();
        string model = _folder.File("lbfgs.json");
        var args = Run(data, model, "lbfgs", 500, "--layers", "12", "--patience", "5");
        var outcome = CliRunner.Run(args);
        Assert.Equal(0, outcome.ExitCode);
        var training = ModelFile.Load(model).Training!;
        Assert.Equal("EarlyStopped", training.StopReason);
        Assert.Equal("full", training.BatchSize?.ToString() ?? "full");
        Assert.Equal(training.LossHistory.Length, training.ValidationLossHistory.Length);
        // Stopped 5 iterations after the lowest held-out loss.
        var held = training.ValidationLossHistory;
        Assert.Equal(Array.IndexOf(held, held.Min()) + 6, held.Length);

        // What L-BFGS cannot honour is refused with one line, and nothing is written.
        string other = _folder.File("other.json");
        CliRunner.AssertUserError(CliRunner.Run([.. Run(data, other, "lbfgs", 50, "--layers", "6"), "--clip-norm", "1"]),
            "--clip-norm: does not apply to lbfgs");
        CliRunner.AssertUserError(CliRunner.Run(Set(Run(data, other, "cg", 50, "--layers", "6"), "--batch-size", "16")),
            "cg works on the full batch: a batch size of 16");
        CliRunner.AssertUserError(CliRunner.Run([.. Run(data, other, "lbfgs", 50, "--layers", "6"), "--lr-schedule", "step"]),
            "--lr-schedule: step does not apply to lbfgs");
        CliRunner.AssertUserError(CliRunner.Run(Run(true, data, other, "lbfgs", 50, "--layers", "6")), "--lr: does not apply to lbfgs");
        Assert.False(File.Exists(other));
    }

    [Fact]
    public void Resume_refuses_what_cannot_continue_the_run()
    {
        string data = Data();
        string five = _folder.File("five.json");
        Assert.Equal(0, CliRunner.Run(Run(data, five, "adam", 5, "--layers", "6")).ExitCode);
        string other = _folder.File("other.json");
        CliRunner.AssertUserError(CliRunner.Run(Run(data, other, "adam", 10, "--layers", "7", "--resume", five)), five, "--layers 6 (now 7)");
        CliRunner.AssertUserError(CliRunner.Run(Run(data, other, "adam", 10, "--activation", "tanh", "--resume", five)), five,
            "--activation relu (now tanh)");
        CliRunner.AssertUserError(CliRunner.Run(Run(data, other, "adam", 10, "--features", "a,b", "--resume", five)), five,
            "--features a,b,c (now a,b)");
        CliRunner.AssertUserError(CliRunner.Run(Run(data, other, "adam", 5, "--resume", five)), five, "the run has done 5 epochs",
            "--epochs above 5");
        CliRunner.AssertUserError(CliRunner.Run(Run(data, other, "adam", 10, "--precision", "float", "--resume", five)), five,
            "--precision is double in the saved run, float now");
        string cosine = _folder.File("cosine.json");
        Assert.Equal(0, CliRunner.Run(Run(data, cosine, "adam", 5, "--layers", "6", "--lr-schedule", "cosine")).ExitCode);
        CliRunner.AssertUserError(CliRunner.Run(Run(data, other, "adam", 10, "--lr-schedule", "cosine", "--resume", cosine)),
            "the cosine schedule spans the run's 5 epochs");
        Assert.False(File.Exists(other));

        // A model without training state (as an older backprop wrote them) loads, but cannot be resumed.
        string old = _folder.Write("old.json",
            System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(five), @",\s*""checkpoint""\s*:\s*\{[\s\S]*\}\s*\}\s*$", "}"));
        Assert.Null(ModelFile.Load(old).Checkpoint);
        CliRunner.AssertUserError(CliRunner.Run(Run(data, other, "adam", 10, "--resume", old)), "holds no training state to resume");

        // A run that stopped by itself (early stopping) has nothing to continue.
        string stopped = _folder.File("stopped.json");
        Assert.Equal(0, CliRunner.Run(Set(Run(data, stopped, "adam", 400, "--layers", "6", "--patience", "1"), "--lr", "0.2")).ExitCode);
        Assert.Equal("EarlyStopped", ModelFile.Load(stopped).Training!.StopReason);
        CliRunner.AssertUserError(CliRunner.Run(Set(Run(data, other, "adam", 500, "--patience", "1", "--resume", stopped), "--lr", "0.2")),
            "stopped by itself", "--model");
    }

    private static CliRunner.Outcome CliApp(string[] args, CancellationToken token)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Backprop.Cli.CliApp.Run(args, output, error, token);
        return new CliRunner.Outcome(code, output.ToString(), error.ToString());
    }
}

using Backprop.Serialization;

namespace Backprop.Tests.Cli;

/// <summary>
/// <c>train --resume</c> takes every option not typed again from the saved run (the typed ones are compared with it):
/// the run continues as the one command that never stopped, bit for bit, and a typed option that differs is refused in
/// one line naming the option and both values, with nothing written.
/// </summary>
public sealed class ResumeOverlayCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Data()
    {
        var lines = new List<string> { "a,b,kind" };
        var rng = new Backprop.Initialization.Rng(3, 3);
        for (int i = 0; i < 60; i++)
        {
            double a = rng.NextGaussian(), b = rng.NextGaussian();
            lines.Add(FormattableString.Invariant($"{a},{b},{(a * b > 0 ? "same" : "other")}"));
        }
        return _folder.Write("data.csv", string.Join("\n", lines));
    }

    /// <summary>A run with options far from the defaults, so that a default taken for one of them would show.</summary>
    private static string[] Run(string data, string output, int epochs) =>
        ["train", "--data", data, "--target", "kind", "--layers", "5", "--activation", "tanh", "--optimizer", "momentum", "--momentum", "0.8",
         "--lr", "0.05", "--l2", "0.01", "--batch-size", "8", "--seed", "7", "--validation-split", "0.2", "--epochs", $"{epochs}", "--quiet",
         "--out", output];

    private static double[] Weights(string model) => ModelFile.Load(model)
        .Layers.SelectMany(l => l.Weights.SelectMany(r => r).Concat(l.Bias ?? [])).ToArray();

    [Fact]
    public void Options_not_typed_again_are_the_saved_runs_and_the_run_ends_as_one_uninterrupted_run()
    {
        string data = Data(), straight = _folder.File("straight.json"), first = _folder.File("first.json"), second = _folder.File("second.json");
        CliRunner.Ok(Run(data, straight, 10));
        CliRunner.Ok(Run(data, first, 4));

        CliRunner.Ok("train", "--data", data, "--target", "kind", "--resume", first, "--epochs", "10", "--quiet", "--out", second);

        var options = ModelFile.Load(second).Options!;
        Assert.Equal([5], options.HiddenLayers);
        Assert.Equal(("tanh", "momentum", 0.8, 0.05, 0.01, (int?)8, 7UL, 0.2, 10),
            (options.Activations.Single(), options.Optimizer, options.Momentum, options.LearningRate, options.L2,
             options.BatchSize, options.Seed, options.ValidationFraction, options.Epochs));
        Assert.Equal(Weights(straight), Weights(second)); // bit for bit
        Assert.Equal(10, ModelFile.Load(second).Training!.LossHistory.Length);
    }

    [Fact]
    public void A_typed_option_that_differs_is_refused_in_one_line_and_nothing_is_written()
    {
        string data = Data(), first = _folder.File("first.json"), other = _folder.File("other.json");
        CliRunner.Ok(Run(data, first, 4));
        byte[] before = File.ReadAllBytes(first);

        var refused = CliRunner.Run("train", "--data", data, "--target", "kind", "--resume", first, "--epochs", "10", "--lr", "0.01",
            "--seed", "7", "--out", other);

        CliRunner.AssertUserError(refused);
        Assert.Equal($"error: {first}: --lr is 0.05 in the saved run, 0.01 now: resume with the options it was started with",
            refused.Error.Trim());
        Assert.False(File.Exists(other));
        Assert.Equal(before, File.ReadAllBytes(first));
        // The same option typed with the saved value is no difference.
        CliRunner.Ok("train", "--data", data, "--target", "kind", "--resume", first, "--epochs", "6", "--lr", "0.05", "--quiet", "--out", other);
        Assert.Equal(0.05, ModelFile.Load(other).Options!.LearningRate);
    }

    [Fact]
    public void Typing_plain_standardize_on_a_robust_run_is_a_difference_and_leaving_it_out_keeps_robust()
    {
        string data = Data(), first = _folder.File("first.json"), other = _folder.File("other.json");
        CliRunner.Ok([.. Run(data, first, 4), "--standardize", "robust"]);

        // --standardize sets Standardize, StandardizeColumns and RobustScale at once: typed plain, robust is not kept.
        var refused = CliRunner.Run("train", "--data", data, "--target", "kind", "--resume", first, "--epochs", "6", "--standardize",
            "--out", other);
        CliRunner.AssertUserError(refused);
        Assert.Contains("--standardize is robust in the saved run, by mean and standard deviation now", refused.Error);
        Assert.False(File.Exists(other));

        CliRunner.Ok("train", "--data", data, "--target", "kind", "--resume", first, "--epochs", "6", "--quiet", "--out", other);
        Assert.True(ModelFile.Load(other).Options!.RobustScale);
    }
}

using Backprop.Serialization;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Examples;

/// <summary>
/// <c>examples run NAME --out</c> saves every example's network with how it was trained: loss, reduction, η and every epoch's
/// loss, so that <c>plot loss</c> draws it and <c>explain --model</c> takes the example's η.
/// </summary>
public sealed class ExampleSavingTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private ModelDocument Saved(string name, out string path)
    {
        path = _folder.File($"{name}.json");
        var run = CliRunner.Run("examples", "run", name, "--out", path);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.EndsWith($"model written to {path}\n", run.Output.Replace("\r\n", "\n"));
        return ModelFile.Load(path);
    }

    [Fact]
    public void Mazur_is_saved_after_its_10000_updates_with_its_loss_and_learning_rate()
    {
        var t = Saved("mazur", out string path).Training!;
        Assert.Equal(("squared", "sum", 0.5), (t.Loss, t.Reduction, t.LearningRate));
        Assert.Equal(10_000, t.LossHistory.Length);
        // The post's E_total before the first update; numpy: ½(0.01 − σ(…))² + ½(0.99 − σ(…))² = 0.2983711087600027.
        Assert.Equal(0.2983711087600027, t.LossHistory[0], 1e-12);
        // After one update the correct total (the post prints 0.291027924, see docs/worked-examples.md).
        Assert.Equal(0.291027774, t.LossHistory[1], 1e-9);
        CliRunner.Ok("plot", "loss", "--model", path, "--out", _folder.File("mazur.png"));
        Assert.True(new FileInfo(_folder.File("mazur.png")).Length > 0);
    }

    [Fact]
    public void Gfg_and_udacity_are_saved_after_their_one_step()
    {
        var gfg = Saved("gfg", out _).Training!;
        // numpy: y5 = σ(0.3·σ(0.21) + 0.9·σ(0.315)) = 0.6650736395, E = ½(0.5 − y5)² = 0.013624653232974609.
        Assert.Equal((1.0, 1), (gfg.LearningRate, gfg.LossHistory.Length));
        Assert.Equal(0.013624653232974609, gfg.LossHistory[0], 1e-12);
        var udacity = Saved("udacity", out _).Training!;
        // numpy: the lesson's output 0.48497343084992534, E = ½(0.6 − out)² = 0.006615555805218451.
        Assert.Equal((0.5, 1), (udacity.LearningRate, udacity.LossHistory.Length));
        Assert.Equal(0.006615555805218451, udacity.LossHistory[0], 1e-12);
    }

    [Fact]
    public void Xor_keeps_its_history_and_explain_takes_its_learning_rate()
    {
        var model = Saved("xor", out string path);
        var t = model.Training!;
        Assert.Equal(("squared", "sum", 0.1, 10_000), (t.Loss, t.Reduction, t.LearningRate, t.LossHistory.Length));
        // The example prints the article's MSE at epoch 0, 0.3489333484; E = Σ ½(target − out)² over 4 samples is 2·MSE.
        Assert.Equal(2 * 0.3489333484, t.LossHistory[0], 1e-9);
        string data = _folder.Write("xor.csv", "x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n");
        var explained = CliRunner.Run("explain", "--model", path, "--data", data, "--target", "y");
        Assert.True(explained.ExitCode == 0, explained.Error);
        Assert.Contains("network 2-4-1 (sigmoid, sigmoid), loss E = Σ ½(target - out)², learning rate 0.1, samples 4", explained.Output);
    }
}

using System.Globalization;
using Backprop.Cli.Examples;
using Backprop.Serialization;

namespace Backprop.Tests.Cli;

/// <summary><c>train --log FILE</c>: one CSV row per epoch, as Keras's CSVLogger.</summary>
public sealed class HistoryLogTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Each_epoch_is_a_row_with_the_models_own_history_and_a_resumed_run_appends()
    {
        string iris = SharedData.File("uci/iris.csv"), model = _folder.File("iris.json"), log = _folder.File("history.csv");
        string[] args = ["train", "--optimizer", "gd", "--data", iris, "--target", "species", "--layers", "6", "--standardize", "--validation-split",
            "0.2", "--shuffle",
            "--lr", "0.05", "--quiet", "--out", model, "--log", log];
        Assert.Equal(0, CliRunner.Run([.. args, "--epochs", "5"]).ExitCode);
        var lines = File.ReadAllLines(log);
        Assert.Equal("epoch,loss,rmse,learning_rate,val_loss,val_rmse,val_accuracy", lines[0]);
        Assert.Equal(6, lines.Length);
        var training = ModelFile.Load(model).Training!;
        for (int e = 0; e < 5; e++)
        {
            var f = lines[e + 1].Split(',');
            Assert.Equal(e + 1, int.Parse(f[0], CultureInfo.InvariantCulture));
            Assert.Equal(training.LossHistory[e], double.Parse(f[1], CultureInfo.InvariantCulture));
            Assert.Equal(training.ValidationLossHistory[e], double.Parse(f[4], CultureInfo.InvariantCulture));
            Assert.InRange(double.Parse(f[6], CultureInfo.InvariantCulture), 0, 1);
        }
        // Continued to 8 epochs: three more rows under the five.
        Assert.Equal(0, CliRunner.Run(["train", "--optimizer", "gd", "--data", iris, "--target", "species", "--standardize", "--validation-split",
            "0.2", "--shuffle",
            "--lr", "0.05", "--quiet", "--resume", model, "--out", model, "--log", log, "--epochs", "8"]).ExitCode);
        lines = File.ReadAllLines(log);
        Assert.Equal(9, lines.Length);
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8"], lines.Skip(1).Select(l => l.Split(',')[0]));
    }

    [Fact]
    public void A_log_that_names_the_data_is_refused_and_a_refused_run_makes_no_log()
    {
        string data = _folder.Write("d.csv", "x,y\n0,0\n1,1\n");
        byte[] before = File.ReadAllBytes(data);
        CliRunner.AssertUserError(CliRunner.Run("train", "--data", data, "--target", "y", "--layers", "2", "--out", _folder.File("m.json"), "--log",
            data), "--log", "--data");
        Assert.Equal(before, File.ReadAllBytes(data));
        string log = _folder.File("never.csv");
        CliRunner.AssertUserError(CliRunner.Run("train", "--data", data, "--target", "y", "--layers", "2", "--lr", "-1", "--out",
            _folder.File("m.json"), "--log", log), "--lr");
        Assert.False(File.Exists(log));
    }
}

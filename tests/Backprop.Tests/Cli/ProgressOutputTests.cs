using System.Text.RegularExpressions;

namespace Backprop.Tests.Cli;

public class ProgressOutputTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string[] Args() =>
        ["train", "--data", Backprop.Cli.Examples.SharedData.File("uci/wine.csv"), "--target", "cultivar", "--layers", "8", "--standardize",
         "--validation-split", "0.2", "--shuffle", "--optimizer", "adam", "--lr", "0.01", "--epochs", "30", "--out", _folder.File("m.json")];

    [Fact]
    public void Progress_lines_off_a_terminal_are_the_same_on_every_run()
    {
        // Only the wall time of the summary may differ.
        static string Stable(string text) => Regex.Replace(text, @" in \d+\.\d+ s", " in … s");
        var first = CliRunner.Run(Args());
        var second = CliRunner.Run(Args());
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(Stable(first.Output), Stable(second.Output));
        var epochLines = first.Output.Split('\n').Where(l => l.StartsWith("epoch")).ToList();
        Assert.Equal(30, epochLines.Count); // --verbose 2, the default off a terminal: every epoch, as Keras
        Assert.All(epochLines, l => Assert.Contains("val accuracy", l));
    }

    [Fact]
    public void Quiet_prints_only_the_summary()
    {
        var r = CliRunner.Run([.. Args(), "--quiet"]);
        Assert.Equal(0, r.ExitCode);
        Assert.DoesNotContain(r.Output.Split('\n'), l => l.StartsWith("epoch"));
        Assert.Contains("model written to", r.Output);
    }

    [Fact]
    public void A_rising_loss_is_flagged_as_the_seed_does()
    {
        // Plain gradient descent with a step too large for this problem makes the loss go up and down.
        string data = _folder.Write("d.csv", "x,y\n0,0\n1,1\n2,4\n3,9\n4,16\n");
        var r = CliRunner.Run("train", "--optimizer", "gd", "--data", data, "--target", "y", "--layers", "4", "--lr", "0.05", "--epochs", "40",
            "--batch-size", "1", "--out", _folder.File("m.json"));
        Assert.Equal(0, r.ExitCode);
        var lines = r.Output.Split('\n').Where(l => l.StartsWith("epoch")).ToList();
        var losses = lines.Select(l => double.Parse(Regex.Match(l, @"loss (\S+)").Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture)).ToList();
        for (int i = 1; i < lines.Count; i++)
            Assert.Equal(losses[i] > losses[i - 1], lines[i].Contains("WARNING - Loss Increasing"));
    }
}

namespace Backprop.Tests.Cli;

/// <summary>The line train prints before the first epoch names what trains, and only settings that apply to it.</summary>
public class TrainingHeaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Header(params string[] extra)
    {
        string data = _folder.Write("data.csv", "x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n");
        var r = CliRunner.Run(["train", "--data", data, "--target", "y", "--layers", "2", "--epochs", "2", "--out", _folder.File("m.json"),
            .. OldCliDefaults.Unless(extra), .. extra]);
        Assert.True(r.ExitCode == 0, r.Error);
        return r.Output.Split('\n').First(l => l.StartsWith("training ", StringComparison.Ordinal));
    }

    [Fact]
    public void An_optimiser_shows_its_learning_rate()
    {
        Assert.Contains(", adam, lr 0.05, batch 32,", Header("--optimizer", "adam", "--lr", "0.05"));
    }

    [Theory]
    [InlineData("lbfgs")]
    [InlineData("cg")]
    public void A_full_batch_solver_shows_no_learning_rate(string solver)
    {
        string header = Header("--optimizer", solver);
        Assert.DoesNotContain("lr ", header);
        Assert.Contains(", batch full,", header);
    }
}

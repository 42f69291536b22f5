using Backprop.Cli.Examples;

namespace Backprop.Tests.Cli;

/// <summary><c>--ensemble K</c> on the command line: the note that the members hold out their own rows, and none without held-out rows.</summary>
public sealed class EnsembleCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Members_with_their_own_held_out_rows_are_named_in_a_note()
    {
        var r = CliRunner.Run("train", "--data", SharedData.File("uci/iris.csv"), "--target", "species", "--ensemble", "3", "--epochs", "5",
            "--out", _folder.File("m.json"));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("note: each of the 3 networks holds out its own rows (--ensemble 3), so the held-out measures are the first network's "
            + "alone (the others trained on some of its held-out rows)", r.Output);
        // Every row trains every member: nothing to draw, no note.
        var all = CliRunner.Run("train", "--data", SharedData.File("uci/iris.csv"), "--target", "species", "--ensemble", "3", "--epochs", "5",
            "--validation-split", "0", "--out", _folder.File("n.json"));
        Assert.Equal(0, all.ExitCode);
        Assert.DoesNotContain("holds out its own rows", all.Output);
    }
}

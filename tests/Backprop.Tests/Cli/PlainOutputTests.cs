namespace Backprop.Tests.Cli;

/// <summary>Output that is not a terminal (a file, a pipe, a test's writer) gets plain aligned columns, not boxes.</summary>
public sealed class PlainOutputTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Evaluate_prints_plain_columns_when_the_output_is_not_a_terminal()
    {
        string data = _folder.Write("d.csv", "x,y\n0,0\n1,1\n2,0\n3,1\n");
        string model = _folder.File("m.json");
        Assert.Equal(0, CliRunner.Run("train", "--optimizer", "gd", "--lr", "0.01", "--data", data, "--target", "y", "--classify", "--layers", "2",
            "--epochs", "3", "--quiet", "--out", model).ExitCode);
        var r = CliRunner.Run("evaluate", "--model", model, "--data", data);
        Assert.Equal(0, r.ExitCode);
        Assert.DoesNotContain(r.Output, c => "│─╭╮╰╯┼├┤".Contains(c));
        Assert.Matches(@"(?m)^samples +4$", r.Output);
    }
}

namespace Backprop.Tests.Cli;

/// <summary>
/// A column list with an empty entry (<c>a,,b</c>, <c>a,</c>) is refused in one line naming the option and the entry,
/// rather than read as the list without it: a typo must not quietly train on other columns.
/// </summary>
public class ListOptionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Data() => _folder.Write("data.csv", "x1,x2,k,y\n0,0,1,0\n0,1,2,1\n1,0,1,1\n1,1,2,0\n");

    [Theory]
    [InlineData("--target", "y,", "--target: entry 2 of 'y,' is empty")]
    [InlineData("--features", "x1,,x2", "--features: entry 2 of 'x1,,x2' is empty")]
    [InlineData("--features", ",x1", "--features: entry 1 of ',x1' is empty")]
    [InlineData("--one-hot", "k,", "--one-hot: entry 2 of 'k,' is empty")]
    [InlineData("--standardize", "x1,,x2", "--standardize: entry 2 of 'x1,,x2' is empty")]
    public void Train_refuses_an_empty_entry(string option, string value, string problem)
    {
        string output = _folder.File("model.json");
        var args = new List<string> { "train", "--data", Data(), "--layers", "2", "--epochs", "1", "--out", output };
        if (option != "--target") args.AddRange(["--target", "y"]);
        args.AddRange([option, value]);
        CliRunner.AssertUserError(CliRunner.Run([.. args]), problem);
        Assert.Empty(Directory.GetFiles(_folder.Path, "model.json*"));
    }

    [Fact]
    public void Evaluate_refuses_an_empty_target_entry()
    {
        string model = _folder.File("model.json");
        Assert.Equal(0, CliRunner.Run("train", "--optimizer", "gd", "--lr", "0.01", "--data", Data(), "--target", "y", "--layers", "2", "--epochs",
            "1", "--out", model).ExitCode);
        CliRunner.AssertUserError(CliRunner.Run("evaluate", "--model", model, "--data", Data(), "--target", ",y"),
            "--target: entry 1 of ',y' is empty");
    }

    [Fact]
    public void Whole_lists_still_work()
    {
        string output = _folder.File("model.json");
        var r = CliRunner.Run("train", "--optimizer", "gd", "--lr", "0.01", "--data", Data(), "--target", "y", "--features", "x1, x2",
            "--standardize", "x1,x2",
            "--layers", "2", "--epochs", "1", "--out", output);
        Assert.True(r.ExitCode == 0, r.Error);
        var model = Backprop.Serialization.ModelFile.Load(output);
        Assert.Equal(2, model.Layers[0].Weights[0].Length);
    }
}

namespace Backprop.Tests.Cli;

/// <summary>
/// The options that need the training rows in memory (weights, a validation file, a stratified split) are refused in one
/// line when the rows go to a cache on disk, and the refused run leaves neither a model nor a cache behind.
/// </summary>
public class OutOfCoreRefusalTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("--class-weight", "balanced")]
    [InlineData("--sample-weight", "w")]
    [InlineData("--stratify", null)]
    [InlineData("--validation-data", "held.csv")]
    public void Options_that_need_rows_in_memory_are_refused_on_disk(string option, string? value)
    {
        var rows = string.Join("\n", Enumerable.Range(0, 400).Select(i => $"{i % 7},{(i * 3) % 11},1,{(i % 3 == 0 ? "a" : "b")}"));
        string data = _folder.Write("data.csv", "x1,x2,w,y\n" + rows + "\n");
        _folder.Write("held.csv", "x1,x2,w,y\n1,2,1,a\n3,4,1,b\n");
        string output = _folder.File("model.json");
        var args = new List<string> { "train", "--data", data, "--target", "y", "--layers", "2", "--epochs", "1", "--memory-budget", "4K",
            "--out", output };
        if (option != "--sample-weight") args.AddRange(["--features", "x1,x2"]);
        if (option == "--stratify") args.AddRange(["--validation-split", "0.2"]);
        args.Add(option);
        if (value is not null) args.Add(value == "held.csv" ? _folder.File("held.csv") : value);
        CliRunner.AssertUserError(CliRunner.Run([.. args]), "need the rows in memory", "--memory-budget");
        Assert.Empty(Directory.GetFiles(_folder.Path, "model.json*"));
    }

    [Fact]
    public void A_validation_file_refused_after_the_cache_is_written_leaves_no_cache()
    {
        var rows = string.Join("\n", Enumerable.Range(0, 400).Select(i => $"{i % 7},{(i * 3) % 11},{(i % 3 == 0 ? "a" : "b")}"));
        string data = _folder.Write("data.csv", "x1,x2,y\n" + rows + "\n");
        string held = _folder.Write("held.csv", "x1,y\n1,a\n");
        string output = _folder.File("model.json");
        var r = CliRunner.Run("train", "--data", data, "--target", "y", "--layers", "2", "--epochs", "1", "--memory-budget", "4K",
            "--validation-data", held, "--out", output);
        CliRunner.AssertUserError(r, held, "there is no column 'x2'");
        Assert.Equal(["data.csv", "held.csv"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName).Order());
    }
}

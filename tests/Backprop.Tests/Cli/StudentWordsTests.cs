using Backprop.Cli.Examples;

namespace Backprop.Tests.Cli;

/// <summary>
/// What a student reads names the loss by its formula, the same in train, report and explain, with no C# names (no enum
/// members such as <c>MaxEpochs</c>, no option properties) and one minus sign, the ASCII one numpy prints.
/// </summary>
public sealed class StudentWordsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Train_names_its_loss_and_why_it_stopped_and_the_report_says_the_same()
    {
        string data = _folder.Write("xor.csv", "x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n"), model = _folder.File("m.json");
        var run = CliRunner.Run("train", "--data", data, "--target", "y", "--layers", "3", "--epochs", "3", "--out", model);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains(": loss E = (1/m)·Σ ½(target - out)² (½·MSE), adamw, lr 0.001,", run.Output);
        Assert.Contains("stopped after 3 epochs (epoch limit reached)", run.Output);
        Assert.Contains("final loss E ", run.Output);
        string page = _folder.File("r.html");
        CliRunner.Ok("report", "--model", model, "--data", data, "--out", page);
        string html = System.Net.WebUtility.HtmlDecode(File.ReadAllText(page));
        Assert.Contains("3, stopped: epoch limit reached", html);
        Assert.Contains("E = (1/m)·Σ ½(target - out)² (½·MSE)", html);
        Assert.DoesNotContain("MaxEpochs", html);
    }

    [Fact]
    public void Train_names_cross_entropy_after_softmax()
    {
        var run = CliRunner.Run("train", "--data", SharedData.File("uci/iris.csv"), "--target", "species", "--layers", "4", "--epochs", "1",
            "--out", _folder.File("iris.json"));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains(": loss E = -(1/m)·Σ target·ln(out) (cross-entropy), adamw,", run.Output);
    }

    [Theory]
    [InlineData("mazur")]
    [InlineData("gfg")]
    [InlineData("udacity")]
    [InlineData("xor")]
    public void Examples_and_explain_print_one_minus_sign_and_no_csharp_words(string name)
    {
        foreach (var output in new[] { CliRunner.Ok("examples", "run", name), CliRunner.Ok("explain", name),
            CliRunner.Ok("explain", name, "--format", "markdown") })
        {
            Assert.DoesNotContain("−", output);
            foreach (string word in new[] { "trainBias", "reduction sum", "reduction mean", "MaxEpochs", "System." })
                Assert.DoesNotContain(word, output);
        }
        Assert.Contains("loss E = Σ ½(target - out)²", CliRunner.Ok("explain", name));
    }
}

using System.Text.RegularExpressions;
using Backprop.Cli.Examples;
using Backprop.Plotting.Report;
using Backprop.Tests.Cli;
using Backprop.Tests.Plotting;
using Xunit.Abstractions;

namespace Backprop.Tests.Report;

/// <summary>The digits model of the issue, trained once for every report test (one epoch: a second and a half).</summary>
public sealed class DigitsModel : IDisposable
{
    public TempFolder Folder { get; } = new();
    public string Images { get; } = SharedData.File("mnist-t10k/t10k-images-idx3-ubyte.gz");
    public string Model { get; }

    public DigitsModel()
    {
        Model = Folder.File("digits.json");
        var r = CliRunner.Run("train", "--data", Images, "--layers", "16", "--optimizer", "adam", "--lr", "0.002", "--batch-size", "64",
            "--epochs", "2",
            "--validation-split", "0.2", "--precision", "float", "--quiet", "--out", Model);
        if (r.ExitCode != 0) throw new InvalidOperationException(r.Error);
    }

    public void Dispose() => Folder.Dispose();
}

public class ReportCommandTests(DigitsModel digits, ITestOutputHelper log) : IClassFixture<DigitsModel>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Report()
    {
        string page = _folder.File("report.html");
        var r = CliRunner.Run("report", "--model", digits.Model, "--data", digits.Images, "--out", page);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains($"report with 6 pictures written to {page}", r.Output);
        return page;
    }

    [Fact]
    public void Report_is_one_page_with_every_picture_inline_and_no_outside_request()
    {
        string html = File.ReadAllText(Report());
        var sources = Regex.Matches(html, "<img src=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
        // Loss, network, the confusion matrix on the 2,000 held-out images and on all 10,000, images, mistakes.
        Assert.Equal(6, sources.Count);
        Assert.All(sources, s => Assert.Matches("^data:image/(png|svg\\+xml);base64,", s));
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        Assert.Contains("default-src 'none'", html); // the page's policy forbids loading anything from outside
        foreach (var heading in new[] { "The model", "Training", "Measures on t10k-images-idx3-ubyte.gz", "Loss across epochs",
            "The network and its weights",
                     "Confusion matrix on the 2,000 rows held out in training", "Confusion matrix on all 10,000 rows, training rows included",
                         "Images and answers", "Mistakes" })
            Assert.Contains(heading, html);
        Assert.Contains("<td class=\"n\"><b>12,730</b></td>", html); // 784·16 + 16 + 16·10 + 10 parameters
        Assert.Contains("adam, learning rate 0.002", html);
        var network = sources[1];
        Assert.StartsWith("data:image/svg+xml", network);
        var png = new PngFile(Convert.FromBase64String(sources[2]["data:image/png;base64,".Length..]));
        Assert.True(png.Inked > 10_000, "the confusion matrix is drawn");
    }

    [Fact]
    public void The_rows_held_out_in_training_are_measured_on_their_own()
    {
        // Iris, shuffled from seed 3 before a 20% split: the report finds the same 30 rows again from the model's
        // recorded split and measures them apart; the expected figures are the ones train itself printed for them.
        string iris = SharedData.File("uci/iris.csv"), model = _folder.File("iris.json");
        var train = CliRunner.Run("train", "--optimizer", "gd", "--data", iris, "--target", "species", "--layers", "6", "--standardize",
            "--validation-split", "0.2",
            "--shuffle", "--seed", "3", "--lr", "0.1", "--epochs", "60", "--json", "--out", model);
        Assert.True(train.ExitCode == 0, train.Error);
        var held = System.Text.Json.JsonDocument.Parse(train.Output).RootElement.GetProperty("validation");
        string page = _folder.File("iris.html");
        Assert.Equal(0, CliRunner.Run("report", "--model", model, "--data", iris, "--out", page).ExitCode);
        string html = File.ReadAllText(page);
        Assert.Contains("<h3>On the 30 rows held out in training</h3>", html);
        Assert.Contains("the 20% of the rows picked by seed 3, as in training", html);
        Assert.Contains($"<tr><th>accuracy</th><td class=\"n\">{held.GetProperty("accuracy").GetDouble():0.0000}</td></tr>\n<tr><th>F1 " +
            $"(macro)</th><td class=\"n\">{held.GetProperty("f1_macro").GetDouble():0.0000}</td>", html);
        Assert.Contains("<h3>On all 150 rows, training and held-out together</h3>", html);
        // The headline is the held-out figure, with the all-rows one beside it labelled as such.
        var all = System.Text.Json.JsonDocument.Parse(CliRunner.Run("evaluate", "--model", model, "--data", iris, "--json").Output).RootElement;
        Assert.Contains($"<p class=\"headline\">Accuracy <b>{held.GetProperty("accuracy").GetDouble():0.0000}</b> on the 30 rows held out " +
            $"in training " +
            $"({all.GetProperty("accuracy").GetDouble():0.0000} on all 150 rows, training rows included).</p>", html);

        // Another file, even of the same kind, is not the one the model was trained on: no held-out rows to speak of.
        string other = _folder.Write("iris-copy.csv", File.ReadAllText(iris));
        Assert.Equal(0, CliRunner.Run("report", "--model", model, "--data", other, "--out", page).ExitCode);
        Assert.DoesNotContain("held out in training", File.ReadAllText(page));
    }

    [Fact]
    public void Rows_held_out_class_by_class_by_the_default_split_are_found_again_from_the_labels()
    {
        // Iris with no split named: a classifier's default holds out a tenth class by class (5 rows of each species).
        // The report finds those 15 rows again from the file's labels and the recorded seed; the expected figures are
        // the ones train itself printed for them.
        string iris = SharedData.File("uci/iris.csv"), model = _folder.File("iris-default.json");
        var train = CliRunner.Run("train", "--data", iris, "--target", "species", "--layers", "6", "--epochs", "40", "--json", "--out", model);
        Assert.True(train.ExitCode == 0, train.Error);
        var held = System.Text.Json.JsonDocument.Parse(train.Output).RootElement.GetProperty("validation");
        Assert.Equal(15, held.GetProperty("samples").GetInt32());
        string page = _folder.File("iris-default.html");
        Assert.Equal(0, CliRunner.Run("report", "--model", model, "--data", iris, "--out", page).ExitCode);
        string html = File.ReadAllText(page);
        Assert.Contains("<h3>On the 15 rows held out in training</h3>", html);
        Assert.Contains("the 10% of the rows of each class picked by seed 1, as in training", html);
        Assert.Contains($"<tr><th>accuracy</th><td class=\"n\">{held.GetProperty("accuracy").GetDouble():0.0000}</td></tr>", html);
    }

    [Fact]
    public void Bad_report_requests_are_refused_and_write_nothing()
    {
        string page = _folder.File("r.txt");
        CliRunner.AssertUserError(CliRunner.Run("report", "--model", digits.Model, "--data", digits.Images, "--out", page), "is not an .html file");
        string missing = _folder.File("nowhere.csv"), html = _folder.File("r.html");
        CliRunner.AssertUserError(CliRunner.Run("report", "--model", digits.Model, "--data", missing, "--out", html), missing);
        string broken = _folder.Write("broken.json", "{\"format\": \"backprop.mlp\", \"version\": 1, \"inputs\": 784, \"layers\": []}");
        CliRunner.AssertUserError(CliRunner.Run("report", "--model", broken, "--data", digits.Images, "--out", html), broken, "at least one layer");
        Assert.Equal([broken], Directory.GetFiles(_folder.Path));
    }

    [SkippableFact]
    public void Report_opens_in_a_real_browser_with_every_picture_shown()
    {
        string? browser = Chromium.Find();
        Skip.If(browser is null, "Chromium is not installed (apt-get install chromium): the report was not opened in a browser");
        string page = Report(), profile = Directory.CreateDirectory(_folder.File("profile")).FullName;

        // The page's script marks <body> once every picture has decoded with a non-zero size.
        var dom = Chromium.Open(browser!, page, TimeSpan.FromSeconds(60), profile, "--virtual-time-budget=10000", "--enable-logging=stderr", "--v=0",
            "--dump-dom");
        Assert.True(dom.ExitCode == 0, dom.Error);
        Assert.Contains($"{ReportPage.ImagesLoadedAttribute}=\"yes\"", dom.Output);
        Assert.Contains("data-images=\"6 pictures, 0 not shown\"", dom.Output);
        var consoleErrors = dom.Error.Split('\n')
            .Where(line => line.Contains("CONSOLE", StringComparison.Ordinal) || line.Contains("Uncaught", StringComparison.Ordinal)).ToList();
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));

        string screenshot = _folder.File("report.png");
        var shot = Chromium.Open(browser!, page, TimeSpan.FromSeconds(60), profile, "--window-size=1100,2400", "--hide-scrollbars",
            $"--screenshot={screenshot}");
        Assert.True(shot.ExitCode == 0, shot.Error);
        var png = PngFile.Read(screenshot);
        Assert.Equal((1100, 2400), (png.Width, png.Height));
        Assert.True(png.Count(PngFile.Blue) > 1_000, "the loss curve and the confusion matrix show in the screenshot");
        log.WriteLine($"screenshot of the report: {png.Width}×{png.Height}, {png.Inked:N0} pixels inked");
    }
}

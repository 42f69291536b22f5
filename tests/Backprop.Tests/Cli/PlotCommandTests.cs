using System.Globalization;
using System.Text;
using Backprop.Tests.Plotting;

namespace Backprop.Tests.Cli;

public class PlotCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>A regression table: y = 2·a − b plus a little noise, 60 rows.</summary>
    private string RegressionData()
    {
        var csv = new StringBuilder("a,b,y\n");
        for (int r = 0; r < 60; r++)
        {
            double a = r % 7 / 7.0, b = r % 5 / 5.0;
            csv.Append(CultureInfo.InvariantCulture, $"{a},{b},{2 * a - b + (r % 3 - 1) * 0.01}\n");
        }
        return _folder.Write("regression.csv", csv.ToString());
    }

    /// <summary>A two-class table: class "high" when a + b > 1.</summary>
    private string ClassData()
    {
        var csv = new StringBuilder("a,b,kind\n");
        for (int r = 0; r < 60; r++)
        {
            double a = r % 7 / 6.0, b = r % 11 / 10.0;
            csv.Append(CultureInfo.InvariantCulture, $"{a},{b},{(a + b > 1 ? "high" : "low")}\n");
        }
        return _folder.Write("classes.csv", csv.ToString());
    }

    private string Train(string data, string target, string name, params string[] extra)
    {
        string model = _folder.File(name);
        var r = CliRunner.Run(["train", "--optimizer", "gd", "--data", data, "--target", target, "--layers", "3", "--activation", "tanh", "--lr",
            "0.1", "--epochs", "40", "--quiet", "--out", model, .. extra]);
        Assert.True(r.ExitCode == 0, r.Error);
        return model;
    }

    [Fact]
    public void Each_picture_of_a_regression_model_is_written()
    {
        string data = RegressionData(), model = Train(data, "y", "reg.json", "--validation-split", "0.2");
        foreach (var (kind, file, extra) in new[] { ("loss", "loss.png", new string[0]), ("network", "network.svg", []),
            ("scatter", "scatter.png", ["--data", data]), ("scatter", "against.svg", ["--data", data, "--input", "a"]) })
        {
            string path = _folder.File(file);
            var r = CliRunner.Run(["plot", kind, "--model", model, "--out", path, .. extra]);
            Assert.True(r.ExitCode == 0, r.Error);
            Assert.Contains($"written to {path}", r.Output);
            if (file.EndsWith(".png", StringComparison.Ordinal)) Assert.True(PngFile.Read(path).Inked > 5_000, $"{file} is not blank");
            else System.Xml.Linq.XDocument.Load(path);
        }
        Assert.Contains("Relationship between a and y", File.ReadAllText(_folder.File("against.svg")));
    }

    [Fact]
    public void Each_picture_of_a_classifier_is_written()
    {
        string data = ClassData(), model = Train(data, "kind", "cls.json");
        string confusion = _folder.File("confusion.png");
        var r = CliRunner.Run("plot", "confusion", "--model", model, "--data", data, "--out", confusion);
        Assert.True(r.ExitCode == 0, r.Error);
        var png = PngFile.Read(confusion);
        Assert.Equal((700, 640), (png.Width, png.Height));
        Assert.True(png.Count(PngFile.Blue) > 10_000, "right answers are shaded");
    }

    [Fact]
    public void Validation_history_is_saved_and_drawn()
    {
        string model = Train(ClassData(), "kind", "val.json", "--validation-split", "0.25");
        var training = Backprop.Serialization.ModelFile.Load(model).Training!;
        Assert.Equal(40, training.ValidationLossHistory.Length);
        Assert.Equal(40, training.ValidationAccuracyHistory.Length);
        Assert.All(training.ValidationAccuracyHistory, a => Assert.InRange(a, 0, 1));
        string svg = _folder.File("loss.svg");
        Assert.Equal(0, CliRunner.Run("plot", "loss", "--model", model, "--out", svg, "--log-scale").ExitCode);
        Assert.Contains("Validation accuracy across epochs", File.ReadAllText(svg));
    }

    [Fact]
    public void Held_out_measures_taken_every_third_epoch_keep_their_epochs()
    {
        // 40 epochs measured every third: epochs 3, 6, …, 39 and the last, 40. The file holds one entry per epoch, null
        // for the others, so that the curve and the report put each measurement at its own epoch.
        string model = Train(ClassData(), "kind", "freq.json", "--validation-split", "0.25", "--validation-freq", "3");
        string text = File.ReadAllText(model);
        using var json = System.Text.Json.JsonDocument.Parse(text);
        var saved = json.RootElement.GetProperty("training").GetProperty("validationLossHistory").EnumerateArray().ToList();
        Assert.Equal(40, saved.Count);
        int[] measured = [.. Enumerable.Range(1, 40).Where(e => e % 3 == 0).Append(40)];
        for (int e = 1; e <= 40; e++)
            Assert.Equal(measured.Contains(e) ? System.Text.Json.JsonValueKind.Number : System.Text.Json.JsonValueKind.Null, saved[e - 1].ValueKind);
        var training = Backprop.Serialization.ModelFile.Load(model).Training!;
        Assert.Equal(measured, Enumerable.Range(1, 40).Where(e => double.IsFinite(training.ValidationLossHistory[e - 1])));
        Assert.Equal(measured, Enumerable.Range(1, 40).Where(e => double.IsFinite(training.ValidationAccuracyHistory[e - 1])));
        string svg = _folder.File("freq.svg");
        var r = CliRunner.Run("plot", "loss", "--model", model, "--out", svg);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("Validation accuracy across epochs", File.ReadAllText(svg));
    }

    [Fact]
    public void A_malformed_validation_history_is_refused_naming_the_file_and_the_field()
    {
        // Read as strictly as the rest of the file (issue 11): a history that is not an array of numbers is an error.
        string model = _folder.Write("old.json", """
            {"format": "backprop.mlp", "version": 1, "inputs": 1,
             "layers": [{"units": 1, "activation": "identity", "weights": [[0.5]], "bias": [0.1]}],
             "training": {"loss": "squared", "reduction": "mean", "lossHistory": [1, 0.5, 0.25], "rmseHistory": [1, 0.7, 0.5],
                          "validationLossHistory": "oops"}}
            """);
        string svg = _folder.File("loss.svg");
        var r = CliRunner.Run("plot", "loss", "--model", model, "--out", svg);
        CliRunner.AssertUserError(r, model + ":training.validationLossHistory:", "must be an array, not the string \"oops\"");
        Assert.False(File.Exists(svg));
    }

    [Fact]
    public void Train_with_plots_writes_the_loss_curve_and_the_network()
    {
        string plots = Path.Combine(_folder.Path, "pictures", "run1");
        string model = Train(RegressionData(), "y", "m.json", "--plots", plots);
        Assert.True(PngFile.Read(Path.Combine(plots, "loss.png")).Inked > 5_000);
        var network = PngFile.Read(Path.Combine(plots, "network.png"));
        Assert.True(network.Count(PngFile.Green) + network.Count(PngFile.Red) > 500, "the weights are drawn");
        Assert.True(File.Exists(model));
    }

    [Fact]
    public void Examples_run_blog_plots_writes_seed_000s_three_pictures()
    {
        string plots = _folder.File("out");
        var r = CliRunner.Run("examples", "run", "blog", "--plots", plots);
        Assert.True(r.ExitCode == 0, r.Error);
        var rmse = PngFile.Read(Path.Combine(plots, "rmse.png"));
        var scatter = PngFile.Read(Path.Combine(plots, "actual-vs-predicted.png"));
        var network = PngFile.Read(Path.Combine(plots, "network.png"));
        Assert.Equal((800, 500), (rmse.Width, rmse.Height));
        Assert.Equal((800, 760), (scatter.Width, scatter.Height)); // two panels, one per output, as the blog's subplots(2)
        Assert.True(rmse.Count(PngFile.Blue) > 500, "the RMSE curve is drawn");
        Assert.True(scatter.Count(PngFile.Blue) > 1_000 && scatter.Count(c => c.Red > 200 && c.Red > c.Green + 40) > 500,
            "actual in blue, predicted in red");
        Assert.True(network.Count(PngFile.Green) > 300 && network.Count(PngFile.Red) > 100, "positive and negative weights");
        Assert.Equal(3, Directory.GetFiles(plots).Length);
    }

    [Fact]
    public void Examples_without_pictures_refuse_plots()
    {
        string plots = _folder.File("out");
        CliRunner.AssertUserError(CliRunner.Run("examples", "run", "mazur", "--plots", plots), "--plots", "mazur", "blog");
    }

    public static TheoryData<string, string[], string> Refusals => new()
    {
        { "unknown kind", ["plot", "histogram", "--model", "{reg}", "--out", "{out}.png"], "no picture called 'histogram'" },
        { "unknown extension", ["plot", "loss", "--model", "{reg}", "--out", "{out}.jpg"], "pictures are written as .png or .svg" },
        { "no extension", ["plot", "loss", "--model", "{reg}", "--out", "{out}"], "has no extension" },
        { "missing folder", ["plot", "loss", "--model", "{reg}", "--out", "{dir}/nowhere/p.png"], "does not exist" },
        { "scatter of a classifier", ["plot", "scatter", "--model", "{cls}", "--data", "{clsdata}", "--out", "{out}.png"],
            "this model is a classifier" },
        { "confusion of a regression", ["plot", "confusion", "--model", "{reg}", "--data", "{regdata}", "--out", "{out}.png"], "needs a classifier" },
        { "digits of a table", ["plot", "digits", "--model", "{cls}", "--data", "{clsdata}", "--out", "{out}.png"], "not a table" },
        { "no data", ["plot", "scatter", "--model", "{reg}", "--out", "{out}.png"], "needs --data" },
        { "unknown input", ["plot", "scatter", "--model", "{reg}", "--data", "{regdata}", "--input", "zz", "--out", "{out}.png"], "no input 'zz'" },
        { "negative max edges", ["plot", "network", "--model", "{reg}", "--max-edges", "-1", "--out", "{out}.svg"], "--max-edges" },
        { "no history", ["plot", "loss", "--model", "{bare}", "--out", "{out}.png"], "no training history" },
        { "malformed model", ["plot", "network", "--model", "{broken}", "--out", "{out}.svg"], "not valid JSON" },
        { "missing model", ["plot", "network", "--model", "{dir}/none.json", "--out", "{out}.svg"], "file not found" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Bad_plot_requests_are_refused_in_one_line_and_write_nothing(string name, string[] args, string problem)
    {
        string regData = RegressionData(), clsData = ClassData();
        string reg = Train(regData, "y", "reg.json"), cls = Train(clsData, "kind", "cls.json");
        string bare = _folder.Write("bare.json",
            """{"format": "backprop.mlp", "version": 1, "inputs": 1, "layers": [{"units": 1, "activation": "identity", "weights": [[0.5]]}]}""");
        string broken = _folder.Write("broken.json", """{"format": "backprop.mlp", "vers""");
        string output = _folder.File(name.Replace(' ', '-'));
        var filled = args.Select(a => a.Replace("{reg}", reg).Replace("{cls}", cls).Replace("{regdata}", regData).Replace("{clsdata}", clsData)
            .Replace("{bare}", bare).Replace("{broken}", broken).Replace("{out}", output).Replace("{dir}", _folder.Path)).ToArray();
        var before = Directory.GetFiles(_folder.Path).Order().ToList();
        CliRunner.AssertUserError(CliRunner.Run(filled), problem);
        Assert.Equal(before, Directory.GetFiles(_folder.Path).Order().ToList());
    }

    /// <summary>A MAT-file of 4×4 images stored as MATLAB stores them (column-major): class 1 a vertical bar, class 2 a horizontal one.</summary>
    private string MatImages(int pixels = 16)
    {
        const int rows = 24;
        var x = new double[rows * pixels];
        var y = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            bool vertical = r % 2 == 0;
            y[r] = vertical ? 1 : 2;
            for (int p = 0; p < Math.Min(pixels, 16); p++)
            {
                int column = p / 4, row = p % 4; // column-major: pixel p is (x = p / 4, y = p % 4)
                bool ink = vertical ? column == r % 4 : row == r % 4;
                x[p * rows + r] = ink ? 1 : 0;
            }
        }
        var bytes = Backprop.Tests.Data.MatWriter.File([new("X", rows, pixels, x), new("y", rows, 1, y)]);
        string path = _folder.File($"bars{pixels}.mat");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Digits_of_a_mat_file_are_drawn_upright_with_their_labels()
    {
        string data = MatImages(), model = _folder.File("bars.json");
        Assert.Equal(0, CliRunner.Run("train", "--optimizer", "gd", "--data", data, "--layers", "4", "--lr", "0.5", "--epochs", "30", "--quiet",
            "--out", model).ExitCode);
        string svg = _folder.File("bars.svg"), png = _folder.File("bars.png");
        var r = CliRunner.Run("plot", "digits", "--model", model, "--data", data, "--count", "12", "--out", svg);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("The first 12 images", File.ReadAllText(svg));
        Assert.Equal(0, CliRunner.Run("plot", "digits", "--model", model, "--data", data, "--out", png).ExitCode);
        Assert.Equal(10 * 84 + 40, PngFile.Read(png).Width); // ten images a row
        CliRunner.AssertUserError(CliRunner.Run("plot", "digits", "--model", model, "--data", data, "--count", "0", "--out", png),
            "--count must be at least 1");
    }

    [Fact]
    public void Digits_of_rows_that_are_not_square_images_are_refused()
    {
        string data = MatImages(pixels: 15), model = _folder.File("flat.json");
        Assert.Equal(0, CliRunner.Run("train", "--optimizer", "gd", "--lr", "0.01", "--data", data, "--layers", "2", "--epochs", "2", "--quiet",
            "--out", model).ExitCode);
        string png = _folder.File("flat.png");
        CliRunner.AssertUserError(CliRunner.Run("plot", "digits", "--model", model, "--data", data, "--out", png), data,
            "15 values, which is not a square image");
        Assert.False(File.Exists(png));
    }

    [Fact]
    public void A_failed_plot_leaves_an_existing_picture_untouched()
    {
        string clsData = ClassData(), cls = Train(clsData, "kind", "cls.json");
        string existing = _folder.Write("scatter.png", "previous picture");
        CliRunner.AssertUserError(CliRunner.Run("plot", "scatter", "--model", cls, "--data", clsData, "--out", existing), "classifier");
        Assert.Equal("previous picture", File.ReadAllText(existing));
    }

    [Fact]
    public void Plots_pointing_at_a_file_is_refused_before_training()
    {
        string file = _folder.Write("taken", "x");
        string model = _folder.File("m.json");
        var r = CliRunner.Run("train", "--data", RegressionData(), "--target", "y", "--layers", "2", "--out", model, "--plots", file);
        CliRunner.AssertUserError(r, "--plots", "is a file");
        Assert.False(File.Exists(model));
    }
}

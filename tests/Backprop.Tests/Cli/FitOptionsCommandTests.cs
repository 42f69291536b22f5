using System.Globalization;
using System.Text.RegularExpressions;

namespace Backprop.Tests.Cli;

/// <summary>train's --class-weight, --sample-weight, --validation-data, --lr-schedule plateau and --verbose, on the plain (redirected)
/// output.</summary>
public class FitOptionsCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Admissions => Backprop.Cli.Examples.SharedData.File("admissions/binary.csv");

    private string Model => _folder.File("m.json");

    private string[] Train(string data, params string[] more) =>
        ["train", "--data", data, "--target", "y", "--classify", "--layers", "3", "--epochs", "5", "--out", Model, "--standardize", "none",
            "--shuffle", "false", .. more];

    private string Weighted(string w2) => _folder.Write("w.csv", $"x,w,y\n0,1,0\n1,{w2},1\n2,1,0\n3,1,1\n");

    [Theory]
    [InlineData("-1", "w.csv:3:2: --sample-weight w: -1 is negative")]
    [InlineData("NaN", "w.csv:3:2: --sample-weight w: NaN in column 'w' is not a finite number")]
    [InlineData("abc", "w.csv:3:2: --sample-weight w: 'abc' in column 'w' is not a number")]
    [InlineData("", "w.csv:3:2: --sample-weight w: column 'w' has no value")]
    public void A_bad_weight_is_refused_naming_the_file_line_and_column(string value, string message)
    {
        var r = CliRunner.Run(Train(Weighted(value), "--sample-weight", "w"));
        CliRunner.AssertUserError(r, message);
        Assert.False(File.Exists(Model));
    }

    [Theory]
    [InlineData("--class-weight", "2=3", "--class-weight 2=3: '2' is not a class of the target (its classes: 0, 1)")]
    [InlineData("--class-weight", "1=-3", "--class-weight 1=-3: a class weight must be a finite number ≥ 0")]
    [InlineData("--class-weight", "1:3", "--class-weight: '1:3' is not CLASS=W")]
    [InlineData("--sample-weight", "y", "--sample-weight y: the column is a target")]
    [InlineData("--sample-weight", "z", "column")]
    [InlineData("--plateau-factor", "0.5", "--plateau-factor: applies to --lr-schedule plateau, not to --lr-schedule constant")]
    [InlineData("--verbose", "3", "--verbose must be at least 0 and at most 2, not 3")]
    [InlineData("--validation-split", "0.5",
        "--validation-data: holds the held-out rows, so --validation-split 0.5 holds none out: give one of them")]
    public void A_bad_option_is_refused_in_one_line(string option, string value, string message)
    {
        string data = Weighted("2");
        var more = option == "--validation-split" ? new[] { option, value, "--validation-data", data } : [option, value];
        var r = CliRunner.Run(Train(data, more));
        CliRunner.AssertUserError(r, message);
        Assert.False(File.Exists(Model));
    }

    [Fact]
    public void The_weight_column_is_not_a_feature_and_integer_weights_count_as_repeated_rows_in_evaluate()
    {
        string data = Weighted("3");
        Assert.Equal(0, CliRunner.Run(Train(data, "--sample-weight", "w")).ExitCode);
        Assert.Equal(["x"], Backprop.Serialization.ModelFile.Load(Model).Features);
        // Row 2 of weight 3 is row 2 three times: the mean loss over the 6 rows of the repeated file.
        string repeated = _folder.Write("r.csv", "x,w,y\n0,1,0\n1,1,1\n1,1,1\n1,1,1\n2,1,0\n3,1,1\n");
        double Loss(params string[] args)
        {
            var r = CliRunner.Run(["evaluate", "--model", Model, .. args, "--json"]);
            Assert.True(r.ExitCode == 0, r.Error);
            return System.Text.Json.JsonDocument.Parse(r.Output).RootElement.GetProperty("loss").GetDouble();
        }
        Assert.Equal(Loss("--data", repeated), Loss("--data", data, "--sample-weight", "w"), 12);
        // Class weights 1=3: each row of class 1 counts three times.
        string classes = _folder.Write("c.csv", "x,w,y\n0,1,0\n1,1,1\n1,1,1\n1,1,1\n2,1,0\n3,1,1\n3,1,1\n3,1,1\n");
        Assert.Equal(Loss("--data", classes), Loss("--data", data, "--class-weight", "1=3"), 12);
    }

    [Fact]
    public void A_validation_file_is_the_held_out_split_of_the_same_rows()
    {
        // --validation-split 0.2 holds out the last 80 of the 400 rows (no shuffle); the same rows as a file of their own
        // must give the same run: the preprocessing is fitted on the 320 training rows either way.
        var lines = File.ReadAllLines(Admissions);
        string head = _folder.Write("train.csv", string.Join("\n", lines.Take(321)) + "\n");
        string tail = _folder.Write("held.csv", string.Join("\n", lines.Take(1).Concat(lines.Skip(321))) + "\n");
        string[] common = ["--target", "admit", "--classify", "--one-hot", "rank", "--standardize", "--layers", "4", "--optimizer", "adam", "--lr",
            "0.01", "--epochs", "8",
            "--shuffle", "false"];
        var split = CliRunner.Run(["train", "--data", Admissions, .. common, "--validation-split", "0.2", "--out", _folder.File("a.json")]);
        var file = CliRunner.Run(["train", "--data", head, .. common, "--validation-data", tail, "--out", _folder.File("b.json")]);
        Assert.Equal(0, split.ExitCode);
        Assert.Equal(0, file.ExitCode);
        static string[] Epochs(string output) => output.Split('\n').Where(l => l.StartsWith("epoch")).ToArray();
        Assert.Equal(8, Epochs(split.Output).Length);
        Assert.All(Epochs(split.Output), l => Assert.Contains("val loss", l));
        Assert.Equal(Epochs(split.Output), Epochs(file.Output));
        static string Validation(string output) => output.Split('\n').Single(l => l.StartsWith("validation:"));
        Assert.Equal(Validation(split.Output), Validation(file.Output));
    }

    [Fact]
    public void Verbose_2_prints_every_epoch_and_verbose_0_none_and_the_summary_says_what_each_loss_is()
    {
        string data = Weighted("1");
        string[] Twelve(params string[] more) => [.. Train(data, more).Select(a => a == "5" ? "12" : a)];
        var two = CliRunner.Run(Twelve("--batch-size", "2"));
        Assert.Equal(Enumerable.Range(1, 12).Select(e => e.ToString(CultureInfo.InvariantCulture)),
            two.Output.Split('\n').Where(l => l.StartsWith("epoch")).Select(l => Regex.Match(l, @"^epoch\s+(\d+)").Groups[1].Value));
        Assert.Contains("final loss", two.Output);
        Assert.Contains("with the final weights on the 4 training rows; an epoch's loss is the average of its batches' losses, each taken just "
            + "before that batch's update", two.Output);
        var zero = CliRunner.Run(Twelve("--verbose", "0"));
        Assert.Equal(0, zero.ExitCode);
        Assert.DoesNotContain(zero.Output.Split('\n'), l => l.StartsWith("epoch") || l.StartsWith("training "));
        Assert.Contains("an epoch's loss is at the weights the epoch started with", CliRunner.Run(Train(data, "--batch-size", "full")).Output);
    }

    [Fact]
    public void After_an_early_stop_the_summary_names_the_best_epoch_and_says_its_weights_were_restored()
    {
        string[] args = ["train", "--data", Admissions, "--target", "admit", "--classify", "--one-hot", "rank", "--standardize", "--layers", "16",
            "--optimizer", "adam", "--lr", "0.05", "--epochs", "200", "--validation-split", "0.3", "--shuffle", "--patience", "4", "--out", Model];
        var r = CliRunner.Run(args);
        Assert.Equal(0, r.ExitCode);
        var held = r.Output.Split('\n').Where(l => l.StartsWith("epoch"))
            .Select(l => double.Parse(Regex.Match(l, @"val loss (\S+)").Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        int best = held.IndexOf(held.Min()) + 1;
        Assert.Equal(best + 4, held.Count); // stopped four epochs after the lowest held-out loss
        Assert.Contains($"best epoch {best} of {held.Count} (val loss ", r.Output);
        Assert.Contains("its weights were restored", r.Output);
    }

    [Fact]
    public void Watching_the_held_out_score_the_summary_names_the_epoch_of_the_first_highest_accuracy_and_that_score()
    {
        string[] args = ["train", "--data", Admissions, "--target", "admit", "--classify", "--one-hot", "rank", "--standardize", "--layers", "16",
            "--optimizer", "adam", "--lr", "0.05", "--epochs", "200", "--validation-split", "0.3", "--shuffle", "--patience", "4",
            "--monitor", "score", "--out", Model];
        var r = CliRunner.Run(args);
        Assert.Equal(0, r.ExitCode);
        var held = r.Output.Split('\n').Where(l => l.StartsWith("epoch"))
            .Select(l => double.Parse(Regex.Match(l, @"val accuracy (\S+)").Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        var summary = Regex.Match(r.Output, @"best epoch (\d+) of (\d+) \(val score (\S+)\): its weights were restored");
        Assert.True(summary.Success, r.Output);
        int best = int.Parse(summary.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal(held.Count, int.Parse(summary.Groups[2].Value, CultureInfo.InvariantCulture));
        Assert.Equal(held.IndexOf(held.Max()) + 1, best); // the first epoch with the highest held-out accuracy
        Assert.Equal(held.Max(), double.Parse(summary.Groups[3].Value, CultureInfo.InvariantCulture), 4);
        Assert.Contains("(validation score stopped improving; the best epoch's weights are kept)", r.Output);
        Assert.DoesNotContain("val loss -", r.Output);
    }

    [Fact]
    public void The_plateau_schedule_lowers_the_logged_rate_and_resumes_to_the_same_run()
    {
        string data = Weighted("1");
        string[] args = [.. Train(data, "--optimizer", "adam", "--lr", "0.1", "--lr-schedule", "plateau", "--plateau-factor", "0.5",
            "--plateau-patience", "1",
            "--min-lr", "0.02", "--batch-size", "2"), "--log", _folder.File("log.csv")];
        string[] long_ = [.. args.Select(a => a == "5" ? "20" : a)];
        Assert.Equal(0, CliRunner.Run(long_).ExitCode);
        var rates = File.ReadAllLines(_folder.File("log.csv")).Skip(1)
            .Select(l => double.Parse(l.Split(',')[3], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(20, rates.Count);
        Assert.Equal(0.1, rates[0]);
        // Each cut halves the rate, and it never falls below --min-lr.
        Assert.All(rates.Zip(rates.Skip(1)), p =>
            Assert.True(p.Second == p.First || p.Second == Math.Max(p.First * 0.5, 0.02), $"{p.First} → {p.Second}"));
        Assert.Contains(0.02, rates);
        var whole = File.ReadAllText(Model);

        File.Delete(Model);
        File.Delete(_folder.File("log.csv"));
        Assert.Equal(0, CliRunner.Run(args).ExitCode);
        Assert.Equal(0, CliRunner.Run([.. long_, "--resume", Model]).ExitCode);
        static string Weights(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("layers").GetRawText();
        Assert.Equal(Weights(whole), Weights(File.ReadAllText(Model)));
    }

    [Fact]
    public void The_validation_loss_is_weighted_as_evaluate_weighs_it()
    {
        // Train with a weighted validation file; the summary's validation loss (with the final weights) must be what
        // evaluate computes on that file with the same weights, by its own route (a loss per row, then Σ wℓ / Σ w).
        string train = _folder.Write("t.csv", "x,w,y\n0,1,0\n1,2,1\n2,0.5,0\n3,1,1\n4,3,0\n5,1,1\n");
        string held = _folder.Write("h.csv", "x,w,y\n0.5,4,0\n1.5,0.25,1\n2.5,1,1\n3.5,2,0\n");
        var r = CliRunner.Run(["train", "--optimizer", "gd", "--lr", "0.01", "--data", train, "--target", "y", "--classify", "--layers", "3",
            "--epochs", "7", "--sample-weight", "w",
            "--class-weight", "1=2.5", "--validation-data", held, "--out", Model]);
        Assert.True(r.ExitCode == 0, r.Error);
        double trained = double.Parse(Regex.Match(r.Output, @"validation: samples 4, loss (\S+),").Groups[1].Value, CultureInfo.InvariantCulture);
        var e = CliRunner.Run("evaluate", "--model", Model, "--data", held, "--sample-weight", "w", "--class-weight", "1=2.5", "--json");
        Assert.True(e.ExitCode == 0, e.Error);
        double evaluated = System.Text.Json.JsonDocument.Parse(e.Output).RootElement.GetProperty("loss").GetDouble();
        Assert.Equal(evaluated, trained, 1e-9);
        // Unweighted, the loss differs: the weights were used.
        var plain = CliRunner.Run("evaluate", "--model", Model, "--data", held, "--json");
        Assert.NotEqual(evaluated, System.Text.Json.JsonDocument.Parse(plain.Output).RootElement.GetProperty("loss").GetDouble(), 3);
    }
}

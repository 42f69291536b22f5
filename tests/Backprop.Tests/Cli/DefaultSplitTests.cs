using System.Text.Json;
using Backprop.Cli.Examples;
using Backprop.Data;
using Backprop.Estimators;
using Backprop.Runs;

namespace Backprop.Tests.Cli;

/// <summary>A run that names no split holds a tenth of the rows out, class by class, from 100 rows; and from 100 held-out rows it
/// also stops early and keeps its best epoch (docs/training.md, "Defaults chosen by measurement").</summary>
public sealed class DefaultSplitTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_plain_iris_command_holds_out_five_of_each_species_and_reaches_the_issue_target()
    {
        string model = _folder.File("m.json");
        var r = CliRunner.Run("train", "--data", SharedData.File("uci/iris.csv"), "--target", "species", "--out", model);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("on 135 samples", r.Output);
        Assert.Contains("note: 15 of the 150 rows (10 %, class by class) are held out to measure the model; " +
            "--validation-split 0 trains on every row", r.Output);
        var json = CliRunner.Run("train", "--data", SharedData.File("uci/iris.csv"), "--target", "species", "--out", model, "--json");
        using var doc = JsonDocument.Parse(json.Output);
        var validation = doc.RootElement.GetProperty("validation");
        Assert.Equal(15, validation.GetProperty("samples").GetInt32());
        // Issue 23's target for the plain command: at least 0.93 held-out accuracy (14 of 15).
        Assert.True(validation.GetProperty("accuracy").GetDouble() >= 0.93, validation.ToString());

        // iris.csv holds 50 rows of each species in turn (rows 0–49, 50–99, 100–149): a tenth of each class is 5 rows.
        var table = CsvTable.Read(SharedData.File("uci/iris.csv"));
        var held = new MlpClassifier(new MlpOptions { Epochs = 1 }).Fit(table, "species").ValidationRows;
        Assert.Equal(15, held.Count);
        Assert.Equal([5, 5, 5], held.GroupBy(row => row / 50).OrderBy(g => g.Key).Select(g => g.Count()));
        // A class-by-class split is not one the row count and seed alone find again: report does not claim its rows.
        Assert.Null(Model.Load(model).HeldOutRows(SharedData.File("uci/iris.csv"), 150));
    }

    [Fact]
    public void Fewer_than_100_rows_train_on_every_row_and_a_split_of_0_holds_none_out()
    {
        string Data(int rows) =>
            _folder.Write($"d{rows}.csv", "x,y\n" + string.Join("\n", Enumerable.Range(0, rows).Select(i => $"{i % 7},{i % 2}")));
        var small = CliRunner.Run("train", "--data", Data(99), "--target", "y", "--classify", "--epochs", "2", "--out", _folder.File("a.json"));
        Assert.Equal(0, small.ExitCode);
        Assert.Contains("on 99 samples of", small.Output);
        Assert.DoesNotContain("held out", small.Output);
        var enough = CliRunner.Run("train", "--data", Data(100), "--target", "y", "--classify", "--epochs", "2", "--out", _folder.File("b.json"));
        Assert.Contains("on 90 samples of", enough.Output);
        Assert.Contains("(10 held out)", enough.Output);
        var none = CliRunner.Run("train", "--data", Data(100), "--target", "y", "--classify", "--epochs", "2", "--validation-split", "0",
            "--out", _folder.File("c.json"));
        Assert.Contains("on 100 samples of", none.Output);
        Assert.DoesNotContain("held out", none.Output);
    }

    [Fact]
    public void From_100_held_out_rows_the_default_run_stops_early_with_patience_20_and_keeps_its_best_epoch()
    {
        // 1,000 rows of y = x + noise-free pattern: 100 held out, so early stopping is on.
        string data = _folder.Write("big.csv",
            "x,y\n" + string.Join("\n", Enumerable.Range(0, 1000).Select(i => $"{i % 10},{(i % 10) * 2 + i % 3}")));
        var r = CliRunner.Run("train", "--data", data, "--target", "y", "--epochs", "3", "--out", _folder.File("m.json"));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("note: 100 of the 1000 rows (10 %) are held out to measure the model and keep its best epoch (it stops after 20 epochs " +
            "without a better held-out loss); --validation-split 0 trains on every row", r.Output);
        var score = CliRunner.Run("train", "--data", data, "--target", "y", "--epochs", "3", "--monitor", "score", "--out", _folder.File("s.json"));
        Assert.Contains("(it stops after 20 epochs without a better held-out score)", score.Output);
        var given = CliRunner.Run("train", "--data", data, "--target", "y", "--epochs", "3", "--validation-split", "0.1",
            "--out", _folder.File("n.json"));
        Assert.Contains("(100 held out)", given.Output);
        Assert.DoesNotContain("keep its best epoch", given.Output);
    }
}

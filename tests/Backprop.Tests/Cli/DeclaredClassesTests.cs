using System.Globalization;
using System.Text.Json;
using Backprop.Data;
using Backprop.Estimators;
using Backprop.ModelSelection;
using Backprop.Serialization;

namespace Backprop.Tests.Cli;

/// <summary><c>train --classes A,B,…</c>: the class list declared (scikit-learn's <c>classes=</c>), so data holding only some of the classes
/// trains.</summary>
public sealed class DeclaredClassesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void One_row_of_one_class_trains_when_both_classes_are_declared()
    {
        // scikit-learn's one-step example: a single row with target 0 under a sigmoid output and cross-entropy.
        string data = _folder.Write("one.csv", "x1,x2,y\n1,0,0\n"), model = _folder.File("m.json");
        CliRunner.AssertUserError(CliRunner.Run("train", "--data", data, "--target", "y", "--loss", "cross-entropy", "--layers", "2", "--out", model),
            "holds only one class ('0')", "--classes");
        Assert.False(File.Exists(model));
        var r = CliRunner.Run("train", "--optimizer", "gd", "--data", data, "--target", "y", "--classes", "0,1", "--loss", "cross-entropy",
            "--layers", "2",
            "--lr", "0.5", "--epochs", "200", "--batch-size", "full", "--quiet", "--out", model);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Equal(["0", "1"], ModelFile.Load(model).Preprocessing!.Target.Classes);
        // Trained on its one row, the network puts that row's probability of class 1 near 0.
        var predict = CliRunner.Run("predict", "--model", model, "--data", data);
        var row = predict.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1].Split(',');
        Assert.Equal("0", row[0]);
        Assert.True(double.Parse(row[2], CultureInfo.InvariantCulture) < 0.1, predict.Output);
    }

    [Fact]
    public void The_declared_order_is_the_class_order_and_an_undeclared_class_is_refused_by_its_line()
    {
        string data = _folder.Write("d.csv", "x,kind\n0,b\n1,a\n2,b\n"), model = _folder.File("m.json");
        Assert.Equal(0, CliRunner.Run("train", "--optimizer", "gd", "--lr", "0.01", "--data", data, "--target", "kind", "--classes", "b,a,c",
            "--layers", "2", "--epochs", "2", "--quiet", "--out", model).ExitCode);
        Assert.Equal(["b", "a", "c"], ModelFile.Load(model).Preprocessing!.Target.Classes);
        string bad = _folder.Write("bad.csv", "x,kind\n0,b\n1,z\n");
        CliRunner.AssertUserError(CliRunner.Run("train", "--data", bad, "--target", "kind", "--classes", "a,b", "--layers", "2", "--out",
            _folder.File("n.json")),
            "bad.csv:3:2", "'z' in column 'kind' is not one of the declared classes (a, b)");
        CliRunner.AssertUserError(CliRunner.Run("train", "--data", data, "--target", "kind", "--classes", "a,a", "--layers", "2", "--out",
            _folder.File("n.json")),
            "--classes: names 'a' twice");
        Assert.False(File.Exists(_folder.File("n.json")));
    }

    [Fact]
    public void Cv_and_search_take_declared_classes_as_the_library_does()
    {
        // No row of c: declared, it is a third softmax unit in every fold's model; not declared, the models are binary.
        string data = _folder.Write("ab.csv", "x,kind\n"
            + string.Concat(Enumerable.Range(0, 12).Select(r => FormattableString.Invariant($"{r * 0.5},{(r % 3 == 0 ? "a" : "b")}\n"))));
        string[] common = ["--data", data, "--target", "kind", "--layers", "3", "--epochs", "5", "--seed", "4", "--optimizer", "adam", "--lr",
            "0.05", "--json",
            "--standardize", "none"];
        var options = new MlpOptions { HiddenLayers = [3], Epochs = 5, Seed = 4, Optimizer = "adam", LearningRate = 0.05, Standardize = false };
        var table = CsvTable.Read(data);
        var declared = CrossValidation.Run(() => new MlpClassifier(options with { Classes = ["a", "b", "c"] }), table, "kind", 2, seed: 4);
        var binary = CrossValidation.Run(() => new MlpClassifier(options), table, "kind", 2, seed: 4);
        var r = CliRunner.Run(["cv", .. common, "--folds", "2", "--classes", "a,b,c"]);
        Assert.True(r.ExitCode == 0, r.Error);
        var folds = JsonDocument.Parse(r.Output).RootElement.GetProperty("folds");
        Assert.Equal(2, folds.GetArrayLength());
        for (int f = 0; f < 2; f++)
        {
            Assert.Equal(6, folds[f].GetProperty("test").GetInt32());
            foreach (var (metric, value) in declared.Folds[f].Scores)
                Assert.Equal(value, folds[f].GetProperty("scores").GetProperty(metric).GetDouble());
            Assert.NotEqual(binary.Folds[f].Scores["log_loss"], declared.Folds[f].Scores["log_loss"]);
        }

        // search's best model, refitted on every row, has the three classes in the declared order.
        string best = _folder.File("best.json");
        var s = CliRunner.Run(["search", .. common, "--grid", "lr=0.05,0.01", "--folds", "2", "--classes", "c,a,b", "--out", best]);
        Assert.True(s.ExitCode == 0, s.Error);
        Assert.Equal(["c", "a", "b"], ModelFile.Load(best).Preprocessing!.Target.Classes);
        Assert.Equal(3, ModelFile.Load(best).Layers[^1].Units);
    }
}

using System.Globalization;
using Backprop.Serialization;

namespace Backprop.Tests.Cli;

/// <summary><c>train --classes A,B,…</c>: the class list declared (scikit-learn's <c>classes=</c>), so data holding only some of the classes trains.</summary>
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
        var r = CliRunner.Run("train", "--data", data, "--target", "y", "--classes", "0,1", "--loss", "cross-entropy", "--layers", "2",
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
        Assert.Equal(0, CliRunner.Run("train", "--data", data, "--target", "kind", "--classes", "b,a,c", "--layers", "2", "--epochs", "2", "--quiet", "--out", model).ExitCode);
        Assert.Equal(["b", "a", "c"], ModelFile.Load(model).Preprocessing!.Target.Classes);
        string bad = _folder.Write("bad.csv", "x,kind\n0,b\n1,z\n");
        CliRunner.AssertUserError(CliRunner.Run("train", "--data", bad, "--target", "kind", "--classes", "a,b", "--layers", "2", "--out", _folder.File("n.json")),
            "bad.csv:3:2", "'z' in column 'kind' is not one of the classes --classes declares (a, b)");
        CliRunner.AssertUserError(CliRunner.Run("train", "--data", data, "--target", "kind", "--classes", "a,a", "--layers", "2", "--out", _folder.File("n.json")),
            "--classes needs two or more distinct, non-empty names");
        Assert.False(File.Exists(_folder.File("n.json")));
    }
}

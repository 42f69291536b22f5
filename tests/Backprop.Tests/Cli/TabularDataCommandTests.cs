using System.Text.Json;
using Backprop.Cli.Examples;

namespace Backprop.Tests.Cli;

public class TabularDataCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Iris => SharedData.File("uci/iris.csv");

    [Fact]
    public void Iris_trains_predicts_species_names_and_evaluates()
    {
        string model = _folder.File("iris.json");
        var train = CliRunner.Run("train", "--optimizer", "gd", "--data", Iris, "--target", "species", "--layers", "8", "--standardize",
            "--validation-split", "0.2",
            "--shuffle", "--lr", "0.1", "--epochs", "300", "--out", model, "--json");
        Assert.Equal(0, train.ExitCode);
        using (var json = JsonDocument.Parse(train.Output))
            Assert.InRange(json.RootElement.GetProperty("validation").GetProperty("accuracy").GetDouble(), 0.85, 1.0);

        var predict = CliRunner.Run("predict", "--model", model, "--data", Iris);
        Assert.Equal(0, predict.ExitCode);
        var lines = predict.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("species,p(setosa),p(versicolor),p(virginica)", lines[0]);
        Assert.Equal(151, lines.Length);
        Assert.Equal("setosa", lines[1].Split(',')[0]);
        Assert.Equal("virginica", lines[150].Split(',')[0]);
        double sum = lines[1].Split(',').Skip(1).Sum(p => double.Parse(p, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1.0, sum, 12);

        var evaluate = CliRunner.Run("evaluate", "--model", model, "--data", Iris);
        Assert.Equal(0, evaluate.ExitCode);
        Assert.Contains("accuracy", evaluate.Output);
        Assert.Contains("confusion", evaluate.Output);
        Assert.Contains("virginica", evaluate.Output);
        var evalJson = CliRunner.Run("evaluate", "--model", model, "--data", Iris, "--json");
        using var e = JsonDocument.Parse(evalJson.Output);
        foreach (var key in new[] { "accuracy", "f1_macro", "log_loss", "confusion" }) Assert.True(e.RootElement.TryGetProperty(key, out _), key);
        Assert.Equal(150, e.RootElement.GetProperty("confusion").EnumerateArray().Sum(row => row.EnumerateArray().Sum(v => v.GetInt32())));
    }

    [Fact]
    public void A_sorted_file_split_without_shuffle_warns()
    {
        var rows = new List<string> { "x,kind" };
        foreach (var kind in new[] { "a", "b", "c" })
            for (int i = 0; i < 10; i++) rows.Add($"{i + (kind[0] - 'a') * 10},{kind}");
        string data = _folder.Write("sorted.csv", string.Join("\n", rows));
        var r = CliRunner.Run("train", "--data", data, "--target", "kind", "--layers", "3", "--validation-split", "0.34", "--epochs", "2", "--out",
            _folder.File("m.json"),
            "--shuffle", "false");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("WARNING the validation rows", r.Output);
        Assert.Contains("'c'", r.Output);
        Assert.Contains("add --shuffle", r.Output);
        var shuffled = CliRunner.Run("train", "--optimizer", "gd", "--lr", "0.01", "--data", data, "--target", "kind", "--layers", "3",
            "--validation-split", "0.34", "--shuffle", "--epochs", "2", "--out", _folder.File("m.json"));
        Assert.DoesNotContain("WARNING", shuffled.Output);
    }

    [Fact]
    public void Test_data_is_measured_with_the_training_preprocessing()
    {
        string train = _folder.Write("train.csv", "a,c,y\n1,red,0.5\n2,blue,1.0\n3,red,1.5\n4,blue,2.0\n");
        string test = _folder.Write("test.csv", "c,a,y\nblue,5,2.5\nred,6,3.0\n");
        var r = CliRunner.Run("train", "--optimizer", "gd", "--lr", "0.01", "--data", train, "--target", "y", "--layers", "2", "--standardize", "a",
            "--epochs", "5", "--out", _folder.File("m.json"), "--json");
        Assert.Equal(0, r.ExitCode);
        var withTest = CliRunner.Run("train", "--optimizer", "gd", "--lr", "0.01", "--data", train, "--target", "y", "--layers", "2", "--standardize",
            "a", "--epochs", "5", "--test-data", test, "--out", _folder.File("m.json"), "--json");
        using var json = JsonDocument.Parse(withTest.Output);
        var t = json.RootElement.GetProperty("test");
        Assert.Equal(2, t.GetProperty("samples").GetDouble());
        Assert.True(t.TryGetProperty("rmse", out _) && t.TryGetProperty("r2", out _));
    }

    [Fact]
    public void Evaluate_with_a_class_training_never_saw_names_the_line()
    {
        string data = _folder.Write("d.csv", "x,kind\n1,a\n2,b\n3,a\n4,b\n");
        string model = _folder.File("m.json");
        Assert.Equal(0, CliRunner.Run("train", "--optimizer", "gd", "--lr", "0.01", "--data", data, "--target", "kind", "--layers", "2", "--epochs",
            "2", "--out", model).ExitCode);
        string other = _folder.Write("other.csv", "x,kind\n1,a\n2,zebra\n");
        CliRunner.AssertUserError(CliRunner.Run("evaluate", "--model", model, "--data", other), "other.csv:3:2:",
            "'zebra' in column 'kind' is a class the model was not trained with");
    }

    [Fact]
    public void Predict_on_a_file_without_the_models_columns_names_the_missing_one()
    {
        string data = _folder.Write("d.csv", "gre,gpa,admit\n600,3.5,1\n400,2.5,0\n");
        string model = _folder.File("m.json");
        Assert.Equal(0, CliRunner.Run("train", "--optimizer", "gd", "--lr", "0.01", "--data", data, "--target", "admit", "--layers", "2", "--epochs",
            "2", "--out", model).ExitCode);
        string other = _folder.Write("other.csv", "gre,score\n600,3.5\n");
        string output = _folder.File("p.csv");
        CliRunner.AssertUserError(CliRunner.Run("predict", "--model", model, "--data", other, "--out", output), "other.csv",
            "there is no column 'gpa'");
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Admissions_example_follows_the_seed()
    {
        var r = AdmissionsExample.Compute(AdmissionsExample.DefaultSeed);
        Assert.Equal(360, r.TrainRows);  // 90% of 400
        Assert.Equal(40, r.TestRows);
        Assert.Equal(["gre", "gpa", "rank=1", "rank=2", "rank=3", "rank=4"], r.Features);
        Assert.Equal(10, r.Losses.Count);
        Assert.Equal([0, 90, 180, 270, 360, 450, 540, 630, 720, 810], r.Losses.Select(l => l.Epoch));
        Assert.True(r.Losses[^1].Mse < r.Losses[0].Mse, "gradient descent lowers the training loss");
        Assert.InRange(r.TestAccuracy, 0, 1);
        Assert.Equal(r.TestAccuracy * 40, Math.Round(r.TestAccuracy * 40), 9);
    }
}

using System.Globalization;
using System.Text.Json;
using Backprop.Serialization;
using Backprop.Tensors;

namespace Backprop.Tests.Cli;

public class TrainPredictEvaluateTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>A 0/1 table: y = 1 when x1 + x2 > 1, from a fixed linear congruential sequence.</summary>
    private string WriteData(string name = "data.csv", int rows = 60)
    {
        var lines = new List<string> { "x1,x2,y" };
        ulong state = 12345;
        double Next() { state = state * 6364136223846793005UL + 1442695040888963407UL; return (state >> 11) / (double)(1UL << 53); }
        for (int i = 0; i < rows; i++)
        {
            double a = Next(), b = Next();
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{a},{b},{(a + b > 1 ? 1 : 0)}"));
        }
        return _folder.Write(name, string.Join("\n", lines) + "\n");
    }

    [Fact]
    public void Train_predict_evaluate_round_trip_works_on_a_csv()
    {
        string data = WriteData();
        string model = _folder.File("model.json");
        var train = CliRunner.Run("train", "--data", data, "--target", "y", "--layers", "4", "--activation", "tanh",
            "--loss", "cross-entropy", "--lr", "0.5", "--epochs", "200", "--batch-size", "full", "--out", model, "--json",
            "--optimizer", "gd", "--standardize", "none");
        Assert.Equal(0, train.ExitCode);
        using var trainJson = JsonDocument.Parse(train.Output);
        Assert.Equal(200, trainJson.RootElement.GetProperty("epochs").GetInt32());
        double finalLoss = trainJson.RootElement.GetProperty("finalLoss").GetDouble();

        // predict: a 0/1 target under cross-entropy is two classes: the predicted class, then p(0) and p(1), full precision;
        // p(1) is the saved network's output.
        string predictions = _folder.File("predictions.csv");
        Assert.Equal(0, CliRunner.Run("predict", "--model", model, "--data", data, "--out", predictions).ExitCode);
        var lines = File.ReadAllLines(predictions);
        Assert.Equal("y,p(0),p(1)", lines[0]);
        Assert.Equal(61, lines.Length);
        var network = ModelFile.Load(model).ToNetwork<double>();
        var x = Backprop.Data.Dataset.FromCsv(data, ["y"]).Features;
        var expected = network.Predict(x);
        for (int r = 0; r < expected.Rows; r++)
        {
            var fields = lines[r + 1].Split(',');
            double p1 = double.Parse(fields[2], CultureInfo.InvariantCulture);
            Assert.Equal(expected[r, 0], p1);
            Assert.Equal(1 - expected[r, 0], double.Parse(fields[1], CultureInfo.InvariantCulture));
            Assert.Equal(p1 >= 0.5 ? "1" : "0", fields[0]);
        }

        // evaluate: the loss of the same data and model is the loss train reported for its final weights.
        var evaluate = CliRunner.Run("evaluate", "--model", model, "--data", data, "--target", "y", "--json");
        Assert.Equal(0, evaluate.ExitCode);
        using var evalJson = JsonDocument.Parse(evaluate.Output);
        Assert.Equal(finalLoss, evalJson.RootElement.GetProperty("loss").GetDouble(), 12);
        double accuracy = evalJson.RootElement.GetProperty("accuracy").GetDouble();
        Assert.InRange(accuracy, 0.9, 1.0); // a linearly separable rule, learned
        Assert.True(evalJson.RootElement.TryGetProperty("rmse", out _));
    }

    [Fact]
    public void Training_from_a_model_file_keeps_its_frozen_bias()
    {
        string data = WriteData();
        string start = _folder.Write("start.json", """
            {"format": "backprop.mlp", "version": 1, "inputs": 2, "layers": [
              {"units": 2, "activation": "sigmoid", "weights": [[0.15, 0.20], [0.25, 0.30]], "bias": [0.35, 0.35], "trainBias": false},
              {"units": 1, "activation": "sigmoid", "weights": [[0.40, 0.45]], "bias": [0.6], "trainBias": true}]}
            """);
        string trained = _folder.File("trained.json");
        var r = CliRunner.Run("train", "--optimizer", "gd", "--data", data, "--target", "y", "--model", start, "--lr", "0.5", "--epochs", "20",
            "--out", trained);
        Assert.Equal(0, r.ExitCode);
        var model = ModelFile.Load(trained);
        Assert.Equal([0.35, 0.35], model.Layers[0].Bias!);
        Assert.False(model.Layers[0].TrainBias);
        Assert.NotEqual(0.6, model.Layers[1].Bias![0]);
        Assert.NotEqual(0.15, model.Layers[0].Weights[0][0]);
    }

    [Fact]
    public void Float_precision_trains_and_saves_a_model()
    {
        string data = WriteData();
        string model = _folder.File("f.json");
        var r = CliRunner.Run("train", "--optimizer", "gd", "--lr", "0.01", "--data", data, "--target", "y", "--layers", "3", "--epochs", "5",
            "--precision", "float", "--out", model);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("float", ModelFile.Load(model).Training!.Precision);
    }

    [Fact]
    public void Same_seed_gives_the_same_model_file()
    {
        string data = WriteData();
        var a = _folder.File("a.json");
        var b = _folder.File("b.json");
        string[] common = ["train", "--optimizer", "gd", "--lr", "0.01", "--data", data, "--target", "y", "--layers", "5", "--epochs", "30",
            "--batch-size", "7", "--seed", "9"];
        Assert.Equal(0, CliRunner.Run([.. common, "--out", a]).ExitCode);
        Assert.Equal(0, CliRunner.Run([.. common, "--out", b]).ExitCode);
        Assert.Equal(File.ReadAllText(a), File.ReadAllText(b));
    }
}

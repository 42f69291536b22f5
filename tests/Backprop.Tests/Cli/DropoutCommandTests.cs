using Backprop.Cli.Examples;
using Backprop.Serialization;

namespace Backprop.Tests.Cli;

/// <summary><c>train --dropout</c>, and every command that reads a model with dropout layers.</summary>
public class DropoutCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static readonly string Iris = SharedData.File("uci/iris.csv");

    private CliRunner.Outcome Train(string model, params string[] extra) => Train(model, 5, extra);

    private CliRunner.Outcome Train(string model, int epochs, params string[] extra) => CliRunner.Run(
        ["train", "--data", Iris, "--target", "species", "--layers", "8,6", "--standardize", "--optimizer", "adam", "--lr", "0.01", "--epochs",
            $"{epochs}", "--quiet", "--out", model, .. extra]);

    [Fact]
    public void Train_puts_dropout_after_every_hidden_layer_or_one_rate_per_layer()
    {
        string every = _folder.File("every.json"), each = _folder.File("each.json");
        Assert.Equal(0, Train(every, "--dropout", "0.2").ExitCode);
        var layers = ModelFile.Load(every).Layers;
        Assert.Equal(["dense", "dropout", "dense", "dropout", "dense"], layers.Select(l => l.Kind));
        Assert.Equal([0.2, 0.2], layers.Where(l => !l.IsDense).Select(l => l.Rate!.Value));

        Assert.Equal(0, Train(each, "--dropout", "0.5,0").ExitCode);
        layers = ModelFile.Load(each).Layers;
        Assert.Equal(["dense", "dropout", "dense", "dense"], layers.Select(l => l.Kind));
        Assert.Equal(0.5, layers[1].Rate);
    }

    [Fact]
    public void Predict_evaluate_explain_plot_and_export_read_a_dropout_model_as_its_dense_layers()
    {
        Directory.CreateDirectory(_folder.File("dense"));
        string model = _folder.File("m.json"), dense = _folder.File("dense/m.json"); // the same name: explain prints it
        Assert.Equal(0, Train(model, "--dropout", "0.3").ExitCode);
        var document = ModelFile.Load(model);
        ModelFile.Save(dense, document with { Layers = document.DenseLayers });

        // Dropout is the identity at inference: the model predicts as its dense layers alone do, and exports the same graph.
        var predict = CliRunner.Run("predict", "--model", model, "--data", Iris, "--out", "-");
        Assert.Equal(0, predict.ExitCode);
        Assert.Equal(CliRunner.Run("predict", "--model", dense, "--data", Iris, "--out", "-").Output, predict.Output);
        Assert.Equal(0, CliRunner.Run("export", "--model", model, "--format", "onnx", "--out", _folder.File("m.onnx")).ExitCode);
        Assert.Equal(0, CliRunner.Run("export", "--model", dense, "--format", "onnx", "--out", _folder.File("dense.onnx")).ExitCode);
        Assert.Equal(File.ReadAllBytes(_folder.File("dense.onnx")), File.ReadAllBytes(_folder.File("m.onnx")));

        Assert.Equal(0, CliRunner.Run("evaluate", "--model", model, "--data", Iris).ExitCode);
        var explain = CliRunner.Run("explain", "--model", model, "--data", Iris, "--target", "species", "--sample", "1");
        Assert.True(explain.ExitCode == 0, explain.Error);
        Assert.Equal(CliRunner.Run("explain", "--model", dense, "--data", Iris, "--target", "species", "--sample", "1").Output, explain.Output);
        var plot = CliRunner.Run("plot", "network", "--model", model, "--out", _folder.File("n.svg"));
        Assert.True(plot.ExitCode == 0, plot.Error);
        Assert.Equal(File.ReadAllText(_folder.File("n.svg")),
            CliRunner.Run("plot", "network", "--model", dense, "--out", _folder.File("d.svg")).ExitCode == 0
                ? File.ReadAllText(_folder.File("d.svg")) : "");
    }

    [Fact]
    public void A_resumed_dropout_run_takes_the_same_dropout_and_refuses_another()
    {
        string model = _folder.File("m.json"), straight = _folder.File("s.json");
        Assert.Equal(0, Train(model, "--dropout", "0.2").ExitCode);
        Assert.Equal(0, Train(straight, 8, "--dropout", "0.2").ExitCode);
        var resumed = CliRunner.Run("train", "--data", Iris, "--target", "species", "--standardize", "--optimizer", "adam", "--lr", "0.01",
            "--epochs", "8", "--quiet",
            "--resume", model, "--dropout", "0.2", "--out", model);
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Equal(ModelFile.Load(straight).Layers.SelectMany(l => l.Weights.SelectMany(r => r)), ModelFile.Load(model)
            .Layers.SelectMany(l => l.Weights.SelectMany(r => r)));
        CliRunner.AssertUserError(CliRunner.Run("train", "--data", Iris, "--target", "species", "--standardize", "--optimizer", "adam", "--lr",
            "0.01", "--epochs", "9",
            "--resume", model, "--dropout", "0.5", "--out", _folder.File("x.json")), "--dropout 0.2 (now 0.5)");
    }

    [Theory]
    [InlineData("1", "--dropout: a rate is a number at least 0 and below 1, not '1'")]
    [InlineData("0.2,0.1,0", "--dropout: give one dropout for every hidden layer or 2 (one per layer), not 3")]
    [InlineData("x", "not 'x'")]
    public void A_bad_rate_is_refused_in_one_line(string rate, string message)
    {
        string model = _folder.File("bad.json");
        CliRunner.AssertUserError(Train(model, "--dropout", rate), message);
        Assert.False(File.Exists(model));
    }

    [Fact]
    public void Dropout_with_a_full_batch_solver_or_a_start_model_is_refused()
    {
        string model = _folder.File("m.json");
        CliRunner.AssertUserError(CliRunner.Run("train", "--data", Iris, "--target", "species", "--layers", "4", "--optimizer", "lbfgs", "--epochs",
            "3", "--dropout", "0.2", "--out", model),
            "--dropout: does not apply to lbfgs");
        Assert.False(File.Exists(model));
        CliRunner.AssertUserError(CliRunner.Run("train", "--data", Iris, "--target", "species", "--layers", "none", "--epochs", "3", "--dropout",
            "0.2", "--out", model),
            "--dropout: the network has no hidden layer (--layers is empty), so it takes no dropout");
        Assert.Equal(0, Train(model).ExitCode);
        CliRunner.AssertUserError(CliRunner.Run("train", "--data", Iris, "--target", "species", "--model", model, "--epochs", "3", "--dropout", "0.2",
            "--out", _folder.File("n.json")),
            "--dropout goes with --layers");
    }
}

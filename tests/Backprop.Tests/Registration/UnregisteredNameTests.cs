using Backprop.Activations;
using Backprop.Cli.Examples;
using Backprop.Data;
using Backprop.Diagnostics;
using Backprop.Estimators;
using Backprop.Estimators.Jobs;
using Backprop.Losses;
using Backprop.Serialization;
using Backprop.Tests.Cli;
using Backprop.Training;

namespace Backprop.Tests.Registration;

/// <summary>
/// A model file whose training section names a loss and an optimiser registered only in the program that trained it:
/// whatever needs only the layers and the preprocessing works; resuming and measuring the loss refuse in one line.
/// </summary>
public sealed class UnregisteredNameTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Iris => SharedData.File("uci/iris.csv");

    /// <summary>A model trained by the CLI on iris, and the same file as if its loss and optimiser were another program's.</summary>
    private (string Ours, string Theirs) Models()
    {
        string ours = _folder.File("ours.json"), theirs = _folder.File("theirs.json");
        CliRunner.Ok("train", "--data", Iris, "--target", "species", "--layers", "4", "--standardize", "--epochs", "3", "--lr", "0.1", "--quiet",
            "--out", ours,
            "--optimizer", "gd");
        string json = File.ReadAllText(ours);
        Assert.Contains("\"loss\": \"cross-entropy\"", json);
        Assert.Contains("\"optimizer\": \"gd\"", json);
        File.WriteAllText(theirs, json.Replace("\"loss\": \"cross-entropy\"", "\"loss\": \"test-their-hinge\"")
            .Replace("\"optimizer\": \"gd\"", "\"optimizer\": \"test-their-sgd\""));
        return (ours, theirs);
    }

    [Fact]
    public void Predict_load_report_plot_and_export_work_and_give_what_the_registered_model_gives()
    {
        var (ours, theirs) = Models();
        var model = ModelFile.Load(theirs);
        Assert.Equal(("test-their-hinge", "test-their-sgd"), (model.Training!.Loss, model.Training.Optimizer));

        var table = CsvTable.Read(Iris);
        var (a, b) = (MlpClassifier.Load(ours), MlpClassifier.Load(theirs));
        Assert.Equal(a.Predict(table), b.Predict(table));
        double[] row = [5.9, 3.0, 5.1, 1.8];
        Assert.Equal(a.PredictProbabilities(row), b.PredictProbabilities(row));

        Assert.Equal(CliRunner.Ok("predict", "--model", ours, "--data", Iris), CliRunner.Ok("predict", "--model", theirs, "--data", Iris));
        string page = _folder.File("theirs.html"), png = _folder.File("loss.png"), onnx = _folder.File("theirs.onnx"), ourOnnx =
            _folder.File("ours.onnx");
        CliRunner.Ok("report", "--model", theirs, "--data", Iris, "--out", page);
        Assert.Contains("test-their-hinge(target, out)", File.ReadAllText(page)); // E = (1/m)·Σ …, the symbols HTML-encoded
        CliRunner.Ok("plot", "loss", "--model", theirs, "--out", png);
        Assert.True(new FileInfo(png).Length > 0);
        CliRunner.Ok("export", "--model", theirs, "--out", onnx);
        CliRunner.Ok("export", "--model", ours, "--out", ourOnnx);
        Assert.Equal(File.ReadAllBytes(ourOnnx), File.ReadAllBytes(onnx));
    }

    [Fact]
    public void Evaluate_refuses_the_loss_value_naming_file_field_and_name_unless_given_another_and_resume_refuses()
    {
        var (ours, theirs) = Models();
        var refused = CliRunner.Run("evaluate", "--model", theirs, "--data", Iris, "--json");
        CliRunner.AssertUserError(refused,
            $"error: {theirs}:training.loss: the loss \"test-their-hinge\" is not registered in this program (registered: squared, cross-entropy",
            "): give --loss to measure with another (predict, report, plot and export need no loss)");
        // With the loss given, evaluate measures what it measures on the registered model: the same numbers.
        Assert.Equal(CliRunner.Ok("evaluate", "--model", ours, "--data", Iris, "--json"),
            CliRunner.Ok("evaluate", "--model", theirs, "--data", Iris, "--json", "--loss", "cross-entropy"));
        CliRunner.AssertUserError(CliRunner.Run("gradcheck", "--model", theirs, "--data", Iris),
            $"{theirs}:training.loss: the loss \"test-their-hinge\" is not registered in this program",
                "give --loss to check the gradients of another");

        string resumed = _folder.File("resumed.json");
        var resume = CliRunner.Run("train", "--data", Iris, "--target", "species", "--resume", theirs, "--standardize", "--epochs", "6", "--lr",
            "0.1", "--quiet", "--out", resumed,
            "--optimizer", "gd");
        CliRunner.AssertUserError(resume, $"{theirs}:training.loss: the loss \"test-their-hinge\" is not registered in this program",
            "only a program that registers it can resume the run");
        Assert.False(File.Exists(resumed));
        // The registered model resumes with the same command.
        CliRunner.Ok("train", "--data", Iris, "--target", "species", "--resume", ours, "--standardize", "--epochs", "6", "--lr", "0.1", "--quiet",
            "--out", resumed,
            "--optimizer", "gd");
        Assert.Equal(6, ModelFile.Load(resumed).Training!.LossHistory.Length);
    }

    [Fact]
    public void Resume_checks_the_optimiser_too_and_a_name_registered_later_is_found()
    {
        var (saved, options, run) = Backprop.Tests.Training.SavedXorRun.Make();
        var theirs = saved with { Training = saved.Training! with { Optimizer = "test-their-sgd" } };
        var e = Assert.Throws<BackpropException>(() =>
            Backprop.Tests.Training.SavedXorRun.EnsureResumes(theirs, saved.ToNetwork<double>(), options with { Epochs = 4 }, run));
        Assert.StartsWith("m.json:training.optimizer: the optimiser \"test-their-sgd\" is not registered in this program (registered: gd, " +
            "momentum, nesterov, rmsprop, adam, adamw", e.Message);
        Assert.EndsWith(", lbfgs, cg): only a program that registers it can resume the run", e.Message);
        Backprop.Tests.Training.SavedXorRun.EnsureResumes(saved, saved.ToNetwork<double>(), options with { Epochs = 4 }, run);

        // In the program that registers the loss, the file's name makes it.
        var summary = saved.Training! with { Loss = "test-late-half" };
        var before = Assert.Throws<BackpropException>(() => RecordedTraining.Loss(summary, "m.json", "register it"));
        Assert.Equal("training.loss", before.Location);
        LossRegistry.Register("test-late-half", () => new LateHalf());
        var loss = RecordedTraining.Loss(summary, "m.json", "register it")!;
        Assert.Equal("test-late-half", loss.Name);
        // ℓ = ½ Σ |y − t| on outputs (1, 4) against targets (2, 1): ½ (1 + 3) = 2.
        Assert.Equal(2.0, loss.Sum<double>([0, 0], [1, 4], [2, 1], 2, Activation.Get("identity")));
        Assert.Null(RecordedTraining.Loss(summary with { Loss = null }, "m.json", "register it"));
    }

    /// <summary>ℓ = ½ Σ |y − t|, δ = ½ sign(y − t) f′(net).</summary>
    private sealed class LateHalf : Loss
    {
        public override string Name => "test-late-half";
        public override T Sum<T>(ReadOnlySpan<T> net, ReadOnlySpan<T> output, ReadOnlySpan<T> target, int width, Activation outputActivation)
        {
            T sum = T.Zero;
            for (int i = 0; i < output.Length; i++) sum += T.Abs(output[i] - target[i]);
            return sum / T.CreateChecked(2);
        }
        public override void OutputDelta<T>(ReadOnlySpan<T> net, ReadOnlySpan<T> output, ReadOnlySpan<T> target, Span<T> delta, int width,
            Activation outputActivation)
        {
            var f = (ElementwiseActivation)outputActivation;
            for (int i = 0; i < output.Length; i++) delta[i] = T.CreateChecked(T.Sign(output[i] - target[i])) / T.CreateChecked(2)
                * f.Derivative(net[i], output[i]);
        }
    }
}

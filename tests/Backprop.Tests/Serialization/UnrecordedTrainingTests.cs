using System.Text;
using System.Text.Json;
using Backprop.Diagnostics;
using Backprop.Estimators.Jobs;
using Backprop.Losses;
using Backprop.Optimizers;
using Backprop.Plotting.Charts;
using Backprop.Plotting.Report;
using Backprop.Serialization;
using Backprop.Tests.Cli;
using Backprop.Training;

namespace Backprop.Tests.Serialization;

/// <summary>
/// A training section that does not record its loss, reduction or optimiser: they read as null, not as squared, mean
/// and gd, and every reader of the summary copes.
/// </summary>
public sealed class UnrecordedTrainingTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>y = 2x + 1: one identity unit, one input x, one target y.</summary>
    private const string Model =
        """{"format": "backprop.mlp", "version": 1, "inputs": 1, "features": ["x"], "targets": ["y"], "layers": [{"units": 1, "activation":""" +
            """ "identity", "weights": [[2]], "bias": [1]}]""";

    private static ModelDocument Parse(string training) => ModelFile.Parse(Encoding.UTF8.GetBytes(Model + training + "}"), "m.json");

    [Fact]
    public void Absent_names_read_as_null_stay_absent_when_written_and_recorded_ones_read_as_before()
    {
        var t = Parse(""", "training": {"epochs": 2, "lossHistory": [0.5, 0.25], "reduction": null}""").Training!;
        Assert.Null(t.Loss);
        Assert.Null(t.Reduction);
        Assert.Null(t.Optimizer);
        Assert.Null(t.LossDescription);
        using var written = JsonDocument.Parse(ModelFile.ToJson(Parse(""", "training": {"epochs": 2, "lossHistory": [0.5, 0.25]}""")));
        var section = written.RootElement.GetProperty("training");
        foreach (string name in new[] { "loss", "reduction", "optimizer" }) Assert.False(section.TryGetProperty(name, out _), name);
        Assert.Equal([0.5, 0.25], section.GetProperty("lossHistory").EnumerateArray().Select(e => e.GetDouble()));

        var recorded = Parse(""", "training": {"loss": "Cross-Entropy", "reduction": "SUM", "optimizer": "Adam"}""").Training!;
        Assert.Equal(("cross-entropy", "sum", "adam"), (recorded.Loss, recorded.Reduction, recorded.Optimizer));
        Assert.Equal("cross-entropy, sum", recorded.LossDescription);
        Assert.Equal("squared", (recorded with { Loss = "squared", Reduction = null }).LossDescription);
    }

    [Fact]
    public void Resume_compares_only_what_the_file_records()
    {
        var (saved, options, run) = Backprop.Tests.Training.SavedXorRun.Make();
        var again = saved.ToNetwork<double>();
        var other = options with { Epochs = 5, Objective = new Objective(new CrossEntropy(), Reduction.Sum) };

        var refused = Assert.Throws<BackpropException>(() => Backprop.Tests.Training.SavedXorRun.EnsureResumes(saved, again, other, run));
        // A loss that is the target's default is saved as none (chosen from the target), as a run that gives none.
        Assert.Equal("m.json: MlpOptions.Loss is none in the saved run, cross-entropy now; MlpOptions.Reduction is Mean in the saved run, "
            + "Sum now: resume with the options it was started with", refused.Message);
        var unrecorded = saved with { Training = saved.Training! with { Loss = null, Reduction = null, Optimizer = null } };
        Backprop.Tests.Training.SavedXorRun.EnsureResumes(unrecorded, again, other, run);
        // The optimiser is still checked against the training state the checkpoint holds.
        var adam = Assert.Throws<BackpropException>(() =>
            Backprop.Tests.Training.SavedXorRun.EnsureResumes(unrecorded, again, other with { Optimizer = new Adam() }, run));
        Assert.Equal("m.json:checkpoint.optimizer.name: the training state is gd's but the run's optimizer is adam: the file was changed after " +
            "it was saved", adam.Message);
    }

    [Fact]
    public void Report_and_plot_say_not_recorded_and_evaluate_measures_squared_error()
    {
        var model = Parse(""", "training": {"epochs": 2, "lossHistory": [0.5, 0.25], "learningRate": 0.1}""");
        string page = ReportPage.Render(new ReportContent { Model = model, ModelPath = "m.json", DataPath = "d.csv", Samples = 2 });
        Assert.Contains("<tr><th>loss</th><td>not recorded</td></tr>", page);
        Assert.Contains("<tr><th>optimiser</th><td>not recorded, learning rate 0.1</td></tr>", page);
        Assert.Equal("", LearningCurves.From(model.Training!).LossName);
        Assert.Equal("E = (1/m)·Σ ½(target - out)² (½·MSE)",
            LearningCurves.From(Parse(""", "training": {"loss": "squared", "reduction": "mean"}""").Training!).LossName);

        // y = 2x + 1 on (1, 3) and (2, 4): outputs 3 and 5, so ½·(0² + 1²) summed is 0.5 and its mean over the 2 rows 0.25.
        string path = _folder.File("m.json"), data = _folder.Write("d.csv", "x,y\n1,3\n2,4\n");
        ModelFile.Save(path, model);
        var r = CliRunner.Run("evaluate", "--model", path, "--data", data, "--json");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Equal(0.25, JsonDocument.Parse(r.Output).RootElement.GetProperty("loss").GetDouble(), 1e-15);
        var sum = CliRunner.Run("evaluate", "--model", path, "--data", data, "--json", "--reduction", "sum");
        Assert.Equal(0.5, JsonDocument.Parse(sum.Output).RootElement.GetProperty("loss").GetDouble(), 1e-15);
    }

    [Fact]
    public void An_unrecorded_learning_rate_stays_unrecorded_so_the_written_model_reads_back()
    {
        // It used to be written as "learningRate": 0, which every command then refused ("must be greater than 0, not 0").
        string written = ModelFile.ToJson(Parse(""", "training": {"epochs": 2, "lossHistory": [0.5, 0.25]}"""));
        Assert.DoesNotContain("learningRate", written);
        Assert.Equal(0, ModelFile.Parse(Encoding.UTF8.GetBytes(written), "again.json").Training!.LearningRate);
        string recorded = ModelFile.ToJson(Parse(""", "training": {"learningRate": 0.125}"""));
        Assert.Contains("\"learningRate\": 0.125", recorded);
    }
}

using Backprop.Cli.Examples;
using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;
using Backprop.Estimators;
using Backprop.Estimators.Jobs;
using Backprop.Estimators.Preparation;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Optimizers;
using Backprop.Serialization;
using Backprop.Tests.Cli;
using Backprop.Training;

namespace Backprop.Tests.Training;

/// <summary>
/// <see cref="TrainingJob{T}"/>, the library call <c>backprop train</c> is a shell over: the same file, the held-out
/// measures, checkpoints, the log, a cancellation that resumes bit for bit, and a divergence that keeps a good file.
/// </summary>
public sealed class TrainingJobTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Iris => SharedData.File("uci/iris.csv");

    private static PreparedData IrisData(double validationSplit = 0.2, Preprocessor? fitted = null) =>
        PreparedData.Load<double>(Iris, new PreparationOptions
        {
            // Gaps filled with the training mean, as backprop train does by default (the model file saves each fill).
            Preprocessing = new PreprocessingOptions { Targets = ["species"], Standardize = [], Missing = MissingValues.Mean },
            ValidationSplit = validationSplit, Shuffle = true, Seed = 7, Fitted = fitted,
        });

    private static TrainingOptions Adam(int epochs) => new()
    {
        Objective = new Objective(new CrossEntropy(), Reduction.Mean), Optimizer = new Adam(), LearningRate = 0.01, Epochs = epochs, BatchSize =
            16, Seed = 7,
    };

    private static TrainingRun IrisRun => new() { Data = "iris.csv", Rows = 150, ValidationSplit = 0.2, Shuffle = true };

    [Fact]
    public void The_job_writes_the_file_backprop_train_writes_and_measures_the_held_out_rows()
    {
        string cli = _folder.File("cli.json"), library = _folder.File("library.json");
        CliRunner.Ok("train", "--data", Iris, "--target", "species", "--layers", "8", "--standardize", "--validation-split", "0.2", "--shuffle",
            "--seed", "7", "--optimizer", "adam", "--lr", "0.01", "--batch-size", "16", "--epochs", "20", "--out", cli);

        var data = IrisData();
        var job = TrainingJob<double>.Create(data, new NetworkSpec { HiddenLayers = [8] }, Adam(20), IrisRun);
        var outcome = job.Execute(library);

        Assert.Equal((20, StopReason.MaxEpochs, false, false),
            (outcome.Result.Epochs, outcome.Result.StopReason, outcome.Interrupted, outcome.Diverged));
        // The CLI's file also holds the whole MlpOptions (the "options" section, which replaces training.settings), which a
        // job made from its parts has no way to know; everything else — the weights, the preprocessing, the training record — is the same text.
        Assert.Equal(WithoutOptions(cli), WithoutOptions(library));

        // The accuracy on the 30 held-out rows, counted here from the saved model's predictions.
        var model = ModelFile.Load(library).ToNetwork<double>();
        var validation = data.Validation!;
        var outputs = model.Predict(validation.Features);
        int right = 0;
        for (int r = 0; r < validation.Count; r++)
            if (ArgMax(outputs.Row(r)) == ArgMax(validation.Targets.Row(r))) right++;
        var measures = job.Measures();
        Assert.Equal(30, measures["validation"]["samples"]);
        Assert.Equal(right / 30.0, measures["validation"]["accuracy"], 12);
        Assert.False(measures.ContainsKey("test"));
    }

    [Fact]
    public void A_cancelled_job_saves_its_state_and_resumed_ends_as_one_uninterrupted_run()
    {
        string straight = _folder.File("straight.json"), stopped = _folder.File("stopped.json"), log = _folder.File("log.csv");
        TrainingJob<double>.Create(IrisData(), new NetworkSpec { HiddenLayers = [6], Activations = ["tanh"] }, Adam(12), IrisRun).Execute(straight);

        using var cancel = new CancellationTokenSource();
        var first = TrainingJob<double>.Create(IrisData(), new NetworkSpec { HiddenLayers = [6], Activations = ["tanh"] }, Adam(12), IrisRun);
        first.LogPath = log;
        var interrupted = first.Execute(stopped, record => { if (record.Epoch == 4) cancel.Cancel(); }, cancellation: cancel.Token);
        Assert.True(interrupted.Interrupted);
        Assert.Empty(first.Measures());
        var saved = ModelFile.Load(stopped);
        Assert.Equal(5, saved.Checkpoint!.Epoch); // the 4th epoch ended, the cancellation came before the 5th's first batch

        var resumed = TrainingJob<double>.Resume(saved, stopped, IrisData(fitted: saved.Preprocessing), Adam(12), IrisRun,
            new NetworkSpec { HiddenLayers = [6] });
        resumed.LogPath = log;
        var outcome = resumed.Execute(stopped);
        Assert.Equal(12, outcome.Result.Epochs);
        Assert.Equal(File.ReadAllBytes(straight), File.ReadAllBytes(stopped));
        // The log holds a header and 4 + 8 epochs: the resumed run appends.
        Assert.Equal(["epoch", .. Enumerable.Range(1, 12).Select(e => e.ToString())], File.ReadAllLines(log).Select(l => l.Split(',')[0]));
    }

    [Fact]
    public void Checkpoints_are_written_to_the_model_file_while_training_goes()
    {
        string path = _folder.File("m.json");
        int? seenAtEpoch5 = null;
        var job = TrainingJob<double>.Create(IrisData(), new NetworkSpec { HiddenLayers = [4] }, Adam(6) with { CheckpointEvery = 2 }, IrisRun);
        job.Execute(path, record => { if (record.Epoch == 5) seenAtEpoch5 = ModelFile.Load(path).Checkpoint!.Epoch; });
        Assert.Equal(5, seenAtEpoch5); // the checkpoint after epoch 4 continues at 5
        Assert.Equal(6, ModelFile.Load(path).Training!.Epochs);
    }

    [Fact]
    public void A_diverging_job_keeps_an_earlier_model_and_saves_its_last_good_weights_beside_it()
    {
        // y = 3·10⁶·x1 on inputs of 10⁷: plain gradient descent at η = 10 overflows within a few dozen epochs.
        var lines = new List<string> { "x1,x2,y" };
        for (int i = 1; i <= 50; i++) lines.Add($"{i * 2e5},{i % 7 / 7.0},{i * 6e4}");
        string csv = _folder.Write("big.csv", string.Join("\n", lines) + "\n"), path = _folder.Write("m.json", "a good earlier model");
        var data = PreparedData.Load<double>(csv, new PreparationOptions { Preprocessing = new PreprocessingOptions { Targets = ["y"] } });
        var options = new TrainingOptions { Objective = new Objective(new SquaredError(), Reduction.Mean), LearningRate = 10, Epochs = 200,
            BatchSize = 32 };
        var job = TrainingJob<double>.Create(data, new NetworkSpec { HiddenLayers = [4] }, options);
        var outcome = job.Execute(path);

        Assert.True(outcome.Diverged);
        Assert.Equal("a good earlier model", File.ReadAllText(path));
        Assert.Equal(_folder.File("m.diverged.json"), outcome.ModelPath);
        Assert.Matches(@"^training diverged at epoch \d+ \(the loss became (Infinity|NaN)\); the last good weights \(from the start of epoch \d+\) " +
            @"are saved in .*m\.diverged\.json \(.*m\.json is left as it was\); the inputs reach 1e\+7 \(column 'x1'\)" +
            @".*\(PreprocessingOptions.Standardize\)", outcome.Divergence);
        var kept = ModelFile.Load(outcome.ModelPath!);
        Assert.Equal("Diverged", kept.Training!.StopReason);
        Assert.All(kept.Training.LossHistory, l => Assert.True(double.IsFinite(l)));
        Assert.Null(kept.Checkpoint);
    }

    [Fact]
    public void Settings_that_cannot_apply_are_refused_before_anything_is_written()
    {
        string path = _folder.File("m.json");
        var noHeldOut = Assert.Throws<BackpropException>(() =>
            TrainingJob<double>.Create(IrisData(validationSplit: 0), new NetworkSpec { HiddenLayers = [4] }, Adam(5) with { Patience = 3 }));
        Assert.Equal("MlpOptions.Patience needs held-out data to watch: add MlpOptions.ValidationFraction = F or MlpOptions.ValidationData = FILE",
            noHeldOut.Message);
        var spec = Assert.Throws<BackpropException>(() =>
            TrainingJob<double>.Create(IrisData(), new NetworkSpec { HiddenLayers = [4, 4], Activations = ["tanh", "relu", "relu"] }, Adam(5)));
        Assert.Equal("MlpOptions.Activations: give one activation for every hidden layer or 2 (one per layer), not 3", spec.Message);
        Assert.False(File.Exists(path));

        TrainingJob<double>.Create(IrisData(), new NetworkSpec { HiddenLayers = [4], Dropout = [0.25] }, Adam(3), IrisRun).Execute(path);
        var saved = ModelFile.Load(path);
        byte[] before = File.ReadAllBytes(path);
        var other = Assert.Throws<BackpropException>(() =>
            TrainingJob<double>.Resume(saved, path, IrisData(fitted: saved.Preprocessing), Adam(6), IrisRun,
            new NetworkSpec { HiddenLayers = [5], Dropout = [0.5] }, targets: ["petal_width_cm"]));
        Assert.Equal($"{path}: the run was saved with MlpOptions.HiddenLayers 4 (now 5), MlpOptions.Dropout 0.25 (now 0.5), targets species (now " +
            $"petal_width_cm): resume with the network it was started with", other.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_resumed_run_is_refused_other_schedule_parameters_clipping_and_class_weights_the_file_records()
    {
        string path = _folder.File("m.json");
        // Class weights 2, 1, 0.5 for setosa, versicolor, virginica; a step schedule halving η every 2 epochs; clipping at 1.
        var options = Adam(4) with { ClassWeights = [2, 1, 0.5], Schedule = new Backprop.Training.Schedules.StepSchedule(0.5, 2), ClipNorm = 1 };
        TrainingJob<double>.Create(IrisData(), new NetworkSpec { HiddenLayers = [4] }, options, IrisRun).Execute(path);
        var saved = ModelFile.Load(path);
        var recorded = saved.Training!.Settings!;
        Assert.Equal(("step (γ 0.5 every 2 epochs)", (double?)1, (int?)null, 1),
            (recorded.Schedule, recorded.ClipNorm, recorded.Patience, recorded.ValidationFrequency));
        Assert.Equal([2, 1, 0.5], recorded.ClassWeights!);

        var other = options with { Epochs = 8, ClassWeights = null, Schedule = new Backprop.Training.Schedules.StepSchedule(0.1, 2),
            ClipNorm = null };
        var refused = Assert.Throws<BackpropException>(() =>
            TrainingJob<double>.Resume(saved, path, IrisData(fitted: saved.Preprocessing), other, IrisRun));
        Assert.Equal($"{path}: MlpOptions.ClassWeight is setosa=2,versicolor=1,virginica=0.5 in the saved run, none now; "
            + "MlpOptions.ScheduleGamma is 0.5 in the saved run, 0.1 now; MlpOptions.ClipNorm is 1 in the saved run, none now: "
            + "resume with the options it was started with", refused.Message);

        // A file written before the settings were recorded resumes without comparing them.
        var older = saved with { Training = saved.Training with { Settings = null } };
        Assert.Equal(8, TrainingJob<double>.Resume(older, path, IrisData(fitted: saved.Preprocessing), options with { Epochs = 8 }, IrisRun)
            .Execute(_folder.File("n.json")).Result.Epochs);
    }

    [Fact]
    public void A_network_spec_builds_the_layers_it_describes()
    {
        var target = new TargetEncoding(["y"], ["a", "b", "c"]);
        var layers = new NetworkSpec { HiddenLayers = [5, 3], Activations = ["tanh", "sigmoid"], Bias = false, Dropout =
            [0.5, 0] }.Layers(target.Width, "softmax");
        Assert.Equal([(5, "tanh", BiasMode.None, 0.5), (3, "sigmoid", BiasMode.None, 0.0), (3, "softmax", BiasMode.None, 0.0)],
            layers.Select(l => (l.Units, l.Activation, l.Bias, l.Dropout)));
        var network = new NetworkSpec { HiddenLayers = [5] }.Build<double>(4, target, new CrossEntropy(), seed: 1);
        Assert.Equal("4-5-3 (relu, softmax)", network.ToString());
        Assert.Equal(4 * 5 + 5 + 5 * 3 + 3, network.ParameterCount);
        var one = Assert.Throws<BackpropException>(() => new NetworkSpec { HiddenLayers = [] , OutputActivation = "softmax" }.Layers(1, "identity"));
        Assert.StartsWith("MlpOptions.OutputActivation = softmax needs two or more outputs", one.Message);
        var none = Assert.Throws<BackpropException>(() => new NetworkSpec { HiddenLayers = [], Dropout = [0.2] }.Layers(1, "identity"));
        Assert.StartsWith("MlpOptions.Dropout: the network has no hidden layer (MlpOptions.HiddenLayers = none)", none.Message);
    }

    private static int ArgMax(ReadOnlySpan<double> row)
    {
        int best = 0;
        for (int i = 1; i < row.Length; i++) if (row[i] > row[best]) best = i;
        return best;
    }

    private static string WithoutOptions(string path)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        node.Remove("options");
        node["training"]?.AsObject().Remove("settings"); // written only by a file without the options section, which holds them
        return node.ToJsonString();
    }
}

using System.Numerics;
using Backprop.Data;
using Backprop.Data.Preprocessing;
using Backprop.Data.Rows;
using Backprop.Diagnostics;
using Backprop.Estimators.Preparation;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Serialization;
using Backprop.Training;
using Backprop.Training.Weights;

namespace Backprop.Estimators.Jobs;

/// <summary>
/// A whole training run to a model file, as <c>backprop train</c> makes one: a network (new from a
/// <see cref="NetworkSpec"/>, started from a model's weights, or a saved run resumed) trained on prepared data, with
/// checkpoints written to the model file, a CSV log, a cancellation that saves a resumable model, a divergence that never
/// writes over a good file, the finished model saved atomically with its training state, and the held-out measures.
/// </summary>
/// <example>
/// <code>
/// var data = PreparedData.Load&lt;double&gt;("iris.csv", new PreparationOptions { Preprocessing = new() { Targets = ["species"], Standardize = [] },
/// ValidationSplit = 0.2, Shuffle = true });
/// var options = new TrainingOptions { Objective = new Objective(new CrossEntropy()), Optimizer = new Adam(), Epochs = 100, BatchSize = 32 };
/// var outcome = TrainingJob&lt;double&gt;.Create(data, new NetworkSpec { HiddenLayers = [8] }, options).Run("iris.json");
/// </code>
/// </example>
internal sealed class TrainingJob<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private ModelDocument? _saved;
    private bool _finished;

    private TrainingJob(PreparedData data, Network<T> network, TrainingOptions options, TrainingRun? run)
    {
        if (options.Patience is not null && data.ValidationCount == 0)
            throw new BackpropException($"{Setting.Patience} needs held-out data to watch: add {Setting.PreparationValidationSplit.With("F")} or " +
                $"{Setting.ValidationData.With("FILE")}");
        (Data, Network, Options) = (data, network, options);
        Run = run ?? new TrainingRun { Data = data.Source is string source ? Path.GetFileName(source) : null, Rows = data.TrainCount
            + data.ValidationCount };
    }

    /// <summary>The rows trained on and held out.</summary>
    public PreparedData Data { get; }

    /// <summary>The network being trained (it holds the weights reached once <see cref="Execute"/> returns).</summary>
    public Network<T> Network { get; }

    /// <summary>The settings of the run (with the checkpoint to continue from, for a resumed run).</summary>
    public TrainingOptions Options { get; private set; }

    /// <summary>What the model file records of the data and split.</summary>
    public TrainingRun Run { get; }

    /// <summary>A CSV file that gets one row per epoch as training goes (<see cref="CsvHistoryLog"/>); null for none.</summary>
    public string? LogPath { get; set; }

    /// <summary>Append to <see cref="LogPath"/> instead of starting it anew (true for a resumed run).</summary>
    public bool AppendLog { get; set; }

    /// <summary>Files the job must never write (its inputs): a diverged run's weights are not saved over one of them.</summary>
    public IReadOnlyList<string?> Inputs { get; set; } = [];

    /// <summary>A new network described by <paramref name="spec"/>, for <paramref name="data"/>, its weights drawn from
    /// <see cref="TrainingOptions.Seed"/>.</summary>
    /// <exception cref="BackpropException">The network or the settings do not fit the data.</exception>
    public static TrainingJob<T> Create(PreparedData data, NetworkSpec spec, TrainingOptions options, TrainingRun? run = null)
    {
        var network = spec.Build<T>(data.Preprocessor.FeatureCount, data.Preprocessor.Target, options.Objective.Loss, options.Seed);
        return new TrainingJob<T>(data, network, options, run).Checked();
    }

    /// <summary>A run that starts from <paramref name="model"/>'s weights (its layers, dropout and per-layer bias kept), read from
    /// <paramref name="path"/>.</summary>
    /// <exception cref="BackpropException">The model's inputs or outputs do not match the data.</exception>
    public static TrainingJob<T> FromModel(ModelDocument model, string path, PreparedData data, TrainingOptions options, TrainingRun? run = null)
    {
        var network = model.ToNetwork<T>();
        var pre = data.Preprocessor;
        if (network.Inputs != pre.FeatureCount)
            throw new BackpropException($"the model takes {network.Inputs} inputs but the data gives {pre.FeatureCount} " +
                $"({string.Join(", ", pre.FeatureNames)})", path);
        if (network.Outputs != pre.Target.Width)
            throw new BackpropException($"the model has {network.Outputs} outputs but the targets give {pre.Target.Width}", path);
        return new TrainingJob<T>(data, network, options, run).Checked();
    }

    /// <summary>
    /// Continues the run saved in <paramref name="saved"/> (read from <paramref name="path"/>), interrupted or finished, to
    /// <see cref="TrainingOptions.Epochs"/>: the result is the one an uninterrupted run of that many epochs gives, bit for bit.
    /// The options must be the saved run's, property by property (<see cref="TrainingRun.Options"/>, or for a run given
    /// none what its document records), but for the epochs and the diagnostics; <paramref name="given"/> (the network settings
    /// given again, null where not given) and the repeated <paramref name="targets"/> and <paramref name="features"/> must be too.
    /// </summary>
    /// <exception cref="BackpropException">The file holds no training state, or a setting differs from the saved run's.</exception>
    public static TrainingJob<T> Resume(ModelDocument saved, string path, PreparedData data, TrainingOptions options, TrainingRun? run = null,
        NetworkSpec? given = null, IReadOnlyList<string>? targets = null, IReadOnlyList<string>? features = null)
    {
        var checkpoint = ResumeCheck.EnsureResumable(saved, path);
        var job = FromModel(saved, path, data, options, run);
        CheckpointValidation.CheckIntegrity(checkpoint, path);
        ResumeCheck.EnsureSameNetwork(saved, given ?? new NetworkSpec(), targets, features, path);
        ResumeCheck.EnsureContinuable(saved, job.Network, options, job.Run, data.TrainCount, path);
        ResumeCheck.EnsureSameOptions(saved, job.Document(null, null), path);
        job.Options = options with { Resume = checkpoint };
        job.AppendLog = true;
        return job;
    }

    private TrainingJob<T> Checked()
    {
        Options.Objective.EnsureTrainable(Network);
        return this;
    }

    /// <summary>The model file's document of the run so far: after <paramref name="result"/> (null mid-run), with <paramref name="checkpoint"/> to
    /// resume from.</summary>
    public ModelDocument Document(TrainingResult? result, TrainingCheckpoint? checkpoint) =>
        Run.Document(Network, Data.Preprocessor, Options with { Resume = null, OnCheckpoint = null, OnBatch = null }, result, checkpoint);

    /// <summary>
    /// Trains, writing <paramref name="outPath"/> atomically: every <see cref="TrainingOptions.CheckpointEvery"/> epochs,
    /// when <paramref name="cancellation"/> stops the run (with the state to resume it), and at the end (with the state to
    /// continue it to more epochs). A run that diverges keeps its last good weights beside <paramref name="outPath"/>
    /// (<c>NAME.diverged.json</c>) when that file exists, never over it, and the outcome says so.
    /// </summary>
    /// <param name="outPath">The model file to write; null to write nothing (the outcome still holds the document).</param>
    /// <param name="onEpoch">Called after every epoch (progress, a log of one's own).</param>
    /// <param name="onBatch">Called after every batch with the epoch, the batch and the batches per epoch; null for none.</param>
    /// <param name="cancellation">Stops at the end of a batch; the model is then saved with its training state.</param>
    /// <exception cref="BackpropException">A target cross-entropy cannot take, or a file cannot be written.</exception>
    public TrainingOutcome Execute(string? outPath, Action<EpochRecord>? onEpoch = null, Action<int, int, int>? onBatch = null,
        CancellationToken cancellation = default)
    {
        var pre = Data.Preprocessor;
        // A standardised target (PreprocessingOptions.ScaleTarget) is what the network learns: the loss is measured on it.
        var trainRows = TargetScaling.Standardized(pre.Target, Data.TrainRows<T>());
        var validationRows = Data.ValidationRows<T>() is { } held ? TargetScaling.Standardized(pre.Target, held) : null;
        if (Options.Objective.Loss is CrossEntropy) TargetCheck.EnsureProbabilities(trainRows, pre.Target.OutputNames, Data.Source);
        var options = Options with { OnBatch = onBatch ?? Options.OnBatch };
        if (options.CheckpointEvery is not null && outPath is not null) options =
            options with { OnCheckpoint = c => ModelFile.Save(outPath, Document(null, c)) };
        // Opened only now that every check has passed, so a refused run creates no log.
        using var log = LogPath is string logPath ? new CsvHistoryLog(logPath, AppendLog) : null;
        // A log that fails mid-run (a full disk) stops the run at the end of the batch, as a cancel does: the model is saved, then the failure told.
        using var logFailed = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        BackpropException? logError = null;
        void Log(EpochRecord record)
        {
            try { log?.Write(record); }
            catch (BackpropException e) when (logError is null)
            {
                logError = e;
                logFailed.Cancel();
            }
        }
        var result = Trainer.Train(Network, trainRows, options, record => { onEpoch?.Invoke(record); Log(record); }, logFailed.Token,
            validationRows);
        if (logError is not null) throw LogFailure(logError, result, outPath);
        if (result.StopReason == StopReason.Cancelled)
        {
            _saved = Document(null, result.Checkpoint);
            if (outPath is not null) ModelFile.Save(outPath, _saved);
            return new TrainingOutcome(result, _saved, outPath, null);
        }
        if (TrainingDivergence.Happened(result))
        {
            var divergence = new TrainingDivergence(result, outPath, [.. Inputs, LogPath]); // never over an input, nor over the log
            _saved = Document(divergence.Kept, null);
            if (divergence.KeptPath is string kept) ModelFile.Save(kept, _saved!);
            string message = divergence.Describe(DataScale.Of(trainRows, pre.FeatureNames, pre.Target.OutputNames), Options.LearningRate);
            return new TrainingOutcome(result, _saved, divergence.KeptPath, message);
        }
        // The finished model keeps its training state, so that a resumed run can continue it to more epochs.
        _saved = Document(result, result.Checkpoint);
        if (outPath is not null) ModelFile.Save(outPath, _saved);
        _finished = true;
        return new TrainingOutcome(result, _saved, outPath, null);
    }

    /// <summary>
    /// Measures <paramref name="model"/> (an ensemble's mean network) instead of this run's in <see cref="Measures"/>; on the
    /// held-out rows this run's own network still, when <paramref name="ownHeldOut"/> (the other members trained on some of them).
    /// </summary>
    internal void Keep(ModelDocument model, bool ownHeldOut = false)
    {
        _heldOutModel = ownHeldOut ? _saved : null;
        _saved = model;
    }

    private ModelDocument? _heldOutModel;

    /// <summary>Saves the run the log's failure stopped (with its state, to resume) and says so, naming the log.</summary>
    private BackpropException LogFailure(BackpropException error, TrainingResult result, string? outPath)
    {
        string where;
        if (outPath is null) where = "training stopped";
        else if (result.StopReason == StopReason.Cancelled)
        {
            ModelFile.Save(outPath, _saved = Document(null, result.Checkpoint));
            where = $"training stopped; the model and its training state are saved in {outPath} (resume from it once the log can be written)";
        }
        else if (TrainingDivergence.Happened(result)) where = "training stopped; the run had diverged, so no model is saved";
        else
        {
            ModelFile.Save(outPath, _saved = Document(result, result.Checkpoint));
            where = $"the trained model is saved in {outPath}";
        }
        return new BackpropException($"{error.Problem}; {where}", error.File, inner: error);
    }

    /// <summary>
    /// The trained model's measures on the held-out rows (<c>validation</c>) and the test file (<c>test</c>), each a
    /// summary as <see cref="HeldOutSummary"/> gives it, the loss without the L2 penalty; empty before a finished run.
    /// </summary>
    public IReadOnlyDictionary<string, Dictionary<string, double>> Measures()
    {
        var measures = new Dictionary<string, Dictionary<string, double>>();
        if (!_finished || _saved is null) return measures;
        var pre = Data.Preprocessor;
        var objective = Options.Objective.WithoutPenalties;
        var network = _saved.ToNetwork<double>();
        if (Data.Validation is { } validation)
            measures["validation"] = HeldOutSummary.Of(_heldOutModel?.ToNetwork<double>() ?? network, validation, pre, objective,
                RowWeights.Of(validation.Targets, Data.ValidationWeights, Options.ClassWeights, "held-out"));
        else if (Data.OnDisk is not null && Data.ValidationRows<T>() is IRowSource<T> held)
            measures["validation"] = HeldOutSummary.Of(Network, held, pre, objective);
        if (Data.Test is { } test) measures["test"] = HeldOutSummary.Of(network, test, pre, objective);
        return measures;
    }
}

using Backprop.Runs;
using System.Numerics;
using Backprop.Data;
using Backprop.Estimators.Preparation;
using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;
using Backprop.Layers;
using Backprop.Serialization;
using Backprop.Training;
using Backprop.Estimators.Jobs;
using Backprop.Training.Weights;

namespace Backprop.Estimators;

/// <summary>The one pipeline from a table to a fitted model: prepare the rows, build or load the network, train, hold the result.</summary>
public abstract partial class MlpEstimator
{
    /// <summary>How the last fit ended (its result and document); null before fitting and for a loaded model.</summary>
    internal TrainingOutcome? Outcome { get; private set; }

    /// <summary>
    /// η where the last fit left the optimiser: the rate its schedule gives the next epoch (scikit-learn's
    /// <c>_optimizer.learning_rate</c> after a fit); null before fitting, for a loaded model and for a full-batch solver.
    /// </summary>
    public double? CurrentLearningRate => Outcome?.Result.LearningRate;

    /// <summary>The last fit's measures on its held-out rows (<c>validation</c>) and its test file (<c>test</c>); empty when none.</summary>
    internal IReadOnlyDictionary<string, Dictionary<string, double>> Measures { get; private set; } =
        new Dictionary<string, Dictionary<string, double>>();

    /// <summary>Where the data came from: a file, or rows of a table in memory (with a validation table of its own).</summary>
    private sealed record FitData(string? Path, CsvTable? Table, IReadOnlyList<int>? Rows, CsvTable? Validation)
    {
        public string? Source => Path ?? Table?.Path;
    }

    /// <summary>Fits in <see cref="MlpOptions.Precision"/>.</summary>
    private void FitAny(FitData source, IReadOnlyList<string> targets, FitControl? control)
    {
        if (Options.Precision == Precision.Float) Fit<float>(source, targets, control ?? new FitControl());
        else Fit<double>(source, targets, control ?? new FitControl());
    }

    private void Fit<T>(FitData source, IReadOnlyList<string> targets, FitControl control) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(source, targets, control);
        string? startPath = control.StartFrom ?? control.Resume;
        var start = control.ResumeModel?.Document ?? (startPath is null ? null : ModelFile.Load(startPath)) ?? Continued(control);
        // A model resumed from memory is named in messages by its file if it was read from one, else by the property.
        string? resumed = control.Resume
            ?? (control.ResumeModel is { } model ? model.Path ?? $"{nameof(FitControl)}.{nameof(FitControl.ResumeModel)}" : null);
        if (resumed is not null) ResumeCheck.EnsureResumable(start!, resumed);
        EnsureEnsemble(start, source.Source);
        if (control.StartFrom is not null && Options.Dropout.Count > 0)
            throw new BackpropException($"{Setting.Dropout} goes with {Setting.HiddenLayers}: "
                + $"a start model ({Setting.StartFrom}) keeps its own layers, dropout included", startPath);
        var preprocessing = RunMapping.Preprocessing(Options, targets, Classifies, start);
        var storage = source.Path is not null || control.MemoryBudget is not null
            ? RowStorage.For(control.MemoryBudget ?? Data.MemoryBudget.Default,
                control.SavePath ?? Path.Combine(control.CacheFolder ?? Path.GetTempPath(), "fit.json"), control.CacheFolder, control.KeepCache)
            : null;
        var preparation = RunMapping.Preparation(Options, preprocessing, control, start, storage) is var p && source.Validation is not null
            ? p with { DefaultSplit = false } : p;
        if (_givenPreprocessor is not null) preparation = preparation with { Fitted = _givenPreprocessor };
        var data = source.Path is string path ? PreparedData.Load<T>(path, preparation)
            : PreparedData.FromTable<T>(source.Table!, source.Rows, preparation);
        using var onDisk = data.OnDisk;
        data = FitValidation.With<T>(data, Options, preparation, source.Validation);
        // The table read is garbage now: give it back before training, so that the process holds the encoded rows, not them and the table.
        if (source.Path is not null) GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        bool inMemoryOnly = Options.SampleWeightColumn is not null || Options.ClassWeight is not null || Options.ValidationData is not null
            || Options.Stratify;
        if (data.OnDisk is not null && inMemoryOnly)
            throw new BackpropException($"{Setting.MlpSampleWeight}, {Setting.ClassWeight}, {Setting.ValidationData} and {Setting.MlpStratify} need "
                + $"the rows in memory, but the encoded rows exceed {Setting.FitMemoryBudget.With($"{storage!.Budget:N0}")} bytes "
                + $"and are read from a cache on disk: give a larger {Setting.FitMemoryBudget}", data.Source);
        if (Classifies == false && data.Preprocessor.Target.IsClassification)
            throw new BackpropException($"the target column '{targets[0]}' holds text: use an MlpClassifier", source.Source);
        var loss = RunMapping.Loss(Options) ?? TrainingDefaults.Loss(data.Preprocessor.Target);
        var training = RunMapping.Training(Options, loss, control.CheckpointEvery) with
        {
            ClassWeights = ClassWeights(data), SampleWeights = data.TrainWeights, ValidationSampleWeights = data.ValidationWeights,
            // The default split keeps the best epoch once its held-out loss is worth trusting (docs/training.md: on fewer held-out rows
            // early stopping cost more accuracy than it saved in bench/realdata.py).
            Patience = Options.Patience ?? (preparation.DefaultSplit && data.ValidationCount >= MlpOptions.AutoPatienceMinimumRows
                ? MlpOptions.AutoPatience : null),
        };
        var run = RunMapping.Run(Options, data, source.Source) with { Options = Options };
        var job = resumed is string resume
            ? TrainingJob<T>.Resume(start!, resume, data, training, run, RunMapping.GivenNetwork(Options), targets, Options.Features)
            : start is not null ? TrainingJob<T>.FromModel(start, startPath!, data, Continuing(start, training, data, startPath), run)
            : TrainingJob<T>.Create(data, RunMapping.Network(Options), training, run);
        job.LogPath = control.LogPath;
        job.Inputs = [.. control.Inputs, source.Path, Options.ValidationData, control.TestData, startPath];
        control.OnStart?.Invoke(Start(job, data, loss.Name, storage) is var s && preparation.DefaultSplit && data.ValidationCount > 0
            ? s with { Notes = [.. s.Notes, DefaultSplitNote(data, training.Patience, training.MonitorScore), .. EnsembleNote(data)] }
            : s with { Notes = [.. s.Notes, .. EnsembleNote(data)] });
        // Cancelled before the first batch: nothing trained, so nothing written.
        bool before = control.Cancellation.IsCancellationRequested;
        string? savePath = before ? null : control.SavePath;
        if (before) job.LogPath = null;
        var (progress, onEpoch) = (control.Progress, control.OnEpoch);
        var outcome = job.Execute(savePath, progress is null && onEpoch is null ? null : record =>
        {
            progress?.Report(record);
            onEpoch?.Invoke(record, job.Network.Convert<double>());
        }, control.OnBatch, control.Cancellation);
        outcome = TrainMembers(job, outcome, data, training, run, savePath, control.Cancellation);
        Hold(job, outcome, data);
        if (outcome.Divergence is string divergence) throw new FitDivergedException(divergence, this);
    }

    private void Check(FitData source, IReadOnlyList<string> targets, FitControl control)
    {
        control.Validate();
        Options.Validate();
        if (targets.Count == 0) throw new BackpropException($"give {Setting.Targets}: the column(s) to predict");
        if (Options.Classes is not null && Classifies == false)
            throw new BackpropException($"{Setting.MlpClasses} declares the classes of a classifier, "
                + $"but a regressor's target '{targets[0]}' holds numbers to predict: use an MlpClassifier", source.Source);
        if (Options.Stratify && Classifies == false)
            throw new BackpropException($"{Setting.MlpStratify} keeps class proportions, "
                + $"but a regressor's target '{targets[0]}' holds numbers to predict", source.Source);
        if (source.Validation is not null && Options.ValidationFraction > 0)
            throw new BackpropException($"give a validation fraction ({Options.ValidationFraction}) or a validation table, not both",
                source.Validation.Path);
        if (Options.ValidationData is string file && Options.ValidationFraction > 0)
            throw new BackpropException($"give {Setting.ValidationFraction} or {Setting.ValidationData}, not both "
                + $"({Setting.ValidationFraction.With(Options.ValidationFraction)}, {Setting.ValidationData.With(file)})");
    }

    private double[]? ClassWeights(PreparedData data)
    {
        if (Options.ClassWeight is not { } weighting) return null;
        if (data.Preprocessor.Target.Classes is not { } classes)
            throw new BackpropException($"{Setting.ClassWeight}: the target is not a class label (a text target, or a numeric one with "
                + $"{Setting.ClassifyNumericTarget})");
        return weighting.Resolve(classes, data.Train!.Targets);
    }

    private static string DefaultSplitNote(PreparedData data, int? patience, bool score) =>
        $"{data.ValidationCount} of the {data.TrainCount + data.ValidationCount} rows ({data.SplitFraction:P0}"
        + $"{(data.SplitByClass ? ", class by class" : "")}) are held out to measure the model"
        + $"{(patience is int p ? $" and keep its best epoch (it stops after {p} epochs without a better held-out "
        + $"{(score ? "score" : "loss")})" : "")};"
        + $" {Setting.ValidationFraction.With(0)} trains on every row";

    private static FitStart Start<T>(TrainingJob<T> job, PreparedData data, string loss, RowStorage? storage)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var o = job.Options;
        string? schedule = o.Schedule is Training.Schedules.ConstantSchedule ? null : o.Schedule.Name;
        return new FitStart(job.Network.ToString()!, data.TrainCount, data.ValidationCount, data.Source, loss, o.Solver?.Name ?? o.Optimizer.Name,
            o.Solver is not null, schedule, o.BatchSize, data.Warnings, data.CachePath, storage?.Budget, storage?.RemovedCaches ?? [])
            { Notes = data.Notes };
    }

    /// <summary>Holds what the run made: the network in double, the preprocessing, the history and the document.</summary>
    private void Hold<T>(TrainingJob<T> job, TrainingOutcome outcome, PreparedData data) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var document = outcome.Model!;
        Network = job.Network is Network<double> same && outcome.Divergence is null && Options.Ensemble == 1 ? same : document.ToNetwork<double>();
        Preprocessor = data.Preprocessor;
        // A diverged run's history ends at its last finite epoch, as the model it keeps (the epochs whose loss was not finite are not its).
        History = outcome.Divergence is null ? outcome.Result.History
            : outcome.Result.History.Where(h => double.IsFinite(h.Loss) && double.IsFinite(h.Rmse)).ToList();
        ValidationRows = data.ValidationRowIndices ?? [];
        Model = document;
        Outcome = outcome;
        Measures = job.Measures();
    }
}

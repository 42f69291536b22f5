using System.Globalization;
using System.Numerics;
using Backprop.Diagnostics;
using Backprop.Layers;
using Backprop.Serialization;
using Backprop.Training;
using Backprop.Training.Schedules;

namespace Backprop.Estimators.Jobs;

/// <summary>
/// Whether a saved run can be continued with the settings given: the same precision, seed, batch size, optimizer,
/// learning rate, loss, penalty, schedule and split as saved, the same rows, epochs left to do, and a training state
/// that fits the network. Each refusal names the setting (<see cref="Setting"/>: the C# name, or the CLI's option within the CLI), with both values.
/// </summary>
internal static partial class ResumeCheck
{
    /// <summary>
    /// Refuses (with a <see cref="BackpropException"/> naming <paramref name="path"/>) to continue <paramref name="saved"/>'s
    /// run on <paramref name="network"/> with <paramref name="options"/> when that would make a different run, or when the
    /// run has nothing left to do: it stopped by itself, or its epochs are already done.
    /// </summary>
    /// <param name="saved">The model file being resumed; it must hold a checkpoint.</param>
    /// <param name="network">The network made from it.</param>
    /// <param name="options">The settings of the continued run.</param>
    /// <param name="run">The continued run's data and split.</param>
    /// <param name="trainRows">Training rows of the continued run.</param>
    /// <param name="path">The model file, for the messages.</param>
    public static void EnsureCompatible<T>(ModelDocument saved, Network<T> network, TrainingOptions options, TrainingRun run, int trainRows,
        string path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var checkpoint = saved.Checkpoint ?? throw new BackpropException($"this model holds no training state to resume", path);
        EnsureSameRun(saved.Training, checkpoint, options, typeof(T) == typeof(double) ? "double" : "float", run, path);
        if (options.Solver is null && checkpoint.Optimizer.Optimizer != options.Optimizer.Name)
            throw new BackpropException($"the training state is {checkpoint.Optimizer.Optimizer}'s but the run's optimizer is " +
                $"{options.Optimizer.Name}: the file was changed after it was saved", path, "checkpoint.optimizer.name");
        if (saved.Training is { Rows: > 0 } summary && summary.Rows != run.Rows)
            throw new BackpropException($"the run was saved on {summary.Rows:N0} rows but {Setting.Rows} gives {run.Rows:N0}: resume on the data " +
                $"it was started with", path);
        CheckpointValidation.Check(checkpoint, network, trainRows, options, path);
    }

    /// <summary>Refuses a model that holds no training state to continue (saved by a diverged run, an older backprop, or without it).</summary>
    public static TrainingCheckpoint EnsureResumable(ModelDocument saved, string path) =>
        saved.Checkpoint ??
            throw new BackpropException($"this model holds no training state to resume (it was saved without it: by a diverged run or an older " +
                $"backprop); start from its weights with {Setting.StartModel} instead", path);

    /// <summary>
    /// Refuses network settings given again for a resumed run (<paramref name="given"/>, null where not given) that are
    /// not <paramref name="saved"/>'s, and a repeated <paramref name="targets"/> or <paramref name="features"/> list that is
    /// not the one its preprocessing was fitted with.
    /// </summary>
    public static void EnsureSameNetwork(ModelDocument saved, NetworkSpec given, IReadOnlyList<string>? targets, IReadOnlyList<string>? features,
        string path)
    {
        var differences = new List<string>(given.Differences(saved));
        void Check(Setting option, string was, string now) { if (was != now) differences.Add($"{option} {was} (now {now})"); }
        if (saved.Preprocessing is { } pre)
        {
            // The data's columns come from the saved preparation; a repeated target or feature list must be the run's.
            if (targets is not null) Check(Setting.ResumeTargets, string.Join(",", pre.Target.Columns), string.Join(",", targets));
            if (features is not null) Check(Setting.ResumeFeatures, string.Join(",", pre.Inputs.Select(c => c.Name)), string.Join(",", features));
        }
        if (differences.Count > 0)
            throw new BackpropException($"the run was saved with {string.Join(", ", differences)}: resume with the network it was started with",
                path);
    }

    private static void EnsureSameRun(TrainingSummary? saved, TrainingCheckpoint checkpoint, TrainingOptions options, string precision,
        TrainingRun run, string path)
    {
        int done = checkpoint.Epoch - 1;
        if (options.Epochs < checkpoint.Epoch)
            throw new BackpropException($"the run has done {done} epochs{(checkpoint.NextBatch > 0 ? " and part of the next" : "")}: give " +
                $"{Setting.Epochs} above {done} to continue it", path);
        if (saved is null) return;
        if (saved.StopReason is "Converged" or "TargetLoss" or "EarlyStopped" or "Diverged")
            throw new BackpropException($"the run stopped by itself after {done} epochs ({Enum.Parse<StopReason>(saved.StopReason).Describe()}): " +
                $"there is nothing to continue; start from its weights with {Setting.StartModel} instead", path);
        if (saved.StopReason == "MaxEpochs" && options.Schedule is CosineSchedule && options.Epochs != saved.Epochs)
            throw new BackpropException($"the cosine schedule spans the run's {saved.Epochs} epochs, so the finished run cannot be extended to " +
                $"{options.Epochs}", path);
        RecordedTraining.EnsureRegistered(saved, path, "only a program that registers it can resume the run");
        var differences = new List<string>();
        // A setting the file does not record (a hand-written training section) cannot differ: it is not compared.
        void Check(Setting setting, string? was, string now) { if (was is not null && was != now) differences.Add($"{setting} {was} (now {now})"); }
        Check(Setting.Precision, saved.Precision, precision);
        if (saved.Seed is ulong seed) Check(Setting.Seed, seed.ToString(CultureInfo.InvariantCulture),
            options.Seed.ToString(CultureInfo.InvariantCulture));
        Check(Setting.BatchSize, saved.BatchSize?.ToString(CultureInfo.InvariantCulture) ?? "full",
            options.BatchSize?.ToString(CultureInfo.InvariantCulture) ?? "full");
        Check(Setting.Optimizer, saved.Optimizer, options.Solver?.Name ?? options.Optimizer.Name);
        // A full-batch solver's line search chooses its steps: the learning rate a file records for it means nothing.
        if (options.Solver is null) Check(Setting.LearningRate, Fmt(saved.LearningRate), Fmt(options.LearningRate));
        Check(Setting.Loss, saved.Loss, options.Objective.Loss.Name);
        Check(Setting.Reduction, saved.Reduction, options.Objective.Reduction.ToString().ToLowerInvariant());
        Check(Setting.L2, Fmt(saved.L2), Fmt(options.Objective.L2));
        Check(Setting.Schedule, saved.Schedule, run.Schedule ?? options.Schedule.Kind);
        Check(Setting.ValidationFraction, Fmt(saved.ValidationSplit), Fmt(run.ValidationSplit));
        Check(Setting.Shuffle, saved.Shuffle ? "on" : "off", run.Shuffle ? "on" : "off");
        if (saved.Settings is { } recorded)
            foreach (var (setting, was, now) in recorded.Differences(RunSettings.Of(options, run))) Check(setting, was, now);
        if (differences.Count > 0)
            throw new BackpropException($"the run was saved with {string.Join(", ", differences)}: resume with the settings it was started with",
                path);
    }

    private static string Fmt(double value) => value.ToString("G10", CultureInfo.InvariantCulture);
}

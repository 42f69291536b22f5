using System.Numerics;
using Backprop.Diagnostics;
using Backprop.Layers;
using Backprop.Serialization;
using Backprop.Training;
using Backprop.Training.Schedules;

namespace Backprop.Estimators.Jobs;

/// <summary>
/// Whether a saved run can be continued: the same options as saved, property by property
/// (<see cref="EnsureSameOptions(ModelDocument, ModelDocument, string)"/>), the same network and columns, the same
/// rows, epochs left to do, and a training state that fits the network. Each refusal names the setting
/// (<see cref="Setting"/>: the C# name, or the CLI's option within the CLI).
/// </summary>
internal static partial class ResumeCheck
{
    /// <summary>
    /// Refuses (with a <see cref="BackpropException"/> naming <paramref name="path"/>) to continue <paramref name="saved"/>'s
    /// run on <paramref name="network"/> when that cannot end as the uninterrupted run would, for what is not an option: the
    /// run stopped by itself or has no epochs left, the file's training state is not the optimizer's or does not fit the
    /// network, or the data has other rows. The options are compared by <see cref="EnsureSameOptions(ModelDocument, ModelDocument, string)"/>.
    /// </summary>
    /// <param name="saved">The model file being resumed; it must hold a checkpoint.</param>
    /// <param name="network">The network made from it.</param>
    /// <param name="options">The settings of the continued run.</param>
    /// <param name="run">The continued run's data and split.</param>
    /// <param name="trainRows">Training rows of the continued run.</param>
    /// <param name="path">The model file, for the messages.</param>
    public static void EnsureContinuable<T>(ModelDocument saved, Network<T> network, TrainingOptions options, TrainingRun run, int trainRows,
        string path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var checkpoint = EnsureResumable(saved, path);
        EnsureEpochsLeft(saved.Training, checkpoint, options, path);
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

    private static void EnsureEpochsLeft(TrainingSummary? saved, TrainingCheckpoint checkpoint, TrainingOptions options, string path)
    {
        int done = checkpoint.Epoch - 1;
        if (options.Epochs < checkpoint.Epoch)
            throw new BackpropException($"the run has done {done} epochs{(checkpoint.NextBatch > 0 ? " and part of the next" : "")}: give " +
                $"{Setting.Epochs} above {done} to continue it", path);
        if (saved is null) return;
        if (saved.StopReason is "Converged" or "TargetLoss" or "EarlyStopped" or "Diverged" or "NoImprovement")
            throw new BackpropException($"the run stopped by itself after {done} epochs ({Enum.Parse<StopReason>(saved.StopReason).Describe()}): " +
                $"there is nothing to continue; start from its weights with {Setting.StartModel} instead", path);
        if (saved.StopReason == "MaxEpochs" && options.Schedule is CosineSchedule && options.Epochs != saved.Epochs)
            throw new BackpropException($"the cosine schedule spans the run's {saved.Epochs} epochs, so the finished run cannot be extended to " +
                $"{options.Epochs}", path);
        RecordedTraining.EnsureRegistered(saved, path, "only a program that registers it can resume the run");
    }
}

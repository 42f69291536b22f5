using System.Numerics;
using Backprop.Activations;
using Backprop.Data;
using Backprop.Diagnostics;
using Backprop.Estimators.Jobs;
using Backprop.Estimators.Preparation;
using Backprop.Runs;
using Backprop.Serialization;
using Backprop.Training;

namespace Backprop.Estimators;

/// <summary>
/// <see cref="MlpOptions.Ensemble"/>: after the first network, the others trained each from its own seed, which also draws
/// its own shuffle and held-out rows of the table (the first network's preprocessing kept, since the members share their
/// inputs), and the model kept as their mean (<see cref="EnsembleMerge"/>).
/// </summary>
public abstract partial class MlpEstimator
{
    /// <summary>The seed of member <paramref name="member"/> (0 for the first, whose seed is <paramref name="seed"/> itself).</summary>
    internal static ulong MemberSeed(ulong seed, int member) => unchecked(seed + (ulong)member * 0x9E3779B97F4A7C15UL);

    /// <summary>The note that the held-out measures are the first network's, when the members drew their own held-out rows; else none.</summary>
    private string[] EnsembleNote(PreparedData data) => Options.Ensemble > 1 && data.Redraw is not null
        ? [$"each of the {Options.Ensemble} networks holds out its own rows ({Setting.Ensemble.With(Options.Ensemble)}), "
            + "so the held-out measures are the first network's alone (the others trained on some of its held-out rows)"]
        : [];

    /// <summary>Refuses an ensemble where its networks cannot be trained apart: from a start model, resumed, or continued.</summary>
    private void EnsureEnsemble(ModelDocument? start, string? source)
    {
        if (Options.Ensemble == 1) return;
        if (start is not null || _streaming)
            throw new BackpropException($"{Setting.Ensemble.With(Options.Ensemble)} trains new networks from their own seeds: "
                + $"it cannot continue, resume or start from a model ({Setting.WarmStart}, PartialFit, {Setting.StartFrom}, {Setting.Resume})",
                source);
        var hidden = RunMapping.Network(Options).Activations ?? [];
        if (hidden.FirstOrDefault(a => ActivationRegistry.Get(a) is not ElementwiseActivation) is string joint)
            throw new BackpropException($"{Setting.Ensemble.With(Options.Ensemble)} sets its networks' hidden layers side by side, "
                + $"which needs activations of one unit at a time, but '{joint}' joins the units of its layer", source);
    }

    /// <summary>
    /// Trains members 2 to <see cref="MlpOptions.Ensemble"/> after <paramref name="first"/>'s run, and returns the outcome with
    /// their mean as its model (saved to <paramref name="savePath"/>). A member that is cancelled or diverges ends the
    /// ensemble with its outcome; the file then holds the first network alone.
    /// </summary>
    private TrainingOutcome TrainMembers<T>(TrainingJob<T> first, TrainingOutcome outcome, PreparedData data, TrainingOptions training,
        TrainingRun run, string? savePath, CancellationToken cancellation) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Options.Ensemble == 1 || outcome.Divergence is not null || outcome.Result.StopReason == StopReason.Cancelled) return outcome;
        var members = new List<ModelDocument> { outcome.Model! };
        bool redrawn = data.Redraw is not null;
        for (int m = 1; m < Options.Ensemble; m++)
        {
            // A new optimiser and schedule: they hold the state of the run they step (moments, step count, plateau).
            var fresh = RunMapping.Training(Options, training.Objective.Loss, null);
            ulong seed = MemberSeed(training.Seed, m);
            // Bagging of the held-out rows: the member's seed splits the rows again, as --seed would (none to draw: the same rows).
            var rows = data.Redraw?.Invoke(seed, data.Preprocessor) ?? data;
            var own = training with
            {
                Seed = seed, Optimizer = fresh.Optimizer, Schedule = fresh.Schedule, Solver = fresh.Solver,
                ClassWeights = ReferenceEquals(rows, data) ? training.ClassWeights : ClassWeights(rows),
                SampleWeights = rows.TrainWeights, ValidationSampleWeights = rows.ValidationWeights,
            };
            var job = TrainingJob<T>.Create(rows, RunMapping.Network(Options), own, run);
            var next = job.Execute(null, cancellation: cancellation);
            if (next.Divergence is not null || next.Result.StopReason == StopReason.Cancelled) return next;
            members.Add(next.Model!);
        }
        var merged = EnsembleMerge.Merge(members);
        first.Keep(merged, ownHeldOut: redrawn);
        if (savePath is not null) ModelFile.Save(savePath, merged);
        return outcome with { Model = merged };
    }
}

using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;
using Backprop.Estimators.Preparation;
using Backprop.Runs;
using Backprop.Serialization;
using Backprop.Training;

namespace Backprop.Estimators;

/// <summary>
/// A fit that continues a fitted model instead of drawing new weights: the next batch of <c>PartialFit</c>, and
/// <see cref="MlpOptions.WarmStart"/> (this estimator's own fitted model, or the one of <see cref="FitControl.StartFrom"/>).
/// The continued fit keeps the model's preprocessing and weights, and, when the model holds its training state and the
/// options train it the same way, that state too: the optimiser's moments and step count, the learning-rate schedule, the
/// shuffling generator and the epochs' history, so that the run goes on as one longer run would.
/// </summary>
public abstract partial class MlpEstimator
{
    /// <summary>The model <c>PartialFit</c>'s pass continues (null outside a pass, and for a stream's first batch).</summary>
    private ModelDocument? _continue;

    /// <summary>Whether a <c>PartialFit</c> pass is running (its first batch too).</summary>
    private bool _streaming;

    /// <summary>A preprocessing fitted elsewhere that the first batch of a stream is encoded with, instead of fitting one.</summary>
    private Preprocessor? _givenPreprocessor;

    /// <summary>
    /// The fitted model this fit continues when the control names none: the stream's in a <c>PartialFit</c> pass, this
    /// estimator's own under <see cref="MlpOptions.WarmStart"/>; null for new weights.
    /// </summary>
    private ModelDocument? Continued(FitControl control) =>
        _streaming ? _continue
        : Options.WarmStart && control.Resume is null && control.ResumeModel is null && control.StartFrom is null ? Model : null;

    /// <summary>
    /// The training settings of a fit that starts from <paramref name="start"/>: <paramref name="training"/> as they are for a
    /// start model's weights alone (<see cref="FitControl.StartFrom"/> without <see cref="MlpOptions.WarmStart"/>); for a
    /// continued model, the same resumed from its training state with <see cref="MlpOptions.Epochs"/> more epochs, when it
    /// holds one for the optimiser, solver and schedule of these options (else its weights alone, with a new state).
    /// </summary>
    private TrainingOptions Continuing(ModelDocument start, TrainingOptions training, PreparedData data, string? path)
    {
        if (!_streaming && !Options.WarmStart) return training;
        if (!_streaming) SameClasses(start, data, path);
        if (start.Checkpoint is not { } checkpoint || !Fits(checkpoint, training)) return training;
        // Another number of rows makes the saved position inside an epoch meaningless: the continued run begins an epoch.
        bool sameRows = start.Training is { Rows: > 0 } saved && saved.Rows == data.TrainCount + data.ValidationCount;
        if (!sameRows) checkpoint = checkpoint with { NextBatch = 0, LossSum = 0, SquaredErrorSum = 0 };
        return training with { Resume = checkpoint, Epochs = checkpoint.Epoch - 1 + training.Epochs, ResumeOnOtherRows = true };
    }

    /// <summary>Whether <paramref name="checkpoint"/> is the state of the optimiser and schedule <paramref name="training"/> use.</summary>
    private static bool Fits(TrainingCheckpoint checkpoint, TrainingOptions training) =>
        string.Equals(checkpoint.Optimizer.Optimizer, training.Solver?.Name ?? training.Optimizer.Name, StringComparison.OrdinalIgnoreCase)
        && checkpoint.Schedule.Count == training.Schedule.ExportState().Length;

    /// <summary>
    /// Refuses a warm start whose rows do not hold every class of the model they continue (scikit-learn's warm start
    /// refuses other classes than the previous fit's; a class outside them is refused when the rows are encoded).
    /// </summary>
    private static void SameClasses(ModelDocument start, PreparedData data, string? path)
    {
        if (start.Preprocessing?.Target.Classes is not { } classes || data.Train is not { } train) return;
        var seen = new bool[classes.Count];
        var targets = train.Targets;
        for (int r = 0; r < targets.Rows; r++)
            if (classes.Count == 2) seen[targets[r, 0] > 0.5 ? 1 : 0] = true;
            else for (int k = 0; k < classes.Count; k++) seen[k] |= targets[r, k] > 0.5;
        if (data.Validation is { } held)
            for (int r = 0; r < held.Targets.Rows; r++)
                if (classes.Count == 2) seen[held.Targets[r, 0] > 0.5 ? 1 : 0] = true;
                else for (int k = 0; k < classes.Count; k++) seen[k] |= held.Targets[r, k] > 0.5;
        var missing = classes.Where((_, k) => !seen[k]).ToArray();
        if (missing.Length > 0)
            throw new BackpropException($"{Setting.WarmStart} continues a fit on the classes {string.Join(", ", classes)}, but these rows hold "
                + $"no {string.Join(", ", missing)}: give rows of every class, or fit anew ({Setting.WarmStart.With(false)})", path ?? data.Source);
    }

    /// <summary>Runs <paramref name="fit"/> with <paramref name="options"/> as this estimator's options, then gives its own back.</summary>
    private protected void FitWith(MlpOptions options, Action fit)
    {
        var own = Options;
        Options = options;
        try { fit(); }
        finally { Options = own; }
    }
}

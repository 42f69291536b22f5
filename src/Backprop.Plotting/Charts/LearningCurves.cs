using Backprop.Serialization;
using Backprop.Training;

namespace Backprop.Plotting.Charts;

/// <summary>What a model's training recorded per epoch: the training loss and RMSE, and the held-out data's measures when there were any.</summary>
/// <param name="LossName">How the loss is described on the axis, e.g. "E = Σ ½(target - out)²"; empty when not known.</param>
/// <param name="Loss">The training objective per epoch.</param>
/// <param name="Rmse">The training RMSE per epoch.</param>
/// <param name="ValidationLoss">The held-out data's loss per epoch (NaN for an epoch that was not measured), or empty.</param>
/// <param name="ValidationRmse">The held-out data's RMSE per epoch, or empty.</param>
/// <param name="ValidationAccuracy">The held-out data's accuracy per epoch for a classifier, or empty.</param>
public sealed record LearningCurves(string LossName, double[] Loss, double[] Rmse, double[] ValidationLoss, double[] ValidationRmse,
    double[] ValidationAccuracy)
{
    /// <summary>Epochs recorded.</summary>
    public int Epochs => Math.Max(Loss.Length, Rmse.Length);

    /// <summary>
    /// Per layer (the first first), each epoch's gradient norm ‖∂E/∂W‖₂, the mean over the epoch's batches, as training with
    /// <see cref="Runs.MlpOptions.Diagnostics"/> records it (NaN for an epoch not measured); empty when it was not recorded.
    /// </summary>
    public double[][] GradientNorms { get; init; } = [];

    /// <summary>The curves saved in a model file's <c>training</c> section.</summary>
    internal static LearningCurves From(TrainingSummary summary) => new(
        summary.Loss is { } loss ? Backprop.Losses.LossWords.Formula(loss, summary.Reduction, summary.L2) : "",
        summary.LossHistory, summary.RmseHistory,
        summary.ValidationLossHistory, summary.ValidationRmseHistory, summary.ValidationAccuracyHistory)
    {
        GradientNorms = summary.GradientNormHistory,
    };

    /// <summary>
    /// The curves of a training run in memory. The held-out measures have one entry per epoch, NaN where an epoch was not
    /// measured (<see cref="TrainingOptions.ValidationFrequency"/>), and are empty when no epoch was.
    /// </summary>
    public static LearningCurves From(IReadOnlyList<EpochRecord> history, string lossName)
    {
        return new(lossName, history.Select(h => h.Loss).ToArray(), history.Select(h => h.Rmse).ToArray(),
            TrainingRecord.PerEpoch(history, v => v.Loss), TrainingRecord.PerEpoch(history, v => v.Rmse),
                TrainingRecord.PerEpoch(history, v => v.Accuracy)) { GradientNorms = TrainingRecord.GradientNorms(history) };
    }
}

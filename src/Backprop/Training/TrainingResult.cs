namespace Backprop.Training;

/// <summary>The outcome of training.</summary>
/// <param name="Epochs">Epochs run.</param>
/// <param name="StopReason">Why training ended.</param>
/// <param name="History">One record per epoch.</param>
/// <param name="FinalLoss">The objective on the whole training set with the final weights.</param>
/// <param name="FinalRmse">The RMSE on the whole training set with the final weights.</param>
/// <param name="Seconds">Wall time of training.</param>
public sealed record TrainingResult(int Epochs, StopReason StopReason, IReadOnlyList<EpochRecord> History, double FinalLoss, double FinalRmse,
    double Seconds)
{
    /// <summary>Where the run ended, to continue it later: after a cancellation from the next batch, after a finished run from the next
    /// epoch.</summary>
    public TrainingCheckpoint? Checkpoint { get; init; }

    /// <summary>
    /// η where the run stands: the rate its schedule gives the next epoch (scikit-learn's <c>_optimizer.learning_rate</c>
    /// after a fit); null for a full-batch solver, whose line search chooses each step.
    /// </summary>
    public double? LearningRate { get; init; }
}

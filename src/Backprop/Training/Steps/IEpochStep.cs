using Backprop.Optimizers;

namespace Backprop.Training.Steps;

/// <summary>
/// How one epoch moves the weights: the strategy inside <see cref="Trainer"/>'s single epoch loop. A mini-batch optimiser
/// (<see cref="MiniBatchStep{T}"/>) takes one step per batch; a full-batch solver (<see cref="FullBatchSolverStep{T}"/>) one
/// line-search iteration. Everything around the step — validation, history, early stopping, checkpoints, resuming,
/// cancellation, divergence — is the loop's, and so the same for both.
/// </summary>
internal interface IEpochStep
{
    /// <summary>The name its state is saved under (the optimiser's or the solver's).</summary>
    string Name { get; }

    /// <summary>
    /// Runs epoch <paramref name="epoch"/> at learning rate <paramref name="rate"/>, from batch <paramref name="firstBatch"/>
    /// (nonzero only when resuming mid-epoch, with that epoch's partial sums).
    /// </summary>
    EpochOutcome Run(int epoch, double rate, int firstBatch, double lossSum, double squaredErrorSum, CancellationToken cancellationToken);

    /// <summary>Everything the step remembers between epochs, for a checkpoint.</summary>
    OptimizerState ExportState();

    /// <summary>Restores what <see cref="ExportState"/> saved.</summary>
    void ImportState(OptimizerState state);
}

/// <summary>How an epoch of an <see cref="IEpochStep"/> ended.</summary>
internal enum EpochEnd
{
    /// <summary>The epoch ran to its end.</summary>
    Finished,

    /// <summary>Cancelled between two batches; <see cref="EpochOutcome.NextBatch"/> and the partial sums continue it.</summary>
    Interrupted,

    /// <summary>A solver found no step to take (the gradient is below tolerance or no step lowers the objective): no epoch ran.</summary>
    NoStep,

    /// <summary>A solver took its step, and the objective fell by less than its tolerance: the epoch counts, then training stops.</summary>
    FinishedConverged,

    /// <summary>A solver took its step, and its objective evaluations reached the cap: the epoch counts, then training stops.</summary>
    FinishedEvaluations,
}

/// <summary>The result of one epoch.</summary>
/// <param name="End">How it ended.</param>
/// <param name="Loss">The epoch's objective (mini-batch: over the epoch's batches; solver: at the new weights).</param>
/// <param name="Rmse">The epoch's RMSE, measured as <paramref name="Loss"/> is.</param>
/// <param name="Rate">The learning rate or step length used.</param>
/// <param name="NextBatch">When interrupted: the batch to continue with.</param>
/// <param name="LossSum">When interrupted: the loss summed over the finished batches.</param>
/// <param name="SquaredErrorSum">When interrupted: the squared error summed over the finished batches.</param>
internal readonly record struct EpochOutcome(EpochEnd End, double Loss, double Rmse, double Rate, int NextBatch = 0, double LossSum = 0,
    double SquaredErrorSum = 0);

using Backprop.Optimizers;

namespace Backprop.Training;

/// <summary>
/// Where a training run stands, with everything needed to continue it so that it ends with the same weights, bit
/// for bit, as a run that was never interrupted: the position, the shuffling generator's state at the start of the
/// epoch in progress, that epoch's partial sums, the optimiser's and the schedule's state, the history, and early
/// stopping's best so far. The weights themselves are the network's.
/// </summary>
/// <param name="Epoch">The epoch to continue (1 for the first).</param>
/// <param name="NextBatch">The batch of that epoch to continue with (0 when the epoch has not begun).</param>
/// <param name="ShuffleState">The generator state at the start of <paramref name="Epoch"/>.</param>
/// <param name="LossSum">The epoch's loss accumulated over its finished batches.</param>
/// <param name="SquaredErrorSum">The epoch's squared error accumulated over its finished batches.</param>
/// <param name="Optimizer">The optimiser's state.</param>
/// <param name="Schedule">The learning-rate schedule's state.</param>
/// <param name="History">The records of the finished epochs.</param>
/// <param name="BestEpoch">Early stopping: the epoch with the lowest validation loss so far (0 before any).</param>
/// <param name="BestValidationLoss">Early stopping: that loss.</param>
/// <param name="BestWeights">Early stopping: that epoch's parameters, flattened in the order of <c>Network.Parameters</c>.</param>
public sealed record TrainingCheckpoint(
    int Epoch, int NextBatch, IReadOnlyList<ulong> ShuffleState, double LossSum, double SquaredErrorSum,
    OptimizerState Optimizer, IReadOnlyList<double> Schedule, IReadOnlyList<EpochRecord> History,
    int BestEpoch = 0, double BestValidationLoss = double.PositiveInfinity, IReadOnlyList<double>? BestWeights = null);

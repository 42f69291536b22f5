namespace Backprop.Training;

/// <summary>
/// One epoch of training: the objective and the RMSE over the outputs of the forward passes of that epoch
/// (for the full batch, the values at the weights the epoch started with, as in seed 000).
/// </summary>
/// <param name="Epoch">1 for the first epoch.</param>
/// <param name="Loss">The objective: with mean reduction the sample-weighted mean over the epoch's batches, with sum reduction their sum.</param>
/// <param name="Rmse">√(mean over samples and outputs of (t − y)²).</param>
/// <param name="Layers">Per-layer gradient and weight norms when <see cref="TrainingOptions.CollectDiagnostics"/> is on; otherwise null.</param>
/// <param name="Validation">The held-out data's measures with the weights at the end of the epoch, when validation data was given.</param>
/// <param name="LearningRate">η used in the epoch.</param>
public sealed record EpochRecord(int Epoch, double Loss, double Rmse, IReadOnlyList<LayerDiagnostics>? Layers = null, ValidationRecord? Validation =
    null, double LearningRate = double.NaN);

/// <summary>Measures on held-out data.</summary>
/// <param name="Loss">The objective (its data part, without the L2 penalty).</param>
/// <param name="Rmse">√(mean of (t − y)²).</param>
/// <param name="Accuracy">The fraction classified right, for a classifier (probability outputs and 0/1 targets); otherwise null.</param>
public sealed record ValidationRecord(double Loss, double Rmse, double? Accuracy)
{
    /// <summary>The coefficient of determination R² (1 − SSE/SST per output, averaged over the outputs, as scikit-learn's
    /// <c>r2_score</c>), for a regression; otherwise null.</summary>
    public double? R2 { get; init; }

    /// <summary>The score early stopping can watch (<see cref="TrainingOptions.MonitorScore"/>), as scikit-learn's <c>score</c>:
    /// <see cref="Accuracy"/> for a classifier, <see cref="R2"/> for a regression.</summary>
    public double? Score => Accuracy ?? R2;
}

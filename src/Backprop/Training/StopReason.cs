namespace Backprop.Training;

/// <summary>Why training ended.</summary>
public enum StopReason
{
    /// <summary>The epoch limit was reached.</summary>
    MaxEpochs,

    /// <summary>|ΔRMSE| between epochs fell below the tolerance.</summary>
    Converged,

    /// <summary>The loss reached the target.</summary>
    TargetLoss,

    /// <summary>The loss or a weight became NaN or infinite; the weights are those the last epoch with a finite loss started with.</summary>
    Diverged,

    /// <summary>The validation loss stopped improving; the weights are those of the best epoch.</summary>
    EarlyStopped,

    /// <summary>Cancelled by the caller; the weights are those after the last finished batch, and the result's checkpoint continues from
    /// there.</summary>
    Cancelled,

    /// <summary>The training loss did not improve on its best by the tolerance for more than <see cref="TrainingOptions.NoChangeEpochs"/>
    /// epochs in a row; the weights are the last epoch's.</summary>
    NoImprovement,

    /// <summary>A full-batch solver's objective evaluations reached <see cref="TrainingOptions.MaxFunctionEvaluations"/> (scikit-learn's
    /// <c>max_fun</c>, which warns that the fit has not converged); the weights are the last iteration's.</summary>
    MaxFunctionEvaluations,
}

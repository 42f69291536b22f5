namespace Backprop.Training;

/// <summary>A <see cref="StopReason"/> in words, as <c>backprop train</c> prints it.</summary>
internal static class StopReasonText
{
    /// <summary>Why training ended, in a few words (<c>epoch limit reached</c>, <c>converged</c>, …).</summary>
    public static string Describe(this StopReason reason) => reason switch
    {
        StopReason.MaxEpochs => "epoch limit reached",
        StopReason.Converged => "converged",
        StopReason.TargetLoss => "target loss reached",
        StopReason.Diverged => "diverged",
        StopReason.Cancelled => "cancelled",
        StopReason.EarlyStopped => "validation loss stopped improving; the best epoch's weights are kept",
        StopReason.NoImprovement => "training loss stopped improving by the tolerance; the last epoch's weights are kept",
        StopReason.MaxFunctionEvaluations => "function-evaluation limit reached before convergence",
        _ => reason.ToString(),
    };
}

using Backprop.Serialization;
using Backprop.Training;

namespace Backprop.Estimators.Jobs;

/// <summary>How a <see cref="TrainingJob{T}"/> ended and what it wrote.</summary>
/// <param name="Result">What the training loop returned: epochs, stop reason, history, final loss, training state.</param>
/// <param name="Model">The run's document (for a diverged run, its last good weights), saved to <paramref name="ModelPath"/> when that is not
/// null.</param>
/// <param name="ModelPath">
/// Where it was saved: the model file, or beside it (<c>NAME.diverged.json</c>) for a diverged run; null when not saved.
/// </param>
/// <param name="Divergence">For a run whose loss stopped being finite, one line saying where and why, and what to change; null otherwise.</param>
internal sealed record TrainingOutcome(TrainingResult Result, ModelDocument? Model, string? ModelPath, string? Divergence)
{
    /// <summary>Whether the run was stopped by the cancellation and saved with its state to resume.</summary>
    public bool Interrupted => Result.StopReason == StopReason.Cancelled;

    /// <summary>Whether the run diverged (<see cref="Divergence"/> says how).</summary>
    public bool Diverged => Divergence is not null;
}

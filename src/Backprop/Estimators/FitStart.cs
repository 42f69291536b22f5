namespace Backprop.Estimators;

/// <summary>What a run is about to do, once its data is prepared and its network built (<see cref="FitControl.OnStart"/>).</summary>
/// <param name="Network">The network, as its layers read (e.g. <c>4 → 16 relu → 3 softmax</c>).</param>
/// <param name="TrainRows">The rows trained on.</param>
/// <param name="HeldOutRows">The rows held out to watch (0 for none).</param>
/// <param name="Source">The file the rows came from.</param>
/// <param name="Loss">The loss's name (the one asked for, or the target's default).</param>
/// <param name="Optimizer">The optimiser's or the full-batch solver's name.</param>
/// <param name="FullBatch">Whether a full-batch solver trains (then there is no learning rate or batch).</param>
/// <param name="Schedule">The learning-rate schedule's name; null for a constant rate.</param>
/// <param name="BatchSize">Samples per step; null for the whole training set.</param>
/// <param name="Warnings">What looks wrong but does not stop the run (a class that only held-out rows have).</param>
/// <param name="CachePath">The row cache on disk the rows are read from; null when they are in memory.</param>
/// <param name="MemoryBudget">The budget the rows were measured against (bytes); null when none was set.</param>
/// <param name="RemovedCaches">The stale row caches removed from the cache folder.</param>
public sealed record FitStart(string Network, int TrainRows, int HeldOutRows, string? Source, string Loss, string Optimizer, bool FullBatch,
    string? Schedule, int? BatchSize, IReadOnlyList<string> Warnings, string? CachePath, long? MemoryBudget, IReadOnlyList<string> RemovedCaches)
{
    /// <summary>The network, as its layers print (<c>2-4-1 (tanh, sigmoid)</c>).</summary>
    public string Network { get; } = Network ?? throw new ArgumentNullException(nameof(Network));

    /// <summary>The loss's name.</summary>
    public string Loss { get; } = Loss ?? throw new ArgumentNullException(nameof(Loss));

    /// <summary>The optimiser's or solver's name.</summary>
    public string Optimizer { get; } = Optimizer ?? throw new ArgumentNullException(nameof(Optimizer));

    /// <summary>What looks wrong but does not stop training.</summary>
    public IReadOnlyList<string> Warnings { get; } = Warnings ?? throw new ArgumentNullException(nameof(Warnings));

    /// <summary>What the run chose that the user may want to change (a numeric target taken as numbers, and standardised), one line each.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Row caches left by runs that had ended, removed before this one.</summary>
    public IReadOnlyList<string> RemovedCaches { get; } = RemovedCaches ?? throw new ArgumentNullException(nameof(RemovedCaches));
}

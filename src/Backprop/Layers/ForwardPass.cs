namespace Backprop.Layers;

/// <summary>
/// What a forward pass is for. At inference every layer is deterministic (dropout passes its input through); in training
/// a stochastic layer draws its noise from <see cref="Seed"/> and <see cref="Step"/> alone, so the same pair gives the
/// same noise — the same bits whatever the thread count, on a resumed run as on an uninterrupted one, and on every
/// evaluation of a gradient check that holds the pair fixed.
/// </summary>
/// <param name="Training">True for a training pass.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="Step">Which training step this is (the trainer counts batches from 0 over the whole run).</param>
public readonly record struct ForwardPass(bool Training, ulong Seed = 0, long Step = 0)
{
    /// <summary>An inference pass: no noise.</summary>
    public static ForwardPass Inference => default;

    /// <summary>A training pass of step <paramref name="step"/> of a run seeded with <paramref name="seed"/>.</summary>
    public static ForwardPass Train(ulong seed, long step) => new(true, seed, step);

    /// <summary>
    /// The batch row that this pass's first row is: a batch run in chunks passes each chunk its offset, so that a stochastic
    /// layer draws for every row what it draws when the whole batch runs at once.
    /// </summary>
    internal int FirstRow { get; init; }
}

namespace Backprop.Training;

/// <summary>
/// What early stopping (<see cref="TrainingOptions.Patience"/>) watches: the held-out loss, or with
/// <see cref="TrainingOptions.MonitorScore"/> the held-out score, turned so that lower is better in both cases.
/// </summary>
internal static class EarlyStopping
{
    /// <summary>The held-out loss, or minus the held-out score (NaN when the record has none, which never improves).</summary>
    public static double Watched(ValidationRecord held, bool score) => score ? -(held.Score ?? double.NaN) : held.Loss;

    /// <summary>
    /// The last epoch of <paramref name="history"/> whose watched measure beat the best before it by more than
    /// <paramref name="minDelta"/>, where the wait of a resumed run starts. Watching the loss, the best only moves on such
    /// an epoch, so that is <paramref name="bestEpoch"/>; watching the score, the best also moves on smaller gains.
    /// </summary>
    public static int LastImprovement(IReadOnlyList<EpochRecord> history, bool score, double minDelta, int bestEpoch)
    {
        if (!score) return bestEpoch;
        double best = double.PositiveInfinity;
        int improved = 0;
        foreach (var record in history)
        {
            if (record.Validation is not { } held) continue;
            double watched = Watched(held, score);
            if (watched < best - minDelta) improved = record.Epoch;
            if (watched < best) best = watched;
        }
        return improved;
    }
}

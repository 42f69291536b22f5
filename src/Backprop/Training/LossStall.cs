namespace Backprop.Training;

/// <summary>
/// scikit-learn's stopping rule on the training loss (<c>n_iter_no_change</c> and <c>tol</c>, early stopping off): an
/// epoch whose loss is above the best so far minus the tolerance counts one more epoch without improvement, any other
/// resets the count; the best is the lowest loss seen (lowered by any fall, even one smaller than the tolerance).
/// Training stops once the count exceeds the epochs allowed.
/// </summary>
internal sealed class LossStall(double tolerance)
{
    private double _best = double.PositiveInfinity;

    /// <summary>Epochs in a row without an improvement, up to the last observed.</summary>
    public int Count { get; private set; }

    /// <summary>The rule's state after the epochs of <paramref name="history"/> (a resumed run's), in order.</summary>
    public static LossStall Replay(IEnumerable<EpochRecord> history, double tolerance)
    {
        var stall = new LossStall(tolerance);
        foreach (var record in history) stall.Observe(record.Loss);
        return stall;
    }

    /// <summary>Counts the epoch of loss <paramref name="loss"/>; returns the epochs in a row without improvement.</summary>
    public int Observe(double loss)
    {
        Count = loss > _best - tolerance ? Count + 1 : 0;
        if (loss < _best) _best = loss;
        return Count;
    }
}

namespace Backprop.Data.Preprocessing;

/// <summary>
/// Quantiles of a column's training values weighted by their sample weights, defined so that a row of weight 0 counts as
/// absent and a row of whole weight k as k copies of it: the value at rank t of the rows repeated by weight (ranks 0 to
/// W − 1, W the total weight), interpolated linearly between the two nearest ranks as numpy's default. Without weights it
/// is numpy's <c>quantile</c> and <c>median</c>, bit for bit.
/// </summary>
internal sealed class WeightedQuantile
{
    private readonly double[] _values;
    private readonly double[] _upTo;

    /// <summary>The numbers of <paramref name="rows"/> read by <paramref name="reader"/> (gaps left out) with <paramref name="weights"/>
    /// (aligned with <paramref name="rows"/>; null for weight 1 each), sorted.</summary>
    public WeightedQuantile(CellReader reader, IReadOnlyList<int> rows, double[]? weights)
    {
        var pairs = new List<(double Value, double Weight)>(rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            double w = weights?[i] ?? 1;
            if (w > 0 && reader.TryNumber(rows[i], out double x)) pairs.Add((x, w));
        }
        pairs.Sort((a, b) => a.Value.CompareTo(b.Value));
        _values = new double[pairs.Count];
        _upTo = new double[pairs.Count];
        double total = 0;
        for (int j = 0; j < pairs.Count; j++)
        {
            _values[j] = pairs[j].Value;
            _upTo[j] = total += pairs[j].Weight;
        }
    }

    /// <summary>How many values carry weight.</summary>
    public int Count => _values.Length;

    /// <summary>The smallest and the largest value carrying weight.</summary>
    public (double Low, double High) Range => (_values[0], _values[^1]);

    /// <summary>The <paramref name="p"/> quantile, interpolated linearly between the two nearest ranks.</summary>
    public double Of(double p)
    {
        var (low, high, fraction) = Neighbours(p);
        return fraction == 0 ? low : low + (high - low) * fraction;
    }

    /// <summary>The median as numpy's: the middle value, or the mean of the two middle ones.</summary>
    public double Median()
    {
        var (a, b, fraction) = Neighbours(0.5);
        if (fraction == 0) return a;
        if (fraction != 0.5) return a + (b - a) * fraction;
        double mean = (a + b) / 2;
        return double.IsFinite(mean) ? mean : a / 2 + b / 2;
    }

    private (double Low, double High, double Fraction) Neighbours(double p)
    {
        double at = Math.Max(0, p * (_upTo[^1] - 1));
        double below = Math.Floor(at);
        return (AtRank(below), AtRank(below + 1), at - below);
    }

    /// <summary>The value at rank <paramref name="rank"/> of the rows repeated by weight (the largest past the last rank).</summary>
    private double AtRank(double rank)
    {
        int j = Array.BinarySearch(_upTo, rank);
        // The first value whose cumulative weight is above the rank.
        j = j >= 0 ? j + 1 : ~j;
        return _values[Math.Min(j, _values.Length - 1)];
    }
}

namespace Backprop.ModelSelection;

/// <summary>The mean and standard deviation of one measure over the folds.</summary>
/// <param name="Mean">The mean.</param>
/// <param name="StandardDeviation">The population standard deviation (divided by K, as NumPy's <c>std()</c> that scikit-learn users print).</param>
public sealed record MetricSummary(double Mean, double StandardDeviation)
{
    /// <summary>The mean and standard deviation of <paramref name="values"/>.</summary>
    public static MetricSummary Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double mean = values.Sum() / values.Count;
        double variance = values.Sum(v => (v - mean) * (v - mean)) / values.Count;
        return new MetricSummary(mean, Math.Sqrt(variance));
    }
}

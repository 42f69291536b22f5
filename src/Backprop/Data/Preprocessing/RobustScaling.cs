using System.Numerics;
using Backprop.Diagnostics;

namespace Backprop.Data.Preprocessing;

/// <summary>
/// Robust scaling with smooth clipping, as RealMLP prepares numeric features (Holzmüller et al., 2024) and scikit-learn's
/// <c>RobustScaler</c> centres and scales: u = (x − median) / (q₇₅ − q₂₅) over the training rows (quantiles by linear
/// interpolation, numpy's default; half the range when the quartiles are equal, 1 when every value is), then
/// u / √(1 + (u/3)²), which leaves values near 0 almost as they are and bends outliers smoothly into (−3, 3).
/// </summary>
internal static class RobustScaling
{
    /// <summary>The smooth clip of a standardised value.</summary>
    public static double Clip(double u) => u / Math.Sqrt(1 + (u / 3) * (u / 3));

    /// <summary>The clip applied in place to one input of rows <paramref name="from"/> to <paramref name="to"/> of a row-major block.</summary>
    public static void Clip<T>(Span<T> all, int from, int to, int stride, int offset) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int k = from; k < to; k++)
        {
            ref T v = ref all[k * stride + offset];
            v = T.CreateTruncating(Clip(double.CreateChecked(v)));
        }
    }

    /// <summary>
    /// <paramref name="measured"/> (the mean-and-sd column the fit made, whose fill it keeps) centred on the median and
    /// scaled by the interquartile range of <paramref name="rows"/> of the column read by <paramref name="reader"/>, each
    /// row counted by its weight in <paramref name="weights"/> (aligned with the rows; null for 1 each).
    /// </summary>
    public static NumericColumn Fit(NumericColumn measured, CellReader reader, IReadOnlyList<int> rows, string path, double[]? weights = null)
    {
        var values = new WeightedQuantile(reader, rows, weights);
        double median = values.Of(0.5), spread = values.Of(0.75) - values.Of(0.25);
        if (!(spread > 0)) spread = (values.Range.High - values.Range.Low) / 2;
        if (!double.IsFinite(spread))
            throw new DataFormatException($"column '{Shown.Value(measured.Name)}' spreads over more than 1e308: its scale overflows; rescale it",
                path);
        return measured with { Mean = median, Scale = spread > 0 && double.IsNormal(spread) ? spread : 1, Clip = true };
    }

    /// <summary>The <paramref name="p"/> quantile of sorted <paramref name="sorted"/>, interpolated linearly between the two nearest ranks.</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double p)
    {
        double at = p * (sorted.Count - 1);
        int below = (int)Math.Floor(at);
        int above = Math.Min(below + 1, sorted.Count - 1);
        double fraction = at - below;
        return fraction == 0 ? sorted[below] : sorted[below] + (sorted[above] - sorted[below]) * fraction;
    }
}

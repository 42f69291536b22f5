using System.Globalization;
using Backprop.Diagnostics;

namespace Backprop.Data.Preprocessing;

/// <summary>
/// A numeric column built from its training rows' statistics, refused where a statistic is not a finite number: a mean
/// or standard deviation that overflows (values near 1e308) — rather than a model that cannot be saved. (A standard
/// deviation is never subnormal: it is the root of a mean of squares, at least 2e-162 when not 0.)
/// </summary>
internal static class MeasuredColumn
{
    /// <summary>
    /// The column <paramref name="name"/> standardised with <paramref name="mean"/> and <paramref name="std"/> (scale 1
    /// when it is 0) when <paramref name="standardize"/>, filled with the mean when <paramref name="fill"/>;
    /// <paramref name="largest"/> is the largest magnitude among the values, named in the refusal.
    /// </summary>
    public static NumericColumn Create(string name, double mean, double std, double largest, bool standardize, bool fill, string path)
    {
        string near = largest.ToString("G3", CultureInfo.InvariantCulture);
        if (!double.IsFinite(mean))
            throw new DataFormatException($"column '{Shown.Value(name)}' has values near {near}: their mean overflows; rescale it", path);
        if (standardize && !double.IsFinite(std))
            throw new DataFormatException($"column '{Shown.Value(name)}' has values near {near}: its standard deviation overflows; rescale it", path);
        return standardize ? new NumericColumn(name, mean, std > 0 ? std : 1, fill ? mean : null) : new NumericColumn(name, Fill: mean);
    }
}

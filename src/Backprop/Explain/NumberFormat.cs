using System.Globalization;

namespace Backprop.Explain;

/// <summary>How explanations print numbers: up to nine decimals, as Mazur's post does; very small values in scientific notation.</summary>
internal static class NumberFormat
{
    public static string Format(double v)
    {
        if (v == 0) return "0";
        if (!double.IsFinite(v)) return v.ToString(CultureInfo.InvariantCulture);
        if (Math.Abs(v) < 1e-4) return v.ToString("0.########e+00", CultureInfo.InvariantCulture);
        return Math.Round(v, 9).ToString("0.#########", CultureInfo.InvariantCulture);
    }
}

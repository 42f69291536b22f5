using System.Globalization;

namespace Backprop.Diagnostics;

/// <summary>
/// Numbers for a table a student reads down: a set number of significant digits written without an exponent
/// (<c>0.0000012345</c>, never <c>1.2345E-06</c>), trailing zeros dropped, so a column keeps one notation however small its values fall.
/// </summary>
internal static class FixedNotation
{
    /// <summary>The most decimals written: below 10⁻²⁰ a value shows as 0.</summary>
    private const int MaxDecimals = 20;

    /// <summary><paramref name="value"/> with <paramref name="digits"/> significant digits (<c>G</c>'s digits, in fixed notation).</summary>
    public static string Significant(double value, int digits)
    {
        if (value == 0 || !double.IsFinite(value)) return value.ToString(CultureInfo.InvariantCulture);
        int magnitude = (int)Math.Floor(Math.Log10(Math.Abs(value))) + 1;
        int decimals = Math.Clamp(digits - magnitude, 0, MaxDecimals);
        return value.ToString(decimals == 0 ? "0" : "0." + new string('#', decimals), CultureInfo.InvariantCulture);
    }
}

using System.Globalization;

namespace Backprop.Data.Csv;

/// <summary>
/// Numbers parsed from UTF-8 bytes in place. Plain decimals (sign, up to 19 digits, a point, an exponent) take a fast
/// path that is exact: an integer mantissa below 2⁵³ times or divided by a power of ten up to 10²² is one correctly
/// rounded IEEE operation (Clinger's fast path). Everything else goes to
/// <see cref="double.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider?, out double)"/>,
/// so what is accepted and the value read are those of the .NET parser.
/// </summary>
internal static class CsvNumber
{
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>Parses <paramref name="text"/> (surrounding spaces allowed) as a number; NaN and infinities count as numbers.</summary>
    /// <param name="text">The field's bytes.</param>
    /// <param name="decimalSeparator">'.' or ','.</param>
    /// <param name="value">The value read.</param>
    public static bool TryParse(ReadOnlySpan<byte> text, byte decimalSeparator, out double value)
    {
        if (TryFast(text, decimalSeparator, out value)) return true;
        if (decimalSeparator == (byte)'.')
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        if (text.IndexOf((byte)'.') >= 0 || text.Length > 256) { value = 0; return false; }
        Span<byte> copy = stackalloc byte[text.Length];
        text.CopyTo(copy);
        copy.Replace(decimalSeparator, (byte)'.');
        return double.TryParse(copy, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The fast path alone: true only for a plain decimal it reads exactly (always finite).</summary>
    internal static bool TryFast(ReadOnlySpan<byte> s, byte point, out double value)
    {
        value = 0;
        int i = 0, n = s.Length;
        if (n == 0 || n > 40) return false;
        bool negative = false;
        if (s[0] == (byte)'-') { negative = true; i++; }
        else if (s[0] == (byte)'+') i++;
        ulong mantissa = 0;
        int digits = 0, exponent = 0;
        bool any = false;
        while (i < n && (uint)(s[i] - '0') <= 9)
        {
            any = true;
            if (mantissa != 0 || s[i] != '0') { if (++digits > 19) return false; mantissa = mantissa * 10 + (uint)(s[i] - '0'); }
            i++;
        }
        if (i < n && s[i] == point)
        {
            i++;
            while (i < n && (uint)(s[i] - '0') <= 9)
            {
                any = true;
                if (mantissa != 0 || s[i] != '0') { if (++digits > 19) return false; mantissa = mantissa * 10 + (uint)(s[i] - '0'); }
                exponent--;
                i++;
            }
        }
        if (!any) return false;
        if (i < n && (s[i] | 0x20) == 'e')
        {
            i++;
            bool negativeExponent = false;
            if (i < n && (s[i] == '-' || s[i] == '+')) { negativeExponent = s[i] == '-'; i++; }
            int e = 0, start = i;
            while (i < n && (uint)(s[i] - '0') <= 9) { if (e < 10000) e = e * 10 + (s[i] - '0'); i++; }
            if (i == start) return false;
            exponent += negativeExponent ? -e : e;
        }
        if (i != n) return false;
        if (mantissa > (1UL << 53)) return false;
        double m = mantissa;
        if (exponent == 0) value = m;
        else if (exponent < 0 && exponent >= -22) value = m / PowersOfTen[-exponent];
        else if (exponent > 0 && exponent <= 22) value = m * PowersOfTen[exponent];
        else if (mantissa == 0) value = 0;
        else return false;
        if (negative) value = -value;
        return true;
    }
}

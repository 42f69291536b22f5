using System.Globalization;

namespace Backprop.Explain;

/// <summary>
/// A number as a document printed it, compared with the correct value: it agrees when the correct value
/// rounds to it at the number of decimals printed.
/// </summary>
internal readonly record struct DocumentFigure(string Printed)
{
    /// <summary>The printed figure as a number.</summary>
    public double Value => double.Parse(Printed, CultureInfo.InvariantCulture);

    /// <summary>True when <paramref name="correct"/> rounded to the printed decimals gives the printed figure.</summary>
    public bool Agrees(double correct)
    {
        int dot = Printed.IndexOf('.');
        int exponent = Printed.IndexOfAny(['e', 'E']);
        if (exponent >= 0)
        {
            // Significant digits in scientific notation: compare relative to the printed magnitude.
            int digits = (dot < 0 ? 0 : exponent - dot - 1);
            double unit = Math.Abs(Value) * Math.Pow(10, -digits);
            return Math.Abs(correct - Value) <= 0.5 * unit * (1 + 1e-9) + 1e-300;
        }
        int decimals = dot < 0 ? 0 : Printed.Length - dot - 1;
        return Math.Abs(correct - Value) <= 0.5 * Math.Pow(10, -decimals) * (1 + 1e-9);
    }

    /// <summary>
    /// A line: the quantity, the correct value, and the document's figure marked ✓ (agrees) or ✗ (does not).
    /// </summary>
    public static string Line(string quantity, double correct, string? printed, string format = "F9", string? note = null)
    {
        string value = correct.ToString(format, CultureInfo.InvariantCulture);
        string line = $"  {quantity,-26} {value,16}";
        if (printed is not null)
        {
            var figure = new DocumentFigure(printed);
            line += figure.Agrees(correct) ? $"   document: {printed} ✓" : $"   document: {printed} ✗ differs";
        }
        if (note is not null) line += $"  ({note})";
        return line;
    }
}

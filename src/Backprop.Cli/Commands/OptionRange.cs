using System.CommandLine;
using System.CommandLine.Parsing;

namespace Backprop.Cli.Commands;

/// <summary>
/// The allowed range of a numeric option, checked while the command line is parsed: a value outside it is refused in one
/// line naming the option and the value as typed (<c>--lr-gamma must be greater than 0 and less than 1, not -1</c>), before
/// any file is read or written. The ranges are listed in docs/training.md.
/// </summary>
internal static class OptionRange
{
    /// <summary>Any finite number (not NaN, not ±∞).</summary>
    public static void Finite(Option<double?> option) => Check(option, v => double.IsFinite(v), "a finite number");

    /// <summary>A finite number greater than 0.</summary>
    public static void Positive(Option<double> option) => Check(option, v => double.IsFinite(v) && v > 0, "a finite number greater than 0");

    /// <inheritdoc cref="Positive(Option{double})"/>
    public static void Positive(Option<double?> option) => Check(option, v => double.IsFinite(v) && v > 0, "a finite number greater than 0");

    /// <summary>A finite number of at least 0.</summary>
    public static void NotNegative(Option<double> option) => Check(option, v => double.IsFinite(v) && v >= 0, "a finite number ≥ 0");

    /// <inheritdoc cref="NotNegative(Option{double})"/>
    public static void NotNegative(Option<double?> option) => Check(option, v => double.IsFinite(v) && v >= 0, "a finite number ≥ 0");

    /// <summary>A number in [0, 1): at least 0 and below 1.</summary>
    public static void Fraction(Option<double> option) => Check(option, v => v is >= 0 and < 1, "a number ≥ 0 and below 1");

    /// <inheritdoc cref="Fraction(Option{double})"/>
    public static void Fraction(Option<double?> option) => Check(option, v => v is >= 0 and < 1, "a number ≥ 0 and below 1");

    /// <summary>A number in (0, 1): above 0 and below 1.</summary>
    public static void Factor(Option<double> option) => Check(option, v => v is > 0 and < 1, "a number greater than 0 and less than 1");

    /// <summary>A whole number of at least <paramref name="minimum"/> (and at most <paramref name="maximum"/>).</summary>
    public static void AtLeast(Option<int> option, int minimum, int maximum = int.MaxValue) =>
        Check(option, v => v >= minimum && v <= maximum, Whole(minimum, maximum));

    /// <inheritdoc cref="AtLeast(Option{int}, int, int)"/>
    public static void AtLeast(Option<int?> option, int minimum, int maximum = int.MaxValue) =>
        Check(option, v => v >= minimum && v <= maximum, Whole(minimum, maximum));

    private static string Whole(int minimum, int maximum) =>
        maximum == int.MaxValue ? $"at least {minimum}" : $"at least {minimum} and at most {maximum:N0}";

    private static void Check<T>(Option<T> option, Func<T, bool> ok, string range) where T : struct =>
        option.Validators.Add(result => Validate(result, option.Name, ok, range));

    private static void Check<T>(Option<T?> option, Func<T, bool> ok, string range) where T : struct =>
        option.Validators.Add(result => Validate<T?>(result, option.Name, v => v is not T value || ok(value), range));

    private static void Validate<T>(OptionResult result, string name, Func<T, bool> ok, string range)
    {
        if (result.Implicit || result.Errors.Any()) return; // the default, or a value that did not even parse (already reported)
        T value;
        try { value = result.GetValueOrDefault<T>(); }
        catch (InvalidOperationException) { return; }
        if (!ok(value))
            result.AddError($"{name} must be {range}, not {(result.Tokens.Count > 0 ? result.Tokens[^1].Value : value?.ToString())}");
    }
}

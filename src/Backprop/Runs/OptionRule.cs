using System.Globalization;
using Backprop.Diagnostics;

namespace Backprop.Runs;

/// <summary>
/// One row of <see cref="MlpOptions"/>' rules: the setting it is about (the property's path, <c>MlpOptions.Dropout</c>),
/// what the setting must be, in words, and the check, which gives the problem with a value (null when there is none).
/// </summary>
/// <param name="Path">The property, named through <see cref="Setting"/> (the CLI prints its option instead).</param>
/// <param name="Must">What the property must be, for the documentation and the tests.</param>
/// <param name="Problem">The problem with the options' value, worded to follow <c>Path: </c>; null when it keeps the rule.</param>
internal sealed record OptionRule(Setting Path, string Must, Func<MlpOptions, string?> Problem)
{
    /// <summary>A range of numbers: the test and its words (<c>greater than 0</c>).</summary>
    internal sealed record Interval(Func<double, bool> Holds, string Words);

    internal static readonly Interval Positive = new(v => v > 0 && double.IsFinite(v), "a finite number greater than 0");
    internal static readonly Interval NotNegative = new(v => v >= 0 && double.IsFinite(v), "a finite number at least 0");
    internal static readonly Interval Fraction = new(v => v is >= 0 and < 1, "at least 0 and below 1");
    internal static readonly Interval Factor = new(v => v is > 0 and < 1, "greater than 0 and below 1");

    /// <summary>A number in <paramref name="interval"/> (null, where the property may be null, keeps the rule).</summary>
    public static OptionRule Range(Setting path, Func<MlpOptions, double?> value, Interval interval, string noun = "") =>
        new(path, $"{interval.Words}{(noun.Length > 0 ? $" ({noun})" : "")}", o => value(o) is double v && !interval.Holds(v)
            ? $"{(noun.Length > 0 ? noun + " " : "")}must be {interval.Words}, not {Number(v)}" : null);

    /// <summary>Every number of a list in <paramref name="interval"/>.</summary>
    public static OptionRule Each(Setting path, Func<MlpOptions, IEnumerable<double>> values, Interval interval, string noun) =>
        new(path, $"each {interval.Words}", o => values(o).Where(v => !interval.Holds(v)).Select(v => (double?)v).FirstOrDefault() is double bad
            ? $"{noun} must be {interval.Words}, not {Number(bad)}" : null);

    /// <summary>A whole number at least <paramref name="minimum"/> (null, where the property may be null, keeps the rule).</summary>
    public static OptionRule AtLeast(Setting path, Func<MlpOptions, int?> value, int minimum, string noun = "") =>
        new(path, $"at least {minimum}", o => value(o) is int v && v < minimum
            ? $"{(noun.Length > 0 ? noun + " " : "")}must be at least {minimum}, not {v}" : null);

    /// <summary>Names that <paramref name="registered"/> knows (<paramref name="known"/> lists them for the message).</summary>
    public static OptionRule Registered(Setting path, Func<MlpOptions, IEnumerable<string?>> names, Func<string, bool> registered,
        Func<IEnumerable<string>> known, string kind) =>
        new(path, $"a registered {kind}", o => names(o).FirstOrDefault(n => n is not null && !registered(n)) is string bad
            ? $"'{bad}' is not a registered {kind} (registered: {string.Join(", ", known())})" : null);

    /// <summary>A defined member of enum <typeparamref name="TEnum"/>.</summary>
    public static OptionRule Defined<TEnum>(Setting path, Func<MlpOptions, TEnum> value) where TEnum : struct, Enum =>
        new(path, $"one of {string.Join(", ", Enum.GetNames<TEnum>())}", o => Enum.IsDefined(value(o)) ? null
            : $"must be one of {string.Join(", ", Enum.GetNames<TEnum>())}, not {value(o)}");

    /// <summary>A text that is not empty (null, where the property may be null, keeps the rule).</summary>
    public static OptionRule NotEmpty(Setting path, Func<MlpOptions, string?> value) =>
        new(path, "not empty", o => value(o) is string v && v.Trim().Length == 0 ? $"must not be empty, not \"{v}\"" : null);

    /// <summary>A rule between settings: <paramref name="problem"/> is null when the options keep it.</summary>
    public static OptionRule Exclusion(Setting path, string must, Func<MlpOptions, string?> problem) => new(path, must, problem);

    /// <summary>A number as messages show it: the invariant culture, ten significant digits.</summary>
    public static string Number(double value) => value.ToString("G10", CultureInfo.InvariantCulture);
}

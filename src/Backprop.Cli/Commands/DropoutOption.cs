using System.CommandLine;
using System.Globalization;
using Backprop.Diagnostics;

namespace Backprop.Cli.Commands;

/// <summary>
/// <c>train --dropout</c>: inverted dropout after the hidden layers, one rate for every hidden layer (as Keras users put a
/// <c>Dropout</c> after each <c>Dense</c>) or one per hidden layer, 0 for none. Never after the output layer.
/// </summary>
internal static class DropoutOption
{
    public static readonly Option<string?> Option = new("--dropout")
    {
        Description = "dropout rate p in [0, 1) after every hidden layer, or one per hidden layer, e.g. 0.2,0 (training only; off at inference)",
    };

    /// <summary>The rates given (one, or one per hidden layer); null without the option.</summary>
    public static double[]? Rates(ParseResult parse) =>
        parse.GetValue(Option) is string text ? Rates(text) : null;

    /// <summary>The rates of <paramref name="text"/> (one, or one per hidden layer).</summary>
    public static double[] Rates(string text) => Parse.Entries("--dropout", text).Select(Rate).ToArray();

    private static double Rate(string entry)
    {
        if (!double.TryParse(entry, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate) || !(rate >= 0 && rate < 1))
            throw new BackpropException($"--dropout: a rate is a number at least 0 and below 1, not '{entry}'");
        return rate;
    }
}

using System.CommandLine;
using System.Globalization;
using Backprop.Diagnostics;
using Backprop.Serialization;

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

    /// <summary>The rate after each of <paramref name="hidden"/> hidden layers (all 0 without the option).</summary>
    public static double[] Rates(ParseResult parse, int hidden)
    {
        if (parse.GetValue(Option) is not string text) return new double[hidden];
        if (hidden == 0) throw new BackpropException("--dropout: the network has no hidden layer (--layers none) to drop values of");
        var rates = Parse.Entries("--dropout", text).Select(Rate).ToArray();
        if (rates.Length == 1) return Enumerable.Repeat(rates[0], hidden).ToArray();
        if (rates.Length != hidden)
            throw new BackpropException($"--dropout: give one rate for every hidden layer or {hidden} (one per layer), not {rates.Length}");
        return rates;
    }

    /// <summary>The network's dropout after each hidden layer as <c>--dropout</c> writes it, e.g. <c>0.2,0</c>.</summary>
    public static string Of(ModelDocument model)
    {
        var rates = new List<double>();
        for (int l = 0; l < model.Layers.Count - 1; l++)
        {
            if (!model.Layers[l].IsDense) continue;
            var next = model.Layers[l + 1];
            rates.Add(next.IsDense ? 0 : next.Rate ?? 0);
        }
        return Text(rates);
    }

    /// <summary>The rates given, as <see cref="Of"/> writes them, for comparing with a resumed model's.</summary>
    public static string Given(ParseResult parse, int hidden) => Text(Rates(parse, hidden));

    private static string Text(IReadOnlyList<double> rates) =>
        string.Join(",", rates.Count > 0 && rates.All(r => r == rates[0]) ? rates.Take(1).Select(Format) : rates.Select(Format));

    private static string Format(double r) => r.ToString("R", CultureInfo.InvariantCulture);

    private static double Rate(string entry)
    {
        if (!double.TryParse(entry, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate) || !(rate >= 0 && rate < 1))
            throw new BackpropException($"--dropout: a rate is a number at least 0 and below 1, not '{entry}'");
        return rate;
    }
}

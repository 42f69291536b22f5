using System.Globalization;
using Backprop.Diagnostics;
using Backprop.Initialization;
using Backprop.Losses;

namespace Backprop.Cli.Commands;

/// <summary>Turns option text into values, with one-line errors that name the option.</summary>
internal static class Parse
{
    public static string[] List(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public static int[] Layers(string text)
    {
        var sizes = new List<int>();
        foreach (string part in List(text))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int units) || units < 1)
                throw new BackpropException($"--layers: '{part}' is not a layer width (give hidden layer widths as whole numbers, e.g. --layers 4,2)");
            sizes.Add(units);
        }
        return [.. sizes];
    }

    public static int? BatchSize(string text)
    {
        if (text.Equals("full", StringComparison.OrdinalIgnoreCase)) return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int size) && size >= 1) return size;
        throw new BackpropException($"--batch-size: '{text}' is neither a positive whole number nor 'full'");
    }

    public static Loss Loss(string text) => Wrap("--loss", () => Losses.Loss.Get(text));

    public static Reduction Reduction(string text) => text.ToLowerInvariant() switch
    {
        "sum" => Losses.Reduction.Sum,
        "mean" => Losses.Reduction.Mean,
        _ => throw new BackpropException($"--reduction: '{text}' is not sum or mean"),
    };

    public static Initializer Initializer(string text) => Wrap("--init", () => Initialization.Initializer.Parse(text));

    public static string Activation(string option, string text) =>
        Wrap(option, () => Activations.ActivationRegistry.Get(text).Name);

    public static Optimizers.Optimizer Optimizer(string name, double momentum, double weightDecay) =>
        Optimizers.Solvers.FullBatchSolver.Find(name) is not null ? new Optimizers.GradientDescent()
            : Wrap("--optimizer", () => Optimizers.Optimizer.Create(name, momentum, weightDecay));

    public static Training.Schedules.LearningRateSchedule Schedule(string name, double gamma, int stepSize, double minimum) =>
        Wrap("--lr-schedule", () => Training.Schedules.LearningRateSchedule.Create(name, gamma, stepSize, minimum));

    public static bool IsDouble(string text) => text.ToLowerInvariant() switch
    {
        "double" or "float64" => true,
        "float" or "single" or "float32" => false,
        _ => throw new BackpropException($"--precision: '{text}' is not double or float"),
    };

    private static T Wrap<T>(string option, Func<T> parse)
    {
        try { return parse(); }
        catch (ArgumentException e) { throw new BackpropException($"{option}: {e.Message.Split(" (Parameter")[0]}"); }
    }
}

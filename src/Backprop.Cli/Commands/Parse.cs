using System.Globalization;
using Backprop.Diagnostics;
using Backprop.Initialization;
using Backprop.Losses;
using Backprop.Training.Solvers;

namespace Backprop.Cli.Commands;

/// <summary>Turns option text into values, with one-line errors that name the option.</summary>
internal static class Parse
{
    /// <summary>
    /// An optional comma-separated list of <paramref name="option"/>: nothing given is the empty list, but an empty
    /// entry in a given list (<c>a,,b</c>, <c>a,</c>) is refused, as <see cref="Entries"/> does.
    /// </summary>
    public static string[] List(string option, string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : Entries(option, text);

    /// <summary>
    /// A comma-separated list of <paramref name="option"/> in which every entry must be given: an empty entry
    /// (<c>4,,2</c>, <c>4,</c>) or an empty list is refused rather than skipped.
    /// </summary>
    public static string[] Entries(string option, string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new BackpropException($"{option}: the list is empty");
        var entries = text.Split(',', StringSplitOptions.TrimEntries);
        for (int i = 0; i < entries.Length; i++)
            if (entries[i].Length == 0)
                throw new BackpropException($"{option}: entry {i + 1} of '{text}' is empty");
        return entries;
    }

    /// <summary>
    /// Hidden layer widths: whole numbers of at least 1 separated by commas, or <c>none</c> for a network without hidden
    /// layers (the output layer alone: linear or logistic regression). Whether the network fits in memory is checked
    /// where it is built.
    /// </summary>
    public static int[] Layers(string text)
    {
        if (text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase)) return [];
        if (string.IsNullOrWhiteSpace(text))
            throw new BackpropException("--layers: the list is empty (give hidden layer widths, e.g. --layers 4,2, or --layers none for no " +
                "hidden layer)");
        var sizes = new List<int>();
        foreach (string part in Entries("--layers", text))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int units) || units < 1)
                throw new BackpropException($"--layers: '{part}' is not a layer width (a whole number ≥ 1, e.g. --layers 4,2; --layers none for no " +
                    $"hidden layer)");
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

    /// <summary>--target's columns, or null when it is not given (the model's).</summary>
    public static string[]? Targets(string? text) => text is null ? null : List("--target", text);

    public static Loss Loss(string text) => Wrap("--loss", () => Losses.Loss.Get(text));

    /// <summary>--missing-categories: own or most-frequent.</summary>
    public static Data.Preprocessing.CategoryGaps CategoryGaps(string text) => text.ToLowerInvariant() switch
    {
        "own" => Data.Preprocessing.CategoryGaps.Own,
        "most-frequent" => Data.Preprocessing.CategoryGaps.MostFrequent,
        _ => throw new BackpropException($"--missing-categories must be own or most-frequent, not '{text}'"),
    };

    /// <summary>--monitor: loss or score.</summary>
    public static Runs.EarlyStoppingMonitor Monitor(string text) => text.ToLowerInvariant() switch
    {
        "loss" => Runs.EarlyStoppingMonitor.Loss,
        "score" => Runs.EarlyStoppingMonitor.Score,
        _ => throw new BackpropException($"--monitor must be loss or score, not '{text}'"),
    };

    /// <summary>--unknown: ignore or error.</summary>
    public static Data.Preprocessing.UnknownCategories Unknown(string text) => text.ToLowerInvariant() switch
    {
        "ignore" => Data.Preprocessing.UnknownCategories.Ignore,
        "error" => Data.Preprocessing.UnknownCategories.Error,
        _ => throw new BackpropException($"--unknown must be ignore or error, not '{text}'"),
    };

    public static Reduction Reduction(string text) => text.ToLowerInvariant() switch
    {
        "sum" => Losses.Reduction.Sum,
        "mean" => Losses.Reduction.Mean,
        _ => throw new BackpropException($"--reduction: '{text}' is not sum or mean"),
    };

    public static Initializer Initializer(string text) => Wrap("--init", () => Initialization.Initializer.Parse(text));

    /// <summary>The activations a hidden layer can train with, as `--activation` lists them.</summary>
    public static IReadOnlyList<string> HiddenActivations => Vocabulary.HiddenActivations;

    /// <summary>The optimisers and full-batch solvers `--optimizer` takes.</summary>
    public static IReadOnlyList<string> OptimizerNames => Vocabulary.Optimizers;

    /// <summary>An activation by name; <c>--activation</c> (hidden layers) offers only those a hidden layer trains with.</summary>
    public static string Activation(string option, string text)
    {
        if (option == "--activation" && !Activations.ActivationRegistry.Contains(text))
            throw new BackpropException(
                $"--activation: unknown activation '{text}' (expected one of: {string.Join(", ", HiddenActivations)})");
        string name = Wrap(option, () => Activations.ActivationRegistry.Get(text).Name);
        if (option == "--activation" && !HiddenActivations.Contains(name))
            throw new BackpropException(name == "softmax"
                ? "--activation: softmax belongs on the output layer only (give --output-activation softmax)"
                : $"--activation: the {name} activation has no gradient, so it cannot train a hidden layer " +
                  $"(expected one of: {string.Join(", ", HiddenActivations)})");
        return name;
    }

    public static Optimizers.Optimizer Optimizer(string name, double momentum, double weightDecay) =>
        FullBatchSolver.Find(name) is not null ? new Optimizers.GradientDescent()
            : OptimizerNames.Contains(name.ToLowerInvariant()) ? Wrap("--optimizer", () => Optimizers.Optimizer.Create(name, momentum, weightDecay))
            : throw new BackpropException($"--optimizer: unknown optimizer '{name}' (expected one of: {string.Join(", ", OptimizerNames)})");

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

using Backprop.Runs;
using System.Globalization;
using Backprop.Diagnostics;
using Backprop.Estimators;

namespace Backprop.ModelSelection;

/// <summary>
/// The settings a search may vary, by the names of <c>backprop train</c>'s options (without the dashes), and how a
/// value given as text sets each on an <see cref="MlpOptions"/>.
/// </summary>
internal static class SearchParameters
{
    /// <summary>The names a grid or a random search takes.</summary>
    public static readonly IReadOnlyList<string> Names = ["lr", "layers", "batch-size", "activation", "optimizer", "l2", "dropout", "epochs"];

    /// <summary>The hidden activations an estimator trains with: the registry's, a caller's own among them.</summary>
    private static IReadOnlyList<string> Activations => Backprop.Activations.ActivationRegistry.HiddenNames;

    /// <summary>The optimisers an estimator trains with: the registry's, a caller's own among them.</summary>
    private static IReadOnlyList<string> Optimizers => Backprop.Optimizers.OptimizerRegistry.Names;

    /// <summary>The one of <paramref name="names"/> that <paramref name="text"/> is, in any case, or null.</summary>
    private static string? OneOf(IReadOnlyList<string> names, string text) =>
        names.FirstOrDefault(n => n.Equals(text, StringComparison.OrdinalIgnoreCase));

    /// <summary>True for the settings that are numbers (a random search may draw them from a range).</summary>
    public static bool IsNumeric(string name) => name is "lr" or "l2" or "dropout" or "epochs" or "batch-size";

    /// <summary>True for the settings that are whole numbers (a range gives whole numbers).</summary>
    public static bool IsWhole(string name) => name is "epochs" or "batch-size";

    /// <summary>The name as the search knows it (a leading <c>--</c> is dropped), or a refusal naming the choices.</summary>
    /// <param name="setting">The setting the name was given in, for the message (<see cref="Setting.Grid"/>).</param>
    /// <param name="text">The name.</param>
    /// <exception cref="BackpropException">Not a setting a search varies.</exception>
    public static string Name(Setting setting, string text)
    {
        string name = text.Trim().TrimStart('-').ToLowerInvariant();
        if (name is "learning-rate") name = "lr";
        if (!Names.Contains(name))
            throw new BackpropException($"{setting}: '{text.Trim()}' is not an option a search can vary (expected one of: " +
                $"{string.Join(", ", Names)})");
        return name;
    }

    /// <summary><paramref name="options"/> with <paramref name="name"/> set to <paramref name="value"/>.</summary>
    /// <param name="options">The settings to change.</param>
    /// <param name="name">The setting, by its name in a search (<see cref="Names"/>).</param>
    /// <param name="value">Its value as text.</param>
    /// <param name="setting">The setting the value was given in, for the message (default <see cref="Setting.Grid"/>).</param>
    /// <exception cref="BackpropException">The value is not one that setting takes (the message names both).</exception>
    public static MlpOptions Apply(MlpOptions options, string name, string value, Setting? setting = null)
    {
        string v = value.Trim();
        setting ??= Setting.Grid;
        BackpropException Bad(string what) => new($"{setting}: {name}={v} is not {what}");
        MlpOptions Checked(Setting property, MlpOptions changed) =>
            changed.FirstBroken(property) is var (_, problem) ? throw new BackpropException($"{setting}: {name}={v}: {problem}") : changed;
        return name switch
        {
            // A number is read here; whether the setting takes it is MlpOptions' rule (MlpOptions.Rules), worded once.
            "lr" => Checked(Setting.LearningRate, options with { LearningRate = Number(v) ?? throw Bad("a number") }),
            "l2" => Checked(Setting.L2, options with { L2 = Number(v) ?? throw Bad("a number") }),
            "dropout" => Checked(Setting.Dropout, options with { Dropout = [Number(v) ?? throw Bad("a number")] }),
            "epochs" => options with { Epochs = Whole(v) is int e and >= 1 ? e : throw Bad("a number of epochs (a whole number ≥ 1)") },
            "batch-size" => Checked(Setting.BatchSize, options with
            {
                BatchSize = v.Equals("full", StringComparison.OrdinalIgnoreCase) ? null : Whole(v) ?? throw Bad("a whole number or 'full'"),
            }),
            "activation" => options with { Activations = Activations.Contains(v.ToLowerInvariant()) ? [v.ToLowerInvariant()] :
                throw Bad($"a hidden activation (one of: {string.Join(", ", Activations)})") },
            "optimizer" => options with { Optimizer = Optimizers.Contains(v.ToLowerInvariant()) ? v.ToLowerInvariant() :
                throw Bad($"an optimizer of an estimator (one of: {string.Join(", ", Optimizers)})") },
            "layers" => Checked(Setting.HiddenLayers, options with
            {
                HiddenLayers = Layers(v) ?? throw Bad("hidden layer widths (whole numbers separated by commas, e.g. 16,8, or none)"),
            }),
            _ => throw new BackpropException($"{setting}: '{name}' is not an option a search can vary (expected one of: {string.Join(", ", Names)})"),
        };
    }

    /// <summary>The value of <paramref name="name"/> in <paramref name="options"/>, as a grid would give it.</summary>
    public static string Describe(MlpOptions options, string name) => name switch
    {
        "lr" => Format(options.LearningRate),
        "l2" => Format(options.L2),
        "dropout" => Format(options.Dropout.Count > 0 ? options.Dropout[0] : 0),
        "epochs" => options.Epochs.ToString(CultureInfo.InvariantCulture),
        "batch-size" => options.BatchSize?.ToString(CultureInfo.InvariantCulture) ?? "full",
        "activation" => string.Join(",", options.Activations),
        "optimizer" => options.Optimizer,
        "layers" => options.HiddenLayers.Count == 0 ? "none" : string.Join(",", options.HiddenLayers),
        _ => throw new ArgumentException($"Unknown setting '{name}'.", nameof(name)),
    };

    internal static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    internal static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : null;

    private static int? Whole(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : null;

    private static int[]? Layers(string text)
    {
        if (text.Equals("none", StringComparison.OrdinalIgnoreCase)) return [];
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var widths = parts.Select(Whole).ToArray();
        return widths.All(w => w is not null) ? widths.Select(w => w!.Value).ToArray() : null;
    }
}

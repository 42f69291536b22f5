using System.Globalization;

namespace Backprop.Playground;

/// <summary>
/// What the learner chose: the data set and its noise, the input features, the hidden layers, and how to train. Every
/// value has a range; <see cref="Validate"/> names the first one outside it, and the server answers HTTP 400 with that line.
/// </summary>
internal sealed record PlaygroundSetup
{
    /// <summary>The largest network the playground trains: hidden layers and units per layer.</summary>
    public const int MaxLayers = 6, MaxUnits = 8;

    /// <summary>The generated data sets; an uploaded CSV is <c>upload</c>.</summary>
    public static readonly string[] DataSets = ["xor", "circle", "gaussians", "spiral", "regression", "bumps", "upload"];

    /// <summary>The generated data sets whose label is a number to fit (a regression): a plane's wave and four bumps.</summary>
    public static readonly string[] RegressionSets = ["regression", "bumps"];

    /// <summary>The input features the network may see, computed from the two coordinates.</summary>
    public static readonly string[] AllFeatures = ["x", "y", "x2", "y2", "xy", "sinx", "siny"];

    /// <summary>A feature as the page's checkboxes and drawing name it (x², x·y, sin x), for the step-through too.</summary>
    public static string Label(string feature) => feature switch
    {
        "x2" => "x²", "y2" => "y²", "xy" => "x·y", "sinx" => "sin x", "siny" => "sin y", _ => feature,
    };

    /// <summary>Hidden activations offered: the registry's (a caller's own among them), the default first.</summary>
    public static IReadOnlyList<string> Activations =>
        [.. Backprop.Activations.ActivationRegistry.HiddenNames.OrderBy(n => n == DefaultActivation ? 0 : 1)];

    /// <summary>The hidden activation a new setup starts with.</summary>
    public const string DefaultActivation = "tanh";

    public string DataSet { get; init; } = "circle";
    public IReadOnlyList<string> Features { get; init; } = ["x", "y"];
    public IReadOnlyList<int> Layers { get; init; } = [4, 2];
    public string Activation { get; init; } = DefaultActivation;
    public double LearningRate { get; init; } = 0.03;
    public int BatchSize { get; init; } = 10;
    public double L2 { get; init; }
    /// <summary>λ₁ of the L1 penalty, 0 to 10 (TensorFlow Playground's rates).</summary>
    public double L1 { get; init; }
    /// <summary>Noise as a percentage of the data's spread, 0 to 50.</summary>
    public int Noise { get; init; }
    /// <summary>The share of the points used for training, the rest for testing: 0.1 to 0.9.</summary>
    public double TrainFraction { get; init; } = 0.5;
    public ulong Seed { get; init; } = 1;
    /// <summary>The seed the points are drawn from (regenerated data), null for <see cref="Seed"/>.</summary>
    public ulong? DataSeed { get; init; }

    /// <summary>The first setting out of range, as one line; null when all are in range.</summary>
    public string? Validate()
    {
        if (DataSet is null) return $"choose a data set: one of {string.Join(", ", DataSets)}";
        if (!DataSets.Contains(DataSet)) return $"data set '{Cut(DataSet)}' is not one of {string.Join(", ", DataSets)}";
        if (Features is null || Features.Count == 0) return "choose at least one input feature";
        if (Features.Count > AllFeatures.Length) return $"{Features.Count} features is more than the {AllFeatures.Length} there are";
        foreach (var f in Features)
            if (!AllFeatures.Contains(f)) return $"feature '{Cut(f ?? "null")}' is not one of {string.Join(", ", AllFeatures)}";
        if (Features.Distinct().Count() != Features.Count) return "a feature is chosen twice";
        if (Layers is null) return $"give the hidden layers as a list of units per layer, such as [4, 2] (at most {MaxLayers} of 1 to {MaxUnits})";
        if (Layers.Count > MaxLayers) return $"{Layers.Count} hidden layers is more than the {MaxLayers} the playground trains";
        foreach (int units in Layers)
            if (units is < 1 or > MaxUnits) return $"a hidden layer of {units} units is outside 1 to {MaxUnits}";
        if (!Activations.Contains(Activation)) return $"activation '{Cut(Activation ?? "null")}' is not one of {string.Join(", ", Activations)}";
        if (!(LearningRate > 0 && LearningRate <= 10)) return $"learning rate {F(LearningRate)} is outside (0, 10]";
        if (BatchSize is < 1 or > 500) return $"batch size {BatchSize} is outside 1 to 500";
        if (!(L2 >= 0 && L2 <= 10)) return $"the L2 rate {F(L2)} is outside 0 to 10";
        if (!(L1 >= 0 && L1 <= 10)) return $"the L1 rate {F(L1)} is outside 0 to 10";
        if (Noise is < 0 or > 50) return $"noise {Noise}% is outside 0 to 50";
        if (!(TrainFraction >= 0.1 && TrainFraction <= 0.9)) return $"train fraction {F(TrainFraction)} is outside 0.1 to 0.9";
        return null;
    }

    private static string Cut(string text) => PlaygroundGuard.OneLine(text.Length <= 40 ? text : text[..40] + "…");

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}

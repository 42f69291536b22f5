using System.Globalization;

namespace Backprop.Initialization;

/// <summary>
/// How a layer's initial weights are drawn. Each weight is one draw, in the order of the
/// weight matrix (unit by unit, input by input), so the same seed gives the same bits.
/// Biases start at zero unless a model file gives them.
/// </summary>
public abstract class Initializer
{
    /// <summary>The name used on the command line, with its parameter where it has one (e.g. <c>uniform:0.12</c>).</summary>
    public abstract string Name { get; }

    /// <summary>One initial weight for a layer with <paramref name="fanIn"/> inputs and <paramref name="fanOut"/> units.</summary>
    internal abstract double Draw(Rng rng, int fanIn, int fanOut);

    /// <summary>The initialisations' names, as <c>--init</c> takes them (normal and uniform may add <c>:parameter</c>).</summary>
    public static IReadOnlyList<string> Names { get; } = ["normal", "uniform", "lecun", "glorot", "glorot-normal", "he", "he-uniform"];

    /// <summary><see cref="Names"/> as a message shows them, with the parameter normal and uniform take.</summary>
    private static IEnumerable<string> Forms => Names.Select(n => n switch { "normal" => "normal[:σ]", "uniform" => "uniform[:ε]", _ => n });

    /// <summary>
    /// Parses <c>normal[:σ]</c> (σ = 1 by default: seeds 000 and 002), <c>uniform[:ε]</c> (±ε, 0.12 by default: seed 004),
    /// <c>lecun</c> (normal, σ = 1/√fan-in: seed 003), <c>glorot</c> (Xavier uniform), <c>glorot-normal</c>, <c>he</c> (normal, σ = √(2/fan-in)),
    /// <c>he-uniform</c>.
    /// </summary>
    public static Initializer Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string[] parts = spec.Split(':', 2);
        double? parameter = null;
        if (parts.Length == 2)
        {
            if (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double p) || !double.IsFinite(p) || p <= 0)
                throw new ArgumentException($"'{parts[1]}' in '{spec}' is not a positive number", nameof(spec));
            parameter = p;
        }
        Initializer result = parts[0].ToLowerInvariant() switch
        {
            "normal" => new NormalInitializer(parameter ?? 1.0),
            "uniform" => new UniformInitializer(parameter ?? 0.12),
            "lecun" or "lecun-normal" => new FanInNormalInitializer(1.0, "lecun"),
            "he" or "he-normal" or "kaiming" => new FanInNormalInitializer(2.0, "he"),
            "glorot" or "xavier" or "glorot-uniform" => new GlorotInitializer(uniform: true),
            "glorot-normal" or "xavier-normal" => new GlorotInitializer(uniform: false),
            "he-uniform" => new HeUniformInitializer(),
            _ => throw new ArgumentException($"unknown initialisation '{spec}' (expected {string.Join(", ", Forms)})", nameof(spec)),
        };
        if (parameter is not null && result is not (NormalInitializer or UniformInitializer))
            throw new ArgumentException($"initialisation '{parts[0]}' takes no parameter", nameof(spec));
        return result;
    }

    /// <summary>
    /// The default for a layer of any activation: Glorot-uniform, as Keras and scikit-learn. Chosen by measurement
    /// (bench/defaults.py; the table is in docs/training.md): for ReLU networks it was as good as He, LeCun and
    /// He-uniform on iris, wine, admissions, the 8×8 digits and MNIST, and 0.4 points better than He on the
    /// covertype-sized table.
    /// </summary>
    public static Initializer DefaultFor(string activation)
    {
        ArgumentNullException.ThrowIfNull(activation);
        return new GlorotInitializer(uniform: true);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}

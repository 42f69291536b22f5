namespace Backprop.Initialization;

/// <summary>
/// Normal weights with σ = √(gain / fan-in): gain 1 is LeCun's (seed 003's 1/√n), gain 2 is He's for ReLU layers.
/// </summary>
internal sealed class FanInNormalInitializer(double gain, string name) : Initializer
{
    /// <summary>The numerator of the variance.</summary>
    public double Gain { get; } = gain;

    /// <inheritdoc />
    public override string Name { get; } = name;

    /// <inheritdoc />
    internal override double Draw(Rng rng, int fanIn, int fanOut) => Math.Sqrt(Gain / fanIn) * rng.NextGaussian();
}

namespace Backprop.Initialization;

/// <summary>
/// Xavier/Glorot: variance 2 / (fan-in + fan-out), uniform in ±√(6 / (fan-in + fan-out)) or normal.
/// </summary>
internal sealed class GlorotInitializer(bool uniform) : Initializer
{
    /// <summary>True for the uniform form (Keras's default), false for the normal form.</summary>
    public bool Uniform { get; } = uniform;

    /// <inheritdoc />
    public override string Name => Uniform ? "glorot" : "glorot-normal";

    /// <inheritdoc />
    internal override double Draw(Rng rng, int fanIn, int fanOut)
    {
        double variance = 2.0 / (fanIn + fanOut);
        return Uniform
            ? rng.NextUniform(-Math.Sqrt(3 * variance), Math.Sqrt(3 * variance))
            : Math.Sqrt(variance) * rng.NextGaussian();
    }
}

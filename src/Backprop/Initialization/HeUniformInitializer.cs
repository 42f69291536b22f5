namespace Backprop.Initialization;

/// <summary>He's initialisation in its uniform form: ±√(6 / fan-in).</summary>
internal sealed class HeUniformInitializer : Initializer
{
    /// <inheritdoc />
    public override string Name => "he-uniform";

    /// <inheritdoc />
    internal override double Draw(Rng rng, int fanIn, int fanOut)
    {
        double limit = Math.Sqrt(6.0 / fanIn);
        return rng.NextUniform(-limit, limit);
    }
}

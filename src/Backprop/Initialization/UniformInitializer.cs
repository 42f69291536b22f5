using System.Globalization;

namespace Backprop.Initialization;

/// <summary>Uniform weights in [−ε, ε) (seed 004 uses ε = 0.12).</summary>
internal sealed class UniformInitializer(double epsilon) : Initializer
{
    /// <summary>The half-width of the interval.</summary>
    public double Epsilon { get; } = epsilon;

    /// <inheritdoc />
    public override string Name => $"uniform:{Epsilon.ToString(CultureInfo.InvariantCulture)}";

    /// <inheritdoc />
    internal override double Draw(Rng rng, int fanIn, int fanOut) => rng.NextUniform(-Epsilon, Epsilon);
}

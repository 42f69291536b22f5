using System.Globalization;

namespace Backprop.Initialization;

/// <summary>Normal(0, σ²) weights; σ = 1 is numpy's <c>randn</c> (seeds 000 and 002).</summary>
internal sealed class NormalInitializer(double sigma) : Initializer
{
    /// <summary>The standard deviation.</summary>
    public double Sigma { get; } = sigma;

    /// <inheritdoc />
    public override string Name => $"normal:{Sigma.ToString(CultureInfo.InvariantCulture)}";

    /// <inheritdoc />
    internal override double Draw(Rng rng, int fanIn, int fanOut) => Sigma * rng.NextGaussian();
}

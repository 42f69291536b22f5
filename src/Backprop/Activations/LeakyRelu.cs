using System.Numerics;

namespace Backprop.Activations;

/// <summary>x for x &gt; 0, αx otherwise (α = 0.01 by default, as in PyTorch).</summary>
internal sealed class LeakyRelu(double slope = LeakyRelu.DefaultSlope) : ElementwiseActivation
{
    /// <summary>The slope for negative inputs unless another is given.</summary>
    public const double DefaultSlope = 0.01;

    /// <summary>α, the slope for negative inputs.</summary>
    public double Slope { get; } = slope;

    /// <inheritdoc />
    public override string Name => "leaky-relu";

    /// <inheritdoc />
    public override T Value<T>(T x) => x > T.Zero ? x : T.CreateChecked(Slope) * x;

    /// <inheritdoc />
    public override T Derivative<T>(T net, T output) => net > T.Zero ? T.One : T.CreateChecked(Slope);
}

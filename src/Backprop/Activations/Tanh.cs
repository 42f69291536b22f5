using System.Numerics;

namespace Backprop.Activations;

/// <summary>The hyperbolic tangent; tanh′ = 1 − tanh².</summary>
public sealed class Tanh : ElementwiseActivation
{
    /// <inheritdoc />
    public override string Name => "tanh";

    /// <inheritdoc />
    public override T Value<T>(T x) => T.Tanh(x);

    /// <inheritdoc />
    public override T Derivative<T>(T net, T output) => T.One - output * output;
}

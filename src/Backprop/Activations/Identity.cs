using System.Numerics;

namespace Backprop.Activations;

/// <summary>f(x) = x: the output layer of a regression network.</summary>
public sealed class Identity : ElementwiseActivation
{
    /// <inheritdoc />
    public override string Name => "identity";

    /// <inheritdoc />
    public override T Value<T>(T x) => x;

    /// <inheritdoc />
    public override T Derivative<T>(T net, T output) => T.One;
}

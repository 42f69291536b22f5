using System.Numerics;

namespace Backprop.Activations;

/// <summary>The logistic function σ(x) = 1 / (1 + e^−x); σ′ = σ(1 − σ).</summary>
public sealed class Sigmoid : ElementwiseActivation
{
    /// <inheritdoc />
    public override string Name => "sigmoid";

    /// <inheritdoc />
    public override T Value<T>(T x)
    {
        // Written so that e^x is only taken of a non-positive number: finite for any input.
        if (x >= T.Zero) return T.One / (T.One + T.Exp(-x));
        T e = T.Exp(x);
        return e / (T.One + e);
    }

    /// <inheritdoc />
    public override T Derivative<T>(T net, T output) => output * (T.One - output);
}

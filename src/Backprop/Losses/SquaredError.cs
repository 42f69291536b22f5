using System.Numerics;
using Backprop.Activations;

namespace Backprop.Losses;

/// <summary>ℓ = ½ Σₖ (tₖ − yₖ)², so ∂ℓ/∂yₖ = yₖ − tₖ and δ = (y − t) ⊙ f′(net).</summary>
public sealed class SquaredError : Loss
{
    /// <inheritdoc />
    public override string Name => "squared";

    /// <inheritdoc />
    public override T Sum<T>(ReadOnlySpan<T> net, ReadOnlySpan<T> output, ReadOnlySpan<T> target, int width, Activation outputActivation)
    {
        T sum = T.Zero;
        for (int i = 0; i < output.Length; i++)
        {
            T e = target[i] - output[i];
            sum += e * e;
        }
        return sum / T.CreateChecked(2);
    }

    /// <inheritdoc />
    public override void OutputDelta<T>(ReadOnlySpan<T> net, ReadOnlySpan<T> output, ReadOnlySpan<T> target, Span<T> delta, int width,
        Activation outputActivation)
    {
        for (int i = 0; i < output.Length; i++) delta[i] = output[i] - target[i];
        outputActivation.Backward(net, output, delta, delta, width);
    }
}

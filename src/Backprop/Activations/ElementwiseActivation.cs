using System.Numerics;

namespace Backprop.Activations;

/// <summary>An activation applied to each unit on its own: out = f(net), ∂out/∂net = f′(net).</summary>
public abstract class ElementwiseActivation : Activation
{
    /// <summary>f(x).</summary>
    public abstract T Value<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>f′ at <paramref name="net"/>, given <paramref name="output"/> = f(net) (sigmoid and tanh are cheaper from the output).</summary>
    public abstract T Derivative<T>(T net, T output) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <inheritdoc />
    public override void Forward<T>(ReadOnlySpan<T> net, Span<T> output, int width)
    {
        for (int i = 0; i < net.Length; i++) output[i] = Value(net[i]);
    }

    /// <inheritdoc />
    public override void Backward<T>(ReadOnlySpan<T> net, ReadOnlySpan<T> output, ReadOnlySpan<T> dOutput, Span<T> dNet, int width)
    {
        for (int i = 0; i < net.Length; i++) dNet[i] = Derivative(net[i], output[i]) * dOutput[i];
    }
}

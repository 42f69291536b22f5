using System.Numerics;
using System.Numerics.Tensors;

namespace Backprop.Activations;

/// <summary>The hyperbolic tangent; tanh′ = 1 − tanh².</summary>
internal sealed class Tanh : ElementwiseActivation
{
    /// <inheritdoc />
    public override string Name => "tanh";

    /// <inheritdoc />
    public override T Value<T>(T x) => T.Tanh(x);

    /// <inheritdoc />
    public override T Derivative<T>(T net, T output) => T.One - output * output;

    /// <inheritdoc />
    public override void Forward<T>(ReadOnlySpan<T> net, Span<T> output, int width) => TensorPrimitives.Tanh(net, output);

    /// <inheritdoc />
    public override void Backward<T>(ReadOnlySpan<T> net, ReadOnlySpan<T> output, ReadOnlySpan<T> dOutput, Span<T> dNet, int width)
    {
        int w = Vector<T>.Count, i = 0;
        for (; i + w <= net.Length; i += w)
        {
            var y = new Vector<T>(output[i..]);
            ((Vector<T>.One - y * y) * new Vector<T>(dOutput[i..])).CopyTo(dNet[i..]);
        }
        for (; i < net.Length; i++) dNet[i] = (T.One - output[i] * output[i]) * dOutput[i];
    }
}

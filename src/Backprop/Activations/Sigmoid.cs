using System.Numerics;
using System.Numerics.Tensors;

namespace Backprop.Activations;

/// <summary>The logistic function σ(x) = 1 / (1 + e^−x); σ′ = σ(1 − σ).</summary>
internal sealed class Sigmoid : ElementwiseActivation
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

    /// <inheritdoc />
    public override void Forward<T>(ReadOnlySpan<T> net, Span<T> output, int width)
    {
        if (!net.IsEmpty) TensorPrimitives.Sigmoid(net, output); // TensorPrimitives.Sigmoid refuses empty spans
    }

    /// <inheritdoc />
    public override void Backward<T>(ReadOnlySpan<T> net, ReadOnlySpan<T> output, ReadOnlySpan<T> dOutput, Span<T> dNet, int width)
    {
        int w = Vector<T>.Count, i = 0;
        for (; i + w <= net.Length; i += w)
        {
            var y = new Vector<T>(output[i..]);
            (y * (Vector<T>.One - y) * new Vector<T>(dOutput[i..])).CopyTo(dNet[i..]);
        }
        for (; i < net.Length; i++) dNet[i] = output[i] * (T.One - output[i]) * dOutput[i];
    }
}

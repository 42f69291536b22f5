using System.Numerics;
using System.Numerics.Tensors;

namespace Backprop.Activations;

/// <summary>The rectified linear unit max(x, 0). Its derivative at 0 is taken as 0, as in PyTorch and scikit-learn.</summary>
internal sealed class Relu : ElementwiseActivation
{
    /// <inheritdoc />
    public override string Name => "relu";

    /// <inheritdoc />
    public override T Value<T>(T x) => x > T.Zero ? x : T.Zero;

    /// <inheritdoc />
    public override T Derivative<T>(T net, T output) => net > T.Zero ? T.One : T.Zero;

    /// <inheritdoc />
    public override void Forward<T>(ReadOnlySpan<T> net, Span<T> output, int width) => TensorPrimitives.Max(net, T.Zero, output);

    /// <inheritdoc />
    public override void Backward<T>(ReadOnlySpan<T> net, ReadOnlySpan<T> output, ReadOnlySpan<T> dOutput, Span<T> dNet, int width)
    {
        int w = Vector<T>.Count, i = 0;
        for (; i + w <= net.Length; i += w)
            Vector.ConditionalSelect(Vector.GreaterThan(new Vector<T>(net[i..]), Vector<T>.Zero), new Vector<T>(dOutput[i..]), Vector<T>.Zero)
                .CopyTo(dNet[i..]);
        for (; i < net.Length; i++) dNet[i] = net[i] > T.Zero ? dOutput[i] : T.Zero;
    }
}

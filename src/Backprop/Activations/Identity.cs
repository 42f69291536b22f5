using System.Numerics;

namespace Backprop.Activations;

/// <summary>f(x) = x: the output layer of a regression network.</summary>
internal sealed class Identity : ElementwiseActivation
{
    /// <inheritdoc />
    public override string Name => "identity";

    /// <inheritdoc />
    public override T Value<T>(T x) => x;

    /// <inheritdoc />
    public override T Derivative<T>(T net, T output) => T.One;

    /// <inheritdoc />
    public override void Forward<T>(ReadOnlySpan<T> net, Span<T> output, int width) => net.CopyTo(output);

    /// <inheritdoc />
    public override void Backward<T>(ReadOnlySpan<T> net, ReadOnlySpan<T> output, ReadOnlySpan<T> dOutput, Span<T> dNet, int width) =>
        dOutput.CopyTo(dNet);
}

using System.Numerics;

namespace Backprop.Activations;

/// <summary>The rectified linear unit max(x, 0). Its derivative at 0 is taken as 0, as in PyTorch and scikit-learn.</summary>
public sealed class Relu : ElementwiseActivation
{
    /// <inheritdoc />
    public override string Name => "relu";

    /// <inheritdoc />
    public override T Value<T>(T x) => x > T.Zero ? x : T.Zero;

    /// <inheritdoc />
    public override T Derivative<T>(T net, T output) => net > T.Zero ? T.One : T.Zero;
}

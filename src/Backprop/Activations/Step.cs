using System.Numerics;

namespace Backprop.Activations;

/// <summary>
/// The perceptron's threshold unit: 1 when net ≥ 0, else 0. Forward only: its derivative is 0
/// almost everywhere, so backpropagation cannot train through it and the trainer refuses.
/// </summary>
internal sealed class Step : ElementwiseActivation
{
    /// <inheritdoc />
    public override string Name => "step";

    /// <inheritdoc />
    public override bool IsDifferentiable => false;

    /// <inheritdoc />
    public override T Value<T>(T x) => x >= T.Zero ? T.One : T.Zero;

    /// <inheritdoc />
    public override T Derivative<T>(T net, T output) =>
        throw new InvalidOperationException("The step function has no derivative to backpropagate through.");
}

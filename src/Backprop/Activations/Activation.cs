using System.Numerics;

namespace Backprop.Activations;

/// <summary>
/// A layer's activation function out = f(net), applied to a batch (one sample per row of
/// <c>width</c> units), and its backward step δ = f′(net) ⊙ ∂E/∂out.
/// </summary>
public abstract class Activation
{
    /// <summary>The name used on the command line and in model files, e.g. <c>"sigmoid"</c>.</summary>
    public abstract string Name { get; }

    /// <summary>False for the perceptron's step function: it has no useful derivative, so training through it is refused.</summary>
    public virtual bool IsDifferentiable => true;

    /// <summary>output = f(net) for every unit of every sample.</summary>
    public abstract void Forward<T>(ReadOnlySpan<T> net, Span<T> output, int width) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>
    /// ∂E/∂net from ∂E/∂out: f′(net) ⊙ dOutput for elementwise functions, the Jacobian-vector product per sample for softmax.
    /// <paramref name="dNet"/> may be the same span as <paramref name="dOutput"/>.
    /// </summary>
    public abstract void Backward<T>(ReadOnlySpan<T> net, ReadOnlySpan<T> output, ReadOnlySpan<T> dOutput, Span<T> dNet, int width)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>The activation registered under <paramref name="name"/>; see <see cref="ActivationRegistry"/>.</summary>
    public static Activation Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ActivationRegistry.Get(name);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}

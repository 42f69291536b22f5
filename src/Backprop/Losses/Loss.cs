using System.Numerics;
using Backprop.Activations;

namespace Backprop.Losses;

/// <summary>
/// A per-sample loss ℓ(y, t) and its gradient with respect to the output layer's net input,
/// δ = ∂ℓ/∂net, for a batch of samples (one per row of <c>width</c> outputs).
/// Reduction and the L2 penalty are applied by <see cref="Training.Objective"/>, not here.
/// </summary>
public abstract class Loss
{
    /// <summary>The name used on the command line and in model files.</summary>
    public abstract string Name { get; }

    /// <summary>Why this loss cannot follow <paramref name="outputActivation"/>, or null when it can.</summary>
    public virtual string? Incompatibility(Activation outputActivation, int outputs)
    {
        ArgumentNullException.ThrowIfNull(outputActivation);
        return null;
    }

    /// <summary>Σ over the batch's samples of ℓ(yᵢ, tᵢ).</summary>
    public abstract T Sum<T>(ReadOnlySpan<T> net, ReadOnlySpan<T> output, ReadOnlySpan<T> target, int width, Activation outputActivation)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>δ = ∂ℓ/∂net for every output of every sample, before any reduction.</summary>
    public abstract void OutputDelta<T>(ReadOnlySpan<T> net, ReadOnlySpan<T> output, ReadOnlySpan<T> target, Span<T> delta, int width,
        Activation outputActivation)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>The loss registered under <paramref name="name"/> (<c>squared</c>, <c>cross-entropy</c>, or one of
    /// <see cref="LossRegistry"/>'s).</summary>
    public static Loss Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return LossRegistry.Get(name);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}

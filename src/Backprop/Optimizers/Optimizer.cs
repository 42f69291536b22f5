using System.Numerics;
using Backprop.Layers;

namespace Backprop.Optimizers;

/// <summary>
/// Turns gradients into a parameter update. An optimiser owns whatever state it keeps per parameter
/// (velocities, moments), so one instance serves one network.
/// </summary>
public abstract class Optimizer
{
    /// <summary>The name used on the command line and in model files.</summary>
    public abstract string Name { get; }

    /// <summary>Updates every trainable parameter from its <see cref="Parameter{T}.Gradient"/>, all from the same gradient evaluation.</summary>
    public abstract void Step<T>(IReadOnlyList<Parameter<T>> parameters, double learningRate) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <inheritdoc />
    public override string ToString() => Name;
}

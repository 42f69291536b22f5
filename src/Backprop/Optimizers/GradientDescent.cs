using System.Numerics;
using System.Numerics.Tensors;
using Backprop.Layers;

namespace Backprop.Optimizers;

/// <summary>Plain gradient descent: θ ← θ − η · ∂E/∂θ.</summary>
public sealed class GradientDescent : Optimizer
{
    /// <inheritdoc />
    public override string Name => "gd";

    /// <inheritdoc />
    public override void Step<T>(IReadOnlyList<Parameter<T>> parameters, double learningRate)
    {
        T step = -T.CreateChecked(learningRate);
        foreach (var p in parameters)
            if (p.Trainable) TensorPrimitives.MultiplyAdd<T>(p.Gradient, step, p.Values, p.Values);
    }
}

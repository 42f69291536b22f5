using System.Numerics.Tensors;
using Backprop.Layers;

namespace Backprop.Optimizers;

/// <summary>Plain gradient descent: θ ← θ − η · ∂E/∂θ.</summary>
public sealed class GradientDescent : Optimizer
{
    /// <inheritdoc />
    public override string Name => "gd";

    /// <inheritdoc />
    protected override void Update<T>(Parameter<T> parameter, int index, double learningRate) =>
        TensorPrimitives.MultiplyAdd<T>(parameter.Gradient, -T.CreateChecked(learningRate), parameter.Values, parameter.Values);
}

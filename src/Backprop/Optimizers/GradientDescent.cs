using System.Numerics.Tensors;
using Backprop.Layers;

namespace Backprop.Optimizers;

/// <summary>Plain gradient descent: θ ← θ − η · ∂E/∂θ.</summary>
public sealed class GradientDescent : Optimizer
{
    /// <inheritdoc />
    public override string Name => "gd";

    /// <inheritdoc />
    protected override void Update<T>(Parameter<T> parameter, int index, double learningRate, int start, int end)
    {
        var values = parameter.Values.AsSpan(start, end - start);
        TensorPrimitives.MultiplyAdd<T>(parameter.Gradient.AsSpan(start, end - start), -T.CreateChecked(learningRate), values, values);
    }
}

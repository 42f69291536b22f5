using System.Numerics;
using System.Numerics.Tensors;

namespace Backprop.Activations;

/// <summary>
/// softmax(net)ₖ = e^netₖ / Σⱼ e^netⱼ over the units of one sample; for an output layer.
/// The maximum is subtracted first, so inputs of ±1000 stay finite.
/// </summary>
internal sealed class Softmax : Activation
{
    /// <inheritdoc />
    public override string Name => "softmax";

    /// <inheritdoc />
    public override void Forward<T>(ReadOnlySpan<T> net, Span<T> output, int width)
    {
        for (int start = 0; start < net.Length; start += width)
        {
            var z = net.Slice(start, width);
            var y = output.Slice(start, width);
            T max = TensorPrimitives.Max(z);
            T sum = T.Zero;
            for (int k = 0; k < width; k++) { y[k] = T.Exp(z[k] - max); sum += y[k]; }
            for (int k = 0; k < width; k++) y[k] /= sum;
        }
    }

    /// <inheritdoc />
    public override void Backward<T>(ReadOnlySpan<T> net, ReadOnlySpan<T> output, ReadOnlySpan<T> dOutput, Span<T> dNet, int width)
    {
        // ∂E/∂netₖ = yₖ (∂E/∂yₖ − Σⱼ yⱼ ∂E/∂yⱼ)
        for (int start = 0; start < net.Length; start += width)
        {
            var y = output.Slice(start, width);
            var g = dOutput.Slice(start, width);
            T dot = T.Zero;
            for (int k = 0; k < width; k++) dot += y[k] * g[k];
            var d = dNet.Slice(start, width);
            for (int k = 0; k < width; k++) d[k] = y[k] * (g[k] - dot);
        }
    }
}

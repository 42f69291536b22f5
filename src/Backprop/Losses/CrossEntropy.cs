using System.Numerics;
using System.Numerics.Tensors;
using Backprop.Activations;

namespace Backprop.Losses;

/// <summary>
/// Cross-entropy on probabilities from the output layer:
/// after softmax, ℓ = −Σₖ tₖ log yₖ (one-hot targets);
/// after sigmoid, ℓ = −Σₖ [tₖ log yₖ + (1 − tₖ) log(1 − yₖ)] (0/1 targets per output, as in seed 004).
/// Either way δ = y − t: the activation's derivative cancels, so the delta is fused.
/// Values are computed from the net input in log space, so they stay finite for nets of ±1000.
/// </summary>
public sealed class CrossEntropy : Loss
{
    /// <inheritdoc />
    public override string Name => "cross-entropy";

    /// <inheritdoc />
    public override string? Incompatibility(Activation outputActivation, int outputs)
    {
        ArgumentNullException.ThrowIfNull(outputActivation);
        return outputActivation switch
    {
        Sigmoid => null,
        Softmax when outputs >= 2 => null,
        Softmax => "a softmax output layer needs at least 2 units (use sigmoid for one 0/1 output)",
        _ => $"cross-entropy needs a sigmoid or softmax output layer, not {outputActivation.Name}",
    };
    }

    /// <inheritdoc />
    public override T Sum<T>(ReadOnlySpan<T> net, ReadOnlySpan<T> output, ReadOnlySpan<T> target, int width, Activation outputActivation)
    {
        T sum = T.Zero;
        if (outputActivation is Softmax)
        {
            for (int start = 0; start < net.Length; start += width)
            {
                var z = net.Slice(start, width);
                var t = target.Slice(start, width);
                T max = TensorPrimitives.Max(z);
                T expSum = T.Zero;
                for (int k = 0; k < width; k++) expSum += T.Exp(z[k] - max);
                T logNormalizer = max + T.Log(expSum);
                // log yₖ = zₖ − log Σⱼ e^zⱼ
                for (int k = 0; k < width; k++)
                    if (t[k] != T.Zero) sum -= t[k] * (z[k] - logNormalizer);
            }
        }
        else
        {
            // −[t log σ(z) + (1 − t) log(1 − σ(z))] = max(z, 0) − t·z + log(1 + e^−|z|)
            for (int i = 0; i < net.Length; i++)
            {
                T z = net[i];
                sum += T.Max(z, T.Zero) - target[i] * z + T.LogP1(T.Exp(-T.Abs(z)));
            }
        }
        return sum;
    }

    /// <inheritdoc />
    public override void OutputDelta<T>(ReadOnlySpan<T> net, ReadOnlySpan<T> output, ReadOnlySpan<T> target, Span<T> delta, int width,
        Activation outputActivation)
    {
        TensorPrimitives.Subtract(output, target, delta);
    }
}

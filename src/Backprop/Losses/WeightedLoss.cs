using System.Numerics;
using Backprop.Activations;

namespace Backprop.Losses;

/// <summary>
/// A loss weighted per sample: Σᵢ wᵢ ℓ(yᵢ, tᵢ) and its deltas wᵢ δᵢ, for <see cref="Training.Objective"/> when a batch
/// carries weights (class weights, sample weights or both). With mean reduction the objective divides by the batch's
/// Σᵢ wᵢ instead of its row count, as scikit-learn does with <c>sample_weight</c>; a row of weight 2 counts as the row
/// twice. Nothing here allocates.
/// </summary>
internal static class WeightedLoss
{
    /// <summary>Σᵢ wᵢ ℓᵢ over the rows of the batch, each row <paramref name="width"/> outputs wide.</summary>
    public static T Sum<T>(Loss loss, ReadOnlySpan<T> net, ReadOnlySpan<T> output, ReadOnlySpan<T> target, ReadOnlySpan<T> weights, int width,
        Activation outputActivation)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        int rows = output.Length / width;
        for (int i = 0, at = 0; i < rows; i++, at += width)
        {
            if (weights[i] == T.Zero) continue;
            sum += weights[i] * loss.Sum(net.Slice(at, width), output.Slice(at, width), target.Slice(at, width), width, outputActivation);
        }
        return sum;
    }

    /// <summary>Multiplies every delta of row i by wᵢ.</summary>
    public static void ScaleRows<T>(Span<T> delta, ReadOnlySpan<T> weights, int width) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = delta.Length / width;
        for (int i = 0, at = 0; i < rows; i++, at += width)
        {
            T w = weights[i];
            if (w == T.One) continue;
            var row = delta.Slice(at, width);
            for (int k = 0; k < width; k++) row[k] *= w;
        }
    }

    /// <summary>
    /// What a batch of <paramref name="rows"/> rows counts as: Σᵢ wᵢ, or the row count when the weights are all 0 (such a
    /// batch adds nothing to the loss and its gradient but the penalty, which it spreads over its rows).
    /// </summary>
    public static T Count<T>(ReadOnlySpan<T> weights, int rows) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double total = 0; // in double, so that a long column of float weights sums without drift
        for (int i = 0; i < rows; i++) total += double.CreateChecked(weights[i]);
        return T.CreateChecked(total > 0 ? total : rows);
    }

    /// <summary>ℓᵢ for every row of (<paramref name="inputs"/>, <paramref name="targets"/>), into <paramref name="destination"/>: for a weighted loss
    /// made after the rows are all seen (balanced class weights of evaluated data).</summary>
    public static void PerRow<T>(Layers.Network<T> network, Layers.Workspace<T> workspace, Tensors.Matrix<T> inputs, Tensors.Matrix<T> targets,
        Loss loss, Span<double> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var output = workspace.Forward(inputs).Span;
        int last = network.Layers.Count - 1;
        var net = workspace.Net(last).Span;
        int width = network.Layers[last].Units;
        var t = targets.Span;
        var activation = network.Layers[last].Activation;
        for (int i = 0, at = 0; i < inputs.Rows; i++, at += width)
            destination[i] = double.CreateChecked(loss.Sum(net.Slice(at, width), output.Slice(at, width), t.Slice(at, width), width, activation));
    }

    /// <summary>Σᵢ wᵢ ℓᵢ, divided by Σᵢ wᵢ for <see cref="Reduction.Mean"/>, of per-row losses and weights (every weight 1 when
    /// <paramref name="weights"/> is null).</summary>
    public static double Reduce(ReadOnlySpan<double> losses, ReadOnlySpan<double> weights, Reduction reduction)
    {
        double sum = 0, total = 0;
        for (int i = 0; i < losses.Length; i++)
        {
            double w = weights.IsEmpty ? 1 : weights[i];
            if (w != 0) sum += w * losses[i];
            total += w;
        }
        return reduction == Reduction.Mean ? sum / (total > 0 ? total : losses.Length) : sum;
    }
}

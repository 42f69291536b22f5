using System.Numerics;
using Backprop.Activations;
using Backprop.Tensors;

namespace Backprop.Metrics;

/// <summary>Measures for networks whose outputs are class probabilities.</summary>
public static class ClassificationMetrics
{
    /// <summary>
    /// True when accuracy means something: the output layer gives probabilities or classes (sigmoid, softmax, step)
    /// and every target is 0 or 1.
    /// </summary>
    public static bool IsClassification<T>(Activation outputActivation, Matrix<T> targets) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(outputActivation);
        ArgumentNullException.ThrowIfNull(targets);
        if (outputActivation is not (Sigmoid or Softmax or Step)) return false;
        foreach (var t in targets.Span)
            if (t != T.Zero && t != T.One) return false;
        return true;
    }

    /// <summary>
    /// The fraction of samples classified right: with one output, y ≥ 0.5 against t = 1;
    /// with several, the largest output against the largest target (one-hot).
    /// </summary>
    public static double Accuracy<T>(Matrix<T> outputs, Matrix<T> targets) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (outputs.Rows != targets.Rows || outputs.Columns != targets.Columns)
            throw new ArgumentException("Outputs and targets differ in shape.", nameof(targets));
        if (outputs.Rows == 0) return double.NaN;
        T half = T.CreateChecked(0.5);
        int right = 0;
        for (int r = 0; r < outputs.Rows; r++)
        {
            bool correct = outputs.Columns == 1
                ? (outputs[r, 0] >= half) == (targets[r, 0] >= half)
                : ArgMax(outputs.Row(r)) == ArgMax(targets.Row(r));
            if (correct) right++;
        }
        return (double)right / outputs.Rows;
    }

    /// <summary>The index of the largest value (the first, on ties).</summary>
    public static int ArgMax<T>(ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}

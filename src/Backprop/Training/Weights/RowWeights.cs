using System.Numerics;
using Backprop.Diagnostics;
using Backprop.Tensors;

namespace Backprop.Training.Weights;

/// <summary>
/// The weight of every row in the loss: its sample weight times its class's weight (either may be absent), as one
/// column the batches gather alongside the targets.
/// </summary>
public static class RowWeights
{
    /// <summary>
    /// wᵢ = sᵢ · c[class of row i] for the rows of <paramref name="targets"/>, or null when there are neither sample
    /// weights nor class weights (the unweighted loss, bit for bit as before).
    /// </summary>
    /// <exception cref="TrainingException">The weights do not fit the data, are negative or not finite, or sum to 0.</exception>
    public static Matrix<T>? Of<T>(Matrix<T> targets, IReadOnlyList<double>? sampleWeights, IReadOnlyList<double>? classWeights, string what = "training")
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (sampleWeights is null && classWeights is null) return null;
        int n = targets.Rows;
        if (sampleWeights is not null && sampleWeights.Count != n)
            throw new TrainingException($"there are {sampleWeights.Count} {what} sample weights for {n} rows");
        int classes = targets.Columns == 1 ? 2 : targets.Columns;
        if (classWeights is not null && classWeights.Count != classes)
            throw new TrainingException($"there are {classWeights.Count} class weights but the targets have {classes} classes");
        var weights = new Matrix<T>(n, 1);
        double total = 0;
        for (int r = 0; r < n; r++)
        {
            double w = sampleWeights?[r] ?? 1;
            if (classWeights is not null) w *= classWeights[ClassOf(targets.Row(r), classes)];
            if (!(w >= 0) || !double.IsFinite(w)) throw new TrainingException($"the weight of {what} row {r + 1} is {w}: weights must be finite numbers ≥ 0");
            weights[r, 0] = T.CreateChecked(w);
            total += w;
        }
        if (n > 0 && !(total > 0)) throw new TrainingException($"the {what} rows' weights sum to 0: there is nothing to learn from");
        return weights;
    }

    /// <summary>The class of one encoded target row: the largest of a one-hot row, or for one 0/1 output whether it reaches 0.5.</summary>
    public static int ClassOf<T>(ReadOnlySpan<T> target, int classes) where T : unmanaged, IFloatingPointIeee754<T> =>
        target.Length == 1 ? (target[0] >= T.CreateChecked(0.5) ? 1 : 0) : Metrics.ClassificationMetrics.ArgMax(target);
}

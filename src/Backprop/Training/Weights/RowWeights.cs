using System.Numerics;
using Backprop.Data.Rows;
using Backprop.Diagnostics;
using Backprop.Tensors;

namespace Backprop.Training.Weights;

/// <summary>
/// The weight of every row in the loss: its sample weight times its class's weight (either may be absent), as one
/// column the batches gather alongside the targets.
/// </summary>
internal static class RowWeights
{
    /// <summary>
    /// wᵢ = sᵢ · c[class of row i] for the rows of <paramref name="targets"/>, or null when there are neither sample
    /// weights nor class weights (the unweighted loss, bit for bit as before).
    /// </summary>
    /// <exception cref="TrainingException">The weights do not fit the data, are negative or not finite, or sum to 0.</exception>
    public static Matrix<T>? Of<T>(Matrix<T> targets, IReadOnlyList<double>? sampleWeights, IReadOnlyList<double>? classWeights,
        string what = "training")
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
            if (!(w >= 0) || !double.IsFinite(w))
                throw new TrainingException($"the weight of {what} row {r + 1} is {w}: weights must be finite numbers ≥ 0");
            weights[r, 0] = T.CreateChecked(w);
            total += w;
        }
        if (n > 0 && !(total > 0)) throw new TrainingException($"the {what} rows' weights sum to 0: there is nothing to learn from");
        return weights;
    }

    /// <summary>
    /// <see cref="Of{T}(Matrix{T}, IReadOnlyList{double}?, IReadOnlyList{double}?, string)"/> for the rows of
    /// <paramref name="data"/>, in memory or on disk (read a block of rows at a time when class weights need the targets).
    /// </summary>
    public static Matrix<T>? Of<T>(IRowSource<T> data, IReadOnlyList<double>? sampleWeights, IReadOnlyList<double>? classWeights,
        string what = "training")
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (data is MatrixRows<T> m) return Of(m.Targets, sampleWeights, classWeights, what);
        if (sampleWeights is null && classWeights is null) return null;
        if (classWeights is null) return Of(new Matrix<T>(data.Count, 0), sampleWeights, null, what);
        // One target column per class (or one 0/1 column) is all the class needs: gather the targets alone, a block at a time.
        const int block = 4096;
        var targets = new Matrix<T>(data.Count, data.TargetCount);
        int rows = Math.Min(block, data.Count);
        var x = new Matrix<T>(rows, data.FeatureCount);
        var t = new Matrix<T>(rows, data.TargetCount);
        for (int start = 0; start < data.Count; start += block)
        {
            int count = Math.Min(block, data.Count - start);
            data.Copy(start, count, x, t);
            t.Span.CopyTo(targets.Data.AsSpan(start * data.TargetCount, count * data.TargetCount));
        }
        return Of(targets, sampleWeights, classWeights, what);
    }

    /// <summary>The class of one encoded target row: the largest of a one-hot row, or for one 0/1 output whether it reaches 0.5.</summary>
    public static int ClassOf<T>(ReadOnlySpan<T> target, int classes) where T : unmanaged, IFloatingPointIeee754<T> =>
        target.Length == 1 ? (target[0] >= T.CreateChecked(0.5) ? 1 : 0) : Metrics.ClassificationMetrics.ArgMax(target);
}

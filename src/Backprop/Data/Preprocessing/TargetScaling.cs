using System.Numerics;
using Backprop.Data.Rows;
using Backprop.Tensors;

namespace Backprop.Data.Preprocessing;

/// <summary>
/// A regression target standardised for training, as scikit-learn's <c>TransformedTargetRegressor(StandardScaler())</c>
/// does: the mean and the (population) standard deviation of each target over the training rows, weighted when the rows
/// are, in double; the network is trained on (y − mean) / scale and its outputs are turned back with y = z · scale + mean.
/// </summary>
internal static class TargetScaling
{
    /// <summary>
    /// <paramref name="target"/> with the mean and scale of <paramref name="rows"/>' targets (<paramref name="weights"/>
    /// per row, or null for equal weights); a target whose rows all weigh 0 or that holds one value keeps scale 1.
    /// </summary>
    public static TargetEncoding Fit<T>(TargetEncoding target, IRowSource<T> rows, IReadOnlyList<double>? weights)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = rows.TargetCount;
        var sum = new double[k];
        double total = 0;
        // Two passes (the mean, then the squared deviations from it): exact for a target far from 0, where one pass of
        // sums of squares would cancel.
        Visit(rows, (r, t) =>
        {
            double w = weights?[r] ?? 1;
            total += w;
            for (int j = 0; j < k; j++) sum[j] += w * double.CreateChecked(t[j]);
        });
        if (!(total > 0)) return target;
        var mean = sum.Select(s => s / total).ToArray();
        var squares = new double[k];
        Visit(rows, (r, t) =>
        {
            double w = weights?[r] ?? 1;
            for (int j = 0; j < k; j++)
            {
                double d = double.CreateChecked(t[j]) - mean[j];
                squares[j] += w * d * d;
            }
        });
        var scale = squares.Select(q => Math.Sqrt(q / total)).Select(s => s > 0 && double.IsFinite(s) ? s : 1).ToArray();
        return target with { Mean = mean, Scale = scale };
    }

    /// <summary>Network outputs (standardised targets) turned back into targets in place: z · scale + mean, column by column.</summary>
    public static void Restore<T>(TargetEncoding? target, Matrix<T> outputs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (target?.Mean is not { } mean || target.Scale is not { } scale) return;
        int k = outputs.Columns;
        var span = outputs.Span;
        for (int i = 0; i < span.Length; i++)
            span[i] = T.CreateTruncating(double.CreateChecked(span[i]) * scale[i % k] + mean[i % k]);
    }

    /// <summary>Targets standardised in place: (y − mean) / scale, column by column.</summary>
    public static void Standardize<T>(TargetEncoding? target, Matrix<T> targets) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (target?.Mean is not { } mean || target.Scale is not { } scale) return;
        int k = targets.Columns;
        var span = targets.Span;
        for (int i = 0; i < span.Length; i++)
            span[i] = T.CreateTruncating((double.CreateChecked(span[i]) - mean[i % k]) / scale[i % k]);
    }

    /// <summary><paramref name="rows"/> as the network trains on them: their targets standardised (the rows themselves when the target is
    /// not).</summary>
    public static IRowSource<T> Standardized<T>(TargetEncoding target, IRowSource<T> rows) where T : unmanaged, IFloatingPointIeee754<T> =>
        target.Mean is null ? rows
        : rows is MatrixRows<T> m ? new MatrixRows<T>(m.Features, Standardized(target, m.Targets)) // a copy: the data set keeps y
        : new StandardizedRows<T>(rows, target);

    /// <summary>A standardised copy of <paramref name="targets"/>.</summary>
    public static Matrix<T> Standardized<T>(TargetEncoding target, Matrix<T> targets) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var copy = targets.Clone();
        Standardize(target, copy);
        return copy;
    }

    private static void Visit<T>(IRowSource<T> rows, Action<int, ReadOnlySpan<T>> visit) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int Block = 4096;
        int n = rows.Count;
        if (n == 0) return;
        var x = new Matrix<T>(Math.Min(Block, n), rows.FeatureCount);
        var t = new Matrix<T>(Math.Min(Block, n), rows.TargetCount);
        for (int start = 0; start < n; start += Block)
        {
            rows.Copy(start, Math.Min(Block, n - start), x, t);
            for (int r = 0; r < t.Rows; r++) visit(start + r, t.Row(r));
        }
    }

    private sealed class StandardizedRows<T>(IRowSource<T> rows, TargetEncoding target) : IRowSource<T> where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        public int Count => rows.Count;

        public int FeatureCount => rows.FeatureCount;

        public int TargetCount => rows.TargetCount;

        public void Gather(ReadOnlySpan<int> indices, Matrix<T> features, Matrix<T> targets)
        {
            rows.Gather(indices, features, targets);
            Standardize(target, targets);
        }

        public void Copy(int start, int count, Matrix<T> features, Matrix<T> targets)
        {
            rows.Copy(start, count, features, targets);
            Standardize(target, targets);
        }
    }
}

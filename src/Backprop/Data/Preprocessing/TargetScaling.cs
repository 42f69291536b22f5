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
        var exponent = new int[k];
        var largest = new double[k];
        double total = 0;
        // Three passes: the largest magnitude, then the mean, then the squared deviations from it (exact for a target far
        // from 0, where one pass of sums of squares would cancel). Each value is first divided by a power of two near the
        // largest magnitude (exactly), so that targets near 1e308 give a finite mean and scale instead of overflowing.
        Visit(rows, (_, t) =>
        {
            for (int j = 0; j < k; j++) largest[j] = Math.Max(largest[j], Math.Abs(double.CreateChecked(t[j])));
        });
        for (int j = 0; j < k; j++) exponent[j] = largest[j] > 0 ? Math.ILogB(largest[j]) + 1 : 0;
        Visit(rows, (r, t) =>
        {
            double w = weights?[r] ?? 1;
            total += w;
            for (int j = 0; j < k; j++) sum[j] += w * Math.ScaleB(double.CreateChecked(t[j]), -exponent[j]);
        });
        if (!(total > 0)) return target;
        var reduced = sum.Select(s => s / total).ToArray();
        var squares = new double[k];
        Visit(rows, (r, t) =>
        {
            double w = weights?[r] ?? 1;
            for (int j = 0; j < k; j++)
            {
                double d = Math.ScaleB(double.CreateChecked(t[j]), -exponent[j]) - reduced[j];
                squares[j] += w * d * d;
            }
        });
        var mean = reduced.Select((m, j) => Math.ScaleB(m, exponent[j])).ToArray();
        var scale = squares.Select((q, j) => Math.ScaleB(Math.Sqrt(q / total), exponent[j])).Select(s => s > 0 && double.IsNormal(s) ? s : 1)
            .ToArray();
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

    /// <summary>Calls <paramref name="visit"/> with each row's number and targets, a block of rows at a time.</summary>
    internal static void Visit<T>(IRowSource<T> rows, Action<int, ReadOnlySpan<T>> visit) where T : unmanaged, IFloatingPointIeee754<T>
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

using System.Numerics;
using Backprop.Activations;
using Backprop.Data.Rows;
using Backprop.Layers;
using Backprop.Metrics;
using Backprop.Tensors;

namespace Backprop.Training;

/// <summary>The held-out measures of <see cref="Trainer"/>: a block of rows at a time, so that their buffers are those of one block wherever the rows
/// are.</summary>
internal static class RowMeasures
{
    /// <summary>Rows per block.</summary>
    private const int Block = 4096;

    /// <summary>As <see cref="ClassificationMetrics.IsClassification{T}"/>: a sigmoid, softmax or step output and targets all 0 or 1.</summary>
    public static bool IsClassification<T>(Activation output, IRowSource<T> data) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (data is MatrixRows<T> m) return ClassificationMetrics.IsClassification(output, m.Targets);
        int rows = Math.Min(Block, data.Count);
        var x = new Matrix<T>(rows, data.FeatureCount);
        var t = new Matrix<T>(rows, data.TargetCount);
        for (int start = 0; start < data.Count; start += Block)
        {
            data.Copy(start, Math.Min(Block, data.Count - start), x, t);
            if (!ClassificationMetrics.IsClassification(output, t)) return false;
        }
        return true;
    }

    /// <summary>
    /// The loss (the objective's reduction over every row), RMSE and, for classes, accuracy of <paramref name="network"/>
    /// on <paramref name="data"/>. The loss adds the blocks' sums in double; the accuracy counts the rows classified right.
    /// With <paramref name="buffers"/> (from an earlier call on the same network and data) the blocks' buffers are reused, not made
    /// anew: the trainer validates every epoch, and fresh buffers of 4,096 rows cost more in page faults than the pass itself.
    /// </summary>
    public static ValidationRecord Validate<T>(Network<T> network, IRowSource<T> data, Objective objective, bool classification,
        Matrix<T>? weights = null, Buffers<T>? buffers = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = data.Count;
        var (workspace, x, t, w) = buffers is { } reused && reused.Fits(network, data, weights) ? reused : new Buffers<T>(network, data, weights);
        var sum = objective.WithoutPenalties with { Reduction = Losses.Reduction.Sum };
        double loss = 0, squaredError = 0;
        long right = 0;
        var r2 = classification ? null : new RSquared(data.TargetCount);
        for (int start = 0; start < n; start += Block)
        {
            int count = Math.Min(Block, n - start);
            Matrix<T> xs, ts;
            Matrix<T>? ws;
            // Rows in memory are measured where they are: a copy into fresh buffers would cost more in page faults than the pass.
            if (data is MatrixRows<T> rows)
                (xs, ts, ws) = (rows.Features.RowRange(start, count), rows.Targets.RowRange(start, count), weights?.RowRange(start, count));
            else
            {
                data.Copy(start, count, x!, t!);
                if (w is not null) weights!.CopyRows(start, count, w);
                (xs, ts, ws) = (x!, t!, w);
            }
            loss += double.CreateChecked(sum.Evaluate(network, workspace, xs, ts, ws, computeGradient: false));
            var predicted = workspace.Output(network.Layers.Count - 1);
            squaredError += Trainer.SumOfSquaredErrors(predicted, ts);
            if (classification) right += (long)Math.Round(ClassificationMetrics.Accuracy(predicted, ts) * count);
            r2?.Add(predicted.Span, ts.Span, count);
        }
        T samples = weights is null ? T.CreateChecked(n) : Losses.WeightedLoss.Count<T>(weights.Span, n);
        if (objective.Reduction == Losses.Reduction.Mean) loss /= weights is null ? n : double.CreateChecked(samples);
        loss += double.CreateChecked(objective.Penalty(network, samples));
        return new ValidationRecord(loss, Math.Sqrt(squaredError / ((double)n * data.TargetCount)), classification ? (double)right / n : null)
            { R2 = r2?.Value };
    }

    /// <summary>
    /// R² over blocks of rows, as scikit-learn's <c>r2_score</c> with its defaults: per output 1 − SSE/SST (SST about the
    /// output's mean over every row; an output without spread scores 1 when predicted exactly, else 0), averaged over the
    /// outputs. Unweighted, as scikit-learn's early stopping scores its held-out rows.
    /// </summary>
    private sealed class RSquared(int outputs)
    {
        // Sums of t − (the output's first target), so that a large mean does not cancel the spread.
        private readonly double[] _shift = new double[outputs], _sum = new double[outputs], _squares = new double[outputs],
            _errors = new double[outputs];
        private long _rows;

        public void Add<T>(ReadOnlySpan<T> predicted, ReadOnlySpan<T> targets, int count) where T : unmanaged, IFloatingPointIeee754<T>
        {
            for (int r = 0; r < count; r++)
                for (int j = 0; j < outputs; j++)
                {
                    double t = double.CreateChecked(targets[r * outputs + j]), e = t - double.CreateChecked(predicted[r * outputs + j]);
                    if (_rows == 0 && r == 0) _shift[j] = t;
                    double d = t - _shift[j];
                    (_sum[j], _squares[j], _errors[j]) = (_sum[j] + d, _squares[j] + d * d, _errors[j] + e * e);
                }
            _rows += count;
        }

        public double Value => Enumerable.Range(0, outputs).Average(j =>
        {
            double total = _squares[j] - _sum[j] * _sum[j] / _rows;
            return total > 0 ? 1 - _errors[j] / total : _errors[j] == 0 ? 1 : 0;
        });
    }

    /// <summary>The buffers of one block of <see cref="Validate{T}"/> for one network and data set, to reuse from one call to the next
    /// (only the workspace when the rows are measured in place).</summary>
    internal sealed class Buffers<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Network<T> _network;
        private readonly IRowSource<T> _data;

        public Buffers(Network<T> network, IRowSource<T> data, Matrix<T>? weights)
        {
            (_network, _data) = (network, data);
            int rows = Math.Min(Block, data.Count);
            Workspace = new Workspace<T>(network, rows);
            _weighted = weights is not null;
            if (data is MatrixRows<T>) return; // measured in place
            (X, Targets) = (new Matrix<T>(rows, data.FeatureCount), new Matrix<T>(rows, data.TargetCount));
            W = weights is null ? null : new Matrix<T>(rows, 1);
        }

        private readonly bool _weighted;

        public Workspace<T> Workspace { get; }

        /// <summary>The block's inputs; null when the rows are measured in place.</summary>
        public Matrix<T>? X { get; }

        public Matrix<T>? Targets { get; }

        public Matrix<T>? W { get; }

        public bool Fits(Network<T> network, IRowSource<T> data, Matrix<T>? weights) =>
            network == _network && data == _data && _weighted == (weights is not null);

        public void Deconstruct(out Workspace<T> workspace, out Matrix<T>? x, out Matrix<T>? targets, out Matrix<T>? w) =>
            (workspace, x, targets, w) = (Workspace, X, Targets, W);
    }
}

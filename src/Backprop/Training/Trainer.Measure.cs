using System.Numerics;
using Backprop.Data.Rows;
using Backprop.Layers;
using Backprop.Tensors;

namespace Backprop.Training;

/// <summary>The measures of a network on a whole data set: the objective and the RMSE, a block of rows at a time.</summary>
public static partial class Trainer
{
    /// <summary>Rows per pass when <c>Measure</c> runs through a data set.</summary>
    private const int MeasureChunk = 1024;

    /// <summary>
    /// The objective and the RMSE of <paramref name="network"/> on a whole data set, run through the network
    /// <see cref="MeasureChunk"/> rows at a time so that a large data set needs no buffers of its own size; the loss
    /// of each chunk is added up in double precision.
    /// </summary>
    public static (double Loss, double Rmse) Measure<T>(Network<T> network, Matrix<T> inputs, Matrix<T> targets, Objective objective)
        where T : unmanaged, IFloatingPointIeee754<T> => Measure(network, inputs, targets, objective, null);

    /// <summary>
    /// <see cref="Measure{T}(Network{T}, Matrix{T}, Matrix{T}, Objective)"/> with a weight per row (<paramref name="weights"/>,
    /// one column; null for none).
    /// </summary>
    public static (double Loss, double Rmse) Measure<T>(Network<T> network, Matrix<T> inputs, Matrix<T> targets, Objective objective,
        Matrix<T>? weights)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(objective);
        return Measure(network, new MatrixRows<T>(inputs, targets), objective, weights);
    }

    /// <summary>
    /// The objective and the RMSE of <paramref name="network"/> on the samples of <paramref name="data"/>, a block of
    /// <see cref="MeasureChunk"/> rows at a time (the same bits as for the same samples in memory), with a weight per
    /// row (<paramref name="weights"/>, one column; null for none): the loss as
    /// <see cref="Objective.Evaluate{T}(Network{T}, Workspace{T}, Matrix{T}, Matrix{T}, Matrix{T}, bool)"/> weighs it,
    /// over the whole set; the RMSE unweighted. <paramref name="reuse"/>, a workspace of the same network already made (the
    /// validation's), serves when it holds a block: fresh buffers cost page faults. Rows in memory are measured where they are.
    /// </summary>
    internal static (double Loss, double Rmse) Measure<T>(Network<T> network, IRowSource<T> data, Objective objective, Matrix<T>? weights = null,
        Workspace<T>? reuse = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        int n = data.Count;
        Workspace<T> Make(int rows) =>
            reuse is not null && reuse.Network == network && reuse.Capacity >= rows ? reuse : new Workspace<T>(network, rows);
        if (n <= MeasureChunk)
        {
            var (inputs, targets) = data is MatrixRows<T> m ? (m.Features, m.Targets)
                : (new Matrix<T>(n, data.FeatureCount), new Matrix<T>(n, data.TargetCount));
            if (data is not MatrixRows<T>) data.Copy(0, n, inputs, targets);
            var whole = Make(Math.Max(1, n));
            double value = double.CreateChecked(objective.Evaluate(network, whole, inputs, targets, weights, computeGradient: false));
            return (value, Math.Sqrt(SumOfSquaredErrors(whole.Output(network.Layers.Count - 1), targets) / ((double)n * targets.Columns)));
        }
        var workspace = Make(MeasureChunk);
        Matrix<T>? x = null, t = null, w = null;
        var sum = objective.WithoutPenalties with { Reduction = Losses.Reduction.Sum };
        double loss = 0, squaredError = 0;
        for (int start = 0; start < n; start += MeasureChunk)
        {
            int count = Math.Min(MeasureChunk, n - start);
            Matrix<T> xs, ts;
            Matrix<T>? ws;
            if (data is MatrixRows<T> rows)
                (xs, ts, ws) = (rows.Features.RowRange(start, count), rows.Targets.RowRange(start, count), weights?.RowRange(start, count));
            else
            {
                x ??= new Matrix<T>(MeasureChunk, data.FeatureCount);
                t ??= new Matrix<T>(MeasureChunk, data.TargetCount);
                w ??= weights is null ? null : new Matrix<T>(MeasureChunk, 1);
                data.Copy(start, count, x, t);
                if (w is not null) weights!.CopyRows(start, count, w);
                (xs, ts, ws) = (x, t, w);
            }
            loss += double.CreateChecked(sum.Evaluate(network, workspace, xs, ts, ws, computeGradient: false));
            squaredError += SumOfSquaredErrors(workspace.Output(network.Layers.Count - 1), ts);
        }
        T samples = weights is null ? T.CreateChecked(n) : Losses.WeightedLoss.Count<T>(weights.Span, n);
        if (objective.Reduction == Losses.Reduction.Mean) loss /= weights is null ? n : double.CreateChecked(samples);
        loss += double.CreateChecked(objective.Penalty(network, samples));
        return (loss, Math.Sqrt(squaredError / ((double)n * data.TargetCount)));
    }

    internal static double SumOfSquaredErrors<T>(Matrix<T> outputs, Matrix<T> targets) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = outputs.Span;
        var t = targets.Span;
        double sum = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double e = double.CreateChecked(t[i] - y[i]);
            sum += e * e;
        }
        return sum;
    }
}

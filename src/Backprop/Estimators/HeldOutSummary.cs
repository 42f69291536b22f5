using System.Numerics;
using Backprop.Data;
using Backprop.Data.Output;
using Backprop.Data.Preprocessing;
using Backprop.Data.Rows;
using Backprop.Layers;
using Backprop.Metrics;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Estimators;

/// <summary>
/// The summary of held-out rows that <c>backprop train</c> prints after training: the sample count, the loss and the main
/// metrics — accuracy and macro F1 for classes, RMSE and R² otherwise — in that order.
/// </summary>
internal static class HeldOutSummary
{
    /// <summary>The summary of <paramref name="data"/> (rows in memory), predicted a block at a time.</summary>
    /// <param name="network">The trained network.</param>
    /// <param name="data">The encoded rows.</param>
    /// <param name="pre">Their preprocessing (whether the target has classes).</param>
    /// <param name="objective">The loss to report (usually the run's, without its L2 penalty).</param>
    /// <param name="weights">Row weights of the loss; null for none.</param>
    public static Dictionary<string, double> Of(Network<double> network, Dataset data, Preprocessor pre, Objective objective,
        Matrix<double>? weights = null)
    {
        // A block at a time: layer buffers of 8,192 rows, not of every held-out row.
        // The loss as training measured it (on a standardised target, when it was); the metrics in the target's units.
        var (features, targets) = (data.Features, data.Targets);
        var outputs = BlockPrediction.Predict(network, features);
        var learned = pre.Target.Mean is null ? targets : TargetScaling.Standardized(pre.Target, targets);
        var result = new Dictionary<string,
            double> { ["samples"] = data.Count, ["loss"] = Trainer.Measure(network, features, learned, objective, weights).Loss };
        TargetScaling.Restore(pre.Target, outputs);
        AddMetrics(result, outputs, targets, pre);
        return result;
    }

    /// <summary>The summary of <paramref name="rows"/> (read from a row cache, say) a block at a time, in the training precision.</summary>
    /// <param name="network">The trained network.</param>
    /// <param name="rows">The encoded rows.</param>
    /// <param name="pre">Their preprocessing (whether the target has classes).</param>
    /// <param name="objective">The loss to report.</param>
    public static Dictionary<string, double> Of<T>(Network<T> network, IRowSource<T> rows, Preprocessor pre, Objective objective)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int block = 4096;
        int n = rows.Count;
        // The outputs and targets of every row (a few numbers each) for the metrics; the inputs a block at a time.
        var outputs = new Matrix<double>(n, network.Outputs);
        var targets = new Matrix<double>(n, rows.TargetCount);
        var x = new Matrix<T>(Math.Min(block, n), rows.FeatureCount);
        var t = new Matrix<T>(Math.Min(block, n), rows.TargetCount);
        var workspace = new Workspace<T>(network, Math.Min(block, n));
        for (int start = 0; start < n; start += block)
        {
            rows.Copy(start, Math.Min(block, n - start), x, t);
            var y = workspace.Forward(x).Span;
            var into = outputs.Data.AsSpan(start * network.Outputs, y.Length);
            for (int i = 0; i < y.Length; i++) into[i] = double.CreateChecked(y[i]);
            var tt = targets.Data.AsSpan(start * rows.TargetCount, t.Span.Length);
            for (int i = 0; i < tt.Length; i++) tt[i] = double.CreateChecked(t.Span[i]);
        }
        var result = new Dictionary<string, double>
            { ["samples"] = n, ["loss"] = Trainer.Measure(network, TargetScaling.Standardized(pre.Target, rows), objective).Loss };
        TargetScaling.Restore(pre.Target, outputs);
        AddMetrics(result, outputs, targets, pre);
        return result;
    }

    private static void AddMetrics(Dictionary<string, double> result, Matrix<double> outputs, Matrix<double> targets, Preprocessor pre)
    {
        if (pre.Target.Classes is { } classes)
        {
            var report = ClassificationReport.Compute(outputs, targets, classes);
            result["accuracy"] = report.Accuracy;
            result["f1_macro"] = report.MacroF1;
        }
        else
        {
            var report = RegressionReport.Compute(outputs, targets);
            result["rmse"] = report.Rmse;
            result["r2"] = report.R2;
        }
    }
}

using System.Numerics;
using Backprop.Data.Preprocessing;
using Backprop.Data.Rows;
using Backprop.Layers;
using Backprop.Metrics;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Cli.Commands;

/// <summary>The summary train prints for held-out rows read from a row cache: a block at a time, in the training precision.</summary>
internal static class HeldOutRows
{
    /// <summary>Loss and the main metrics, as for rows in memory: accuracy and macro F1 for classes, RMSE and R² otherwise.</summary>
    public static Dictionary<string, double> Summary<T>(Network<T> network, IRowSource<T> rows, Preprocessor pre, Objective objective)
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
        var result = new Dictionary<string, double> { ["samples"] = n, ["loss"] = Trainer.Measure(network, rows, objective).Loss };
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
        return result;
    }
}

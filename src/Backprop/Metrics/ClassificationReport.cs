using Backprop.Tensors;

namespace Backprop.Metrics;

/// <summary>
/// The usual measures of a classifier on labelled data: accuracy; precision, recall and F1 per class and their
/// unweighted (macro) means; the confusion matrix (rows the true class, columns the predicted); and log-loss.
/// </summary>
public sealed record ClassificationReport(
    IReadOnlyList<string> Classes, int[,] Confusion, double Accuracy,
    double[] Precision, double[] Recall, double[] F1, int[] Support,
    double MacroPrecision, double MacroRecall, double MacroF1, double LogLoss)
{
    /// <summary>
    /// Measures <paramref name="outputs"/> against <paramref name="targets"/>: one column each for two classes
    /// (the probability of the second class, target 0 or 1), or one column per class (probabilities, one-hot targets).
    /// A class never predicted has precision 0, a class never present recall 0 (scikit-learn's zero_division = 0).
    /// Log-loss clips probabilities to [1e-15, 1 − 1e-15], as scikit-learn does.
    /// </summary>
    public static ClassificationReport Compute(Matrix<double> outputs, Matrix<double> targets, IReadOnlyList<string> classes)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(classes);
        if (outputs.Rows != targets.Rows || outputs.Columns != targets.Columns)
            throw new ArgumentException("Outputs and targets differ in shape.", nameof(targets));
        bool binary = outputs.Columns == 1;
        if (binary ? classes.Count != 2 : classes.Count != outputs.Columns)
            throw new ArgumentException($"{classes.Count} class names for {outputs.Columns} output columns.", nameof(classes));
        int k = classes.Count, n = outputs.Rows;
        var confusion = new int[k, k];
        double logLoss = 0;
        for (int r = 0; r < n; r++)
        {
            var y = outputs.Row(r);
            var t = targets.Row(r);
            int truth = binary ? (t[0] >= 0.5 ? 1 : 0) : ClassificationMetrics.ArgMax<double>(t);
            int predicted = binary ? (y[0] >= 0.5 ? 1 : 0) : ClassificationMetrics.ArgMax<double>(y);
            confusion[truth, predicted]++;
            double p = binary ? (truth == 1 ? y[0] : 1 - y[0]) : y[truth];
            logLoss -= Math.Log(Math.Clamp(p, 1e-15, 1 - 1e-15));
        }
        var precision = new double[k];
        var recall = new double[k];
        var f1 = new double[k];
        var support = new int[k];
        int correct = 0;
        for (int c = 0; c < k; c++)
        {
            int truePositive = confusion[c, c], predictedCount = 0, actualCount = 0;
            for (int o = 0; o < k; o++) { predictedCount += confusion[o, c]; actualCount += confusion[c, o]; }
            correct += truePositive;
            support[c] = actualCount;
            precision[c] = predictedCount == 0 ? 0 : (double)truePositive / predictedCount;
            recall[c] = actualCount == 0 ? 0 : (double)truePositive / actualCount;
            f1[c] = precision[c] + recall[c] == 0 ? 0 : 2 * precision[c] * recall[c] / (precision[c] + recall[c]);
        }
        return new ClassificationReport(classes, confusion, n == 0 ? double.NaN : (double)correct / n, precision, recall, f1, support,
            precision.Average(), recall.Average(), f1.Average(), n == 0 ? double.NaN : logLoss / n);
    }
}

using Backprop.Data;
using Backprop.Metrics;
using Backprop.Tensors;

namespace Backprop.Estimators;

/// <summary>
/// A model run on every row of labelled data held in memory (as <c>backprop report</c> and <c>plot</c> draw it): the
/// encoded rows, the network's outputs, and the measures that apply (classes or regression).
/// </summary>
public sealed class LabelledPredictions
{
    internal LabelledPredictions(Dataset data, Matrix<double> outputs, IReadOnlyList<string>? classes)
    {
        Data = data;
        Outputs = outputs;
        Classes = classes;
        Classification = classes is null ? null : ClassificationReport.Compute(outputs, data.Targets, classes);
        Regression = RegressionReport.Compute(outputs, data.Targets);
    }

    /// <summary>The rows as the network reads them, with their encoded targets.</summary>
    public Dataset Data { get; }

    /// <summary>The network's outputs, a row per data row.</summary>
    public Matrix<double> Outputs { get; }

    /// <summary>The class names of a classifier; null for a regression.</summary>
    public IReadOnlyList<string>? Classes { get; }

    /// <summary>Accuracy, precision, recall, F1, confusion and log-loss; null for a regression.</summary>
    public ClassificationReport? Classification { get; }

    /// <summary>RMSE, MAE and R² of the outputs against the targets.</summary>
    public RegressionReport Regression { get; }

    /// <summary>The measures on <paramref name="rows"/> alone (the rows training held out, say): a classifier's, or else the regression's.</summary>
    public (ClassificationReport? Classification, RegressionReport? Regression) On(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var outputs = new Matrix<double>(rows.Count, Outputs.Columns);
        var targets = new Matrix<double>(rows.Count, Data.Targets.Columns);
        var indices = rows as int[] ?? rows.ToArray();
        Outputs.GatherRows(indices, outputs);
        Data.Targets.GatherRows(indices, targets);
        return Classes is { } classes ? (ClassificationReport.Compute(outputs, targets, classes), null)
            : (null, RegressionReport.Compute(outputs, targets));
    }

    /// <summary>
    /// The index of the class the model gives row <paramref name="row"/>: the largest output, or for one output whether it reaches 0.5.
    /// </summary>
    public int PredictedClass(int row) => ClassOf(Outputs.Row(row));

    /// <summary>The index of row <paramref name="row"/>'s true class, read from its encoded target the same way.</summary>
    public int TrueClass(int row) => ClassOf(Data.Targets.Row(row));

    private static int ClassOf(ReadOnlySpan<double> y) => y.Length == 1 ? (y[0] >= 0.5 ? 1 : 0) : ClassificationMetrics.ArgMax<double>(y);
}

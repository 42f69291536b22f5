using System.Numerics;
using Backprop.Data;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Metrics;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Estimators;

/// <summary>
/// A model measured on labelled data, as <c>backprop evaluate</c> prints it: the number of rows, the loss, and the
/// classification report (for a classifier) and the regression report.
/// </summary>
/// <param name="Samples">The rows measured.</param>
/// <param name="Loss">The objective's loss over every row (weighted when row weights were given).</param>
/// <param name="Classification">Accuracy, precision, recall, F1, confusion and log-loss; null when the model does not classify.</param>
/// <param name="Regression">RMSE, MAE and R² of the outputs.</param>
public sealed record Evaluation(int Samples, double Loss, ClassificationReport? Classification, RegressionReport Regression)
{
    /// <summary>
    /// Runs <paramref name="network"/> over <paramref name="blocks"/> of encoded rows (features and targets), one block at
    /// a time in the network's precision; only the outputs and targets are kept for the reports.
    /// </summary>
    /// <param name="network">The model's network.</param>
    /// <param name="blocks">The data, block after block (read lazily: a block is encoded when it is reached).</param>
    /// <param name="objective">The loss and its reduction (no L2: a measure, not a training objective).</param>
    /// <param name="classes">The class names for the targets of all the rows, or null when the model does not classify.</param>
    /// <param name="rowWeights">
    /// For a weighted loss: given the class names and the targets of all the rows, one weight per row (a column), once every
    /// block has been read; null for the unweighted loss.
    /// </param>
    public static Evaluation Of<T>(Network<T> network, IEnumerable<Dataset> blocks, Objective objective,
        Func<Matrix<double>, IReadOnlyList<string>?> classes, Func<IReadOnlyList<string>?, Matrix<double>, Matrix<double>>? rowWeights = null)
        where T : unmanaged, IFloatingPointIeee754<T> => Of(network, blocks, objective, classes, rowWeights, null);

    /// <summary>As the other <c>Of</c>, for a model whose target was standardised for training (<paramref name="target"/>): the loss is
    /// measured on the standardised targets (as training did) and the reports on the outputs turned back; null when it was not.</summary>
    internal static Evaluation Of<T>(Network<T> network, IEnumerable<Dataset> blocks, Objective objective,
        Func<Matrix<double>, IReadOnlyList<string>?> classes, Func<IReadOnlyList<string>?, Matrix<double>, Matrix<double>>? rowWeights,
        Data.Preprocessing.TargetEncoding? target)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(classes);
        var rowLosses = new List<double>();
        double lossTotal = 0;
        var outputBlocks = new List<Matrix<double>>();
        var targetBlocks = new List<Matrix<double>>();
        foreach (var block in blocks)
        {
            var x = block.FeaturesAs<T>();
            var t = target?.Mean is null ? block.TargetsAs<T>() : Data.Preprocessing.TargetScaling.Standardized(target, block.TargetsAs<T>());
            if (rowWeights is not null)
            {
                var perRow = new double[block.Count];
                WeightedLoss.PerRow(network, new Workspace<T>(network, Math.Max(1, block.Count)), x, t, objective.Loss, perRow);
                rowLosses.AddRange(perRow);
            }
            else
            {
                var (value, _) = Trainer.Measure(network, x, t, objective);
                lossTotal += objective.Reduction == Reduction.Mean ? value * block.Count : value;
            }
            var predicted = network.Predict(x).Convert<double>();
            Data.Preprocessing.TargetScaling.Restore(target, predicted);
            outputBlocks.Add(predicted);
            targetBlocks.Add(block.Targets);
        }
        var outputs = Concatenate(outputBlocks);
        var truth = Concatenate(targetBlocks);
        int samples = outputs.Rows;
        double loss = objective.Reduction == Reduction.Mean ? lossTotal / samples : lossTotal;
        var names = classes(truth);
        if (rowWeights is not null) loss = WeightedLoss.Reduce(rowLosses.ToArray(), rowWeights(names, truth).Span, objective.Reduction);
        return new Evaluation(samples, loss, names is null ? null : ClassificationReport.Compute(outputs, truth, names),
            RegressionReport.Compute(outputs, truth));
    }

    private static Matrix<double> Concatenate(List<Matrix<double>> blocks)
    {
        if (blocks.Count == 1) return blocks[0];
        var all = new Matrix<double>(blocks.Sum(b => b.Rows), blocks[0].Columns);
        int at = 0;
        foreach (var b in blocks)
        {
            b.Span.CopyTo(all.Data.AsSpan(at));
            at += b.Span.Length;
        }
        return all;
    }
}

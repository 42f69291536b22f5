using Backprop.Data;
using Backprop.Diagnostics;
using Backprop.Runs;
using Backprop.Serialization;

namespace Backprop.Estimators;

/// <summary>
/// Fitting on several target columns given as arrays: numbers (multi-output regression) or 0/1 labels (multilabel
/// classification, scikit-learn's label-indicator <c>y</c>), each a column <c>y1</c>, <c>y2</c>, … of the table fitted on.
/// </summary>
public abstract partial class MlpEstimator
{
    /// <summary>True while a classifier fits 0/1 label columns: the targets are then numbers, one sigmoid output each.</summary>
    private protected bool FittingLabelColumns { get; private set; }

    /// <summary>The names of <paramref name="count"/> target columns: <c>y</c> for one, <c>y1</c>, <c>y2</c>, … for more.</summary>
    private protected static string[] TargetNames(int count) =>
        count == 1 ? [ArrayTarget] : Enumerable.Range(1, count).Select(k => $"{ArrayTarget}{k}").ToArray();

    /// <summary>
    /// Fits on <paramref name="features"/> and the target columns <paramref name="targets"/> (a row per sample, a column per
    /// target): as numbers, or, with <paramref name="labels"/>, as 0/1 labels trained with a sigmoid output per label and
    /// binary cross-entropy, as scikit-learn's <c>MLPClassifier</c> does for a label-indicator <c>y</c>.
    /// </summary>
    private protected void FitColumns(double[,] features, double[,] targets, bool labels, CancellationToken cancellation)
    {
        int rows = features.GetLength(0), width = features.GetLength(1), outputs = targets.GetLength(1);
        if (targets.GetLength(0) != rows) throw new ArgumentException($"{targets.GetLength(0)} rows of targets for {rows} rows of features.",
            nameof(targets));
        if (outputs == 0) throw new ArgumentException("The targets have no column.", nameof(targets));
        var names = TargetNames(outputs);
        var builder = new TableBuilder([.. Enumerable.Range(1, width).Select(k => $"x{k}"), .. names], "the arrays");
        var row = new object?[width + outputs];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < width; c++) row[c] = features[r, c];
            for (int k = 0; k < outputs; k++) row[width + k] = targets[r, k];
            builder.Add(row);
        }
        var table = builder.Build();
        var given = Options;
        if (labels) Options = LabelOptions(given);
        FittingLabelColumns = labels;
        try
        {
            FitAny(new FitData(null, table, null, null), names, new FitControl { Cancellation = cancellation });
        }
        finally
        {
            (Options, FittingLabelColumns) = (given, false);
        }
    }

    /// <summary>The options of a multilabel fit: cross-entropy on a sigmoid output per label, unless they say otherwise (and then refused).</summary>
    private static MlpOptions LabelOptions(MlpOptions o)
    {
        const string why = "0/1 label columns are learned as one probability per label";
        if (o.Loss is string loss && !Losses.Loss.Get(loss).Name.Equals("cross-entropy", StringComparison.Ordinal))
            throw new BackpropException($"{Setting.Loss.With(loss)}: {why}, by cross-entropy; leave it null");
        if (o.OutputActivation is string output && !output.Equals("sigmoid", StringComparison.OrdinalIgnoreCase))
            throw new BackpropException($"{Setting.OutputActivation.With(output)}: {why}, by a sigmoid output; leave it null");
        if (o.Classes is not null) throw new BackpropException($"{Setting.MlpClasses} declares the classes of one label column; {why}");
        if (o.Stratify) throw new BackpropException($"{Setting.MlpStratify} keeps the proportions of one label column's classes; {why}");
        if (o.ClassWeight is not null) throw new BackpropException($"{Setting.ClassWeight} weighs one label column's classes; {why}");
        return o with { Loss = "cross-entropy", OutputActivation = "sigmoid" };
    }

    /// <summary>True for a model trained on 0/1 label columns: numeric targets learned by cross-entropy through a sigmoid output.</summary>
    private protected static bool IsLabelColumns(ModelDocument model) =>
        model.Preprocessing is { Target.IsClassification: false } && model.DenseLayers.Count > 0
        && model.DenseLayers[^1].Activation.Equals("sigmoid", StringComparison.OrdinalIgnoreCase)
        && SavedOptions.Of(model).Loss is string loss && loss.Equals("cross-entropy", StringComparison.OrdinalIgnoreCase);

    /// <summary>The network's outputs for each row of <paramref name="features"/> (the columns the model reads, in order), a row each.</summary>
    private protected double[,] OutputArray(double[,] features)
    {
        var outputs = Outputs(ArrayTable<string>(features, null), null);
        var result = new double[outputs.Rows, outputs.Columns];
        for (int r = 0; r < outputs.Rows; r++)
            for (int k = 0; k < outputs.Columns; k++) result[r, k] = outputs[r, k];
        return result;
    }
}

using Backprop.Diagnostics;

namespace Backprop.Estimators;

/// <summary>
/// Multilabel classification, as scikit-learn's <c>MLPClassifier</c> fitted on a label-indicator <c>y</c>: each sample
/// has any number of labels, given as a row of 0/1 columns; the network has a sigmoid output per label trained by binary
/// cross-entropy, <see cref="PredictLabels"/> gives 0/1 columns, <c>PredictProbabilities</c> each label's probability and
/// <see cref="Score(double[,], int[,])"/> the subset accuracy (rows whose labels are all right).
/// </summary>
public sealed partial class MlpClassifier
{
    /// <summary>True when fitted on several 0/1 label columns (<see cref="Fit(double[,], int[,], CancellationToken)"/>): then
    /// <see cref="Classes"/> names the label columns and the probabilities are one per label.</summary>
    public bool IsMultilabel => !Prepared().Target.IsClassification;

    /// <summary>
    /// Fits on arrays with several labels per sample, as scikit-learn's <c>fit(X, Y)</c> with a label-indicator <c>Y</c>:
    /// <paramref name="labels"/> has a row per sample and a column per label (<c>y1</c>, <c>y2</c>, …), 1 where the sample
    /// has the label and 0 where not.
    /// </summary>
    /// <exception cref="ArgumentException">The labels have another number of rows than the features, or no column.</exception>
    /// <exception cref="BackpropException">A label is neither 0 nor 1, or a setting does not apply to labels (a loss other than
    /// cross-entropy, an output other than sigmoid, declared classes, class weights, stratification).</exception>
    public MlpClassifier Fit(double[,] features, int[,] labels, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        var targets = new double[labels.GetLength(0), labels.GetLength(1)];
        for (int r = 0; r < labels.GetLength(0); r++)
            for (int k = 0; k < labels.GetLength(1); k++)
                targets[r, k] = labels[r, k] is 0 or 1 ? labels[r, k]
                    : throw new BackpropException($"the label at row {r}, column {k} is {labels[r, k]}: each label is 1 (has it) or 0 (has not)");
        FitColumns(features, targets, labels: true, cancellation);
        return this;
    }

    /// <summary>Each row's labels, 1 where a label's probability is at least 0.5: a row per row of <paramref name="features"/>, a column per
    /// label (<see cref="Classes"/>' order).</summary>
    /// <exception cref="InvalidOperationException">The classifier was fitted on one label column: <c>Predict</c> gives its class.</exception>
    public int[,] PredictLabels(double[,] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (!IsMultilabel) throw new InvalidOperationException("The classifier was fitted on one label column: Predict gives each row's class.");
        var p = OutputArray(features);
        var labels = new int[p.GetLength(0), p.GetLength(1)];
        for (int r = 0; r < p.GetLength(0); r++)
            for (int k = 0; k < p.GetLength(1); k++) labels[r, k] = p[r, k] >= 0.5 ? 1 : 0;
        return labels;
    }

    /// <summary>Subset accuracy, as scikit-learn's <c>score</c> for several labels: the share of rows whose labels are all predicted right.</summary>
    /// <exception cref="ArgumentException">The labels have another shape than the predictions.</exception>
    public double Score(double[,] features, int[,] labels)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        var predicted = PredictLabels(features);
        if (labels.GetLength(0) != predicted.GetLength(0) || labels.GetLength(1) != predicted.GetLength(1))
            throw new ArgumentException($"The labels are {labels.GetLength(0)} × {labels.GetLength(1)}; the predictions are " +
                $"{predicted.GetLength(0)} × {predicted.GetLength(1)}.", nameof(labels));
        int right = 0;
        for (int r = 0; r < labels.GetLength(0); r++)
        {
            bool all = true;
            for (int k = 0; k < labels.GetLength(1); k++) all &= labels[r, k] == predicted[r, k];
            if (all) right++;
        }
        return (double)right / labels.GetLength(0);
    }

    /// <summary>The model, for a prediction of one class per row.</summary>
    private Model OneLabel() => IsMultilabel
        ? throw new InvalidOperationException("The classifier was fitted on several label columns: PredictLabels gives each row's labels.")
        : Predictor();

    /// <summary>The probabilities of a row of outputs: each class's, or each label's (the outputs themselves).</summary>
    private double[] Probabilities(double[] outputs) => IsMultilabel ? outputs : Predictor().Probabilities(outputs);
}

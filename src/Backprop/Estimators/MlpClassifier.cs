using Backprop.Runs;
using Backprop.Data;
using Backprop.Metrics;
using Backprop.Serialization;

namespace Backprop.Estimators;

/// <summary>
/// A multilayer perceptron that tells classes apart, in the shape of scikit-learn's <c>MLPClassifier</c> in a pipeline
/// with a <c>StandardScaler</c>: <c>Fit</c> on a table, then <c>Predict</c>, <c>PredictProbabilities</c> and
/// <c>Score</c> on tables or single rows, and <c>Save</c> / <c>Load</c>. The target's values, text or numbers, are the classes.
/// </summary>
public sealed partial class MlpClassifier : MlpEstimator
{
    /// <summary>An untrained classifier with <paramref name="options"/> (the defaults when null).</summary>
    public MlpClassifier(MlpOptions? options = null) : base(options ?? new MlpOptions()) { }

    private MlpClassifier(Model model) : base(model)
    {
        if (!Prepared().Target.IsClassification && !IsLabelColumns(model.Document))
            throw new Diagnostics.ModelFormatException("the model predicts numbers, not classes: load it as an MlpRegressor", null);
    }

    private protected override bool? Classifies => !FittingLabelColumns;

    /// <inheritdoc cref="MlpEstimator.Fit(string, IReadOnlyList{string}, FitControl?)"/>
    public new MlpClassifier Fit(string path, IReadOnlyList<string> targets, FitControl? control = null) =>
        (MlpClassifier)base.Fit(path, targets, control);

    /// <inheritdoc cref="MlpEstimator.Fit(string, string)"/>
    public new MlpClassifier Fit(string path, string target) => (MlpClassifier)base.Fit(path, target);

    /// <inheritdoc cref="MlpEstimator.Fit(CsvTable, string, IReadOnlyList{int}?, FitControl?)"/>
    public new MlpClassifier Fit(CsvTable table, string target, IReadOnlyList<int>? rows = null, FitControl? control = null) =>
        (MlpClassifier)base.Fit(table, target, rows, control);

    /// <inheritdoc cref="MlpEstimator.Fit(CsvTable, string, IReadOnlyList{int}?, CancellationToken, CsvTable?)"/>
    public new MlpClassifier Fit(CsvTable table, string target, IReadOnlyList<int>? rows, CancellationToken cancellation,
        CsvTable? validation = null) =>
        (MlpClassifier)base.Fit(table, target, rows, cancellation, validation);

    /// <summary>Loads a model file written by <see cref="MlpEstimator.Save"/> or <c>backprop train</c>.</summary>
    public static MlpClassifier Load(string path) => new(Estimators.Model.Load(path));

    /// <summary>The class names, in the order of the probabilities.</summary>
    public IReadOnlyList<string> Classes => Prepared().Target.Classes ?? Prepared().Target.Columns;

    /// <summary>The most probable class of each of <paramref name="rows"/> of <paramref name="table"/> (every row when null).</summary>
    public string[] Predict(CsvTable table, IReadOnlyList<int>? rows = null) => OneLabel().PredictClasses(table, rows);

    /// <summary>The most probable class of one row of raw feature values, in the table's column order.</summary>
    public string Predict(IReadOnlyList<double> row) => OneLabel().PredictClass(row);

    /// <summary>The most probable class of one row given as column name → value.</summary>
    public string Predict(IReadOnlyDictionary<string, object> row) => OneLabel().PredictClass(row);

    /// <summary>The probability of each class (<see cref="Classes"/>' order) for one row of raw feature values.</summary>
    public double[] PredictProbabilities(IReadOnlyList<double> row) => Probabilities(Outputs(row));

    /// <summary>The probability of each class for one row given as column name → value.</summary>
    public double[] PredictProbabilities(IReadOnlyDictionary<string, object> row) => Probabilities(Outputs(row));

    /// <summary>Accuracy on <paramref name="rows"/> of <paramref name="table"/> (every row when null), as scikit-learn's <c>score</c>.</summary>
    public double Score(CsvTable table, IReadOnlyList<int>? rows = null) => Report(table, rows).Accuracy;

    /// <summary>Accuracy, precision, recall, F1 per class and their means, the confusion matrix and log-loss.</summary>
    public ClassificationReport Report(CsvTable table, IReadOnlyList<int>? rows = null) =>
        ClassificationReport.Compute(OneLabel().PredictOutputs(table, rows), Prepared().EncodeTargets<double>(table, rows), Classes);

    /// <summary>
    /// Fits on arrays, as scikit-learn's <c>fit(X, y)</c>: a row of <paramref name="features"/> per sample (the columns
    /// x1, x2, …) and its class <paramref name="labels"/>; the classes are the distinct labels in text order.
    /// </summary>
    public MlpClassifier Fit(double[,] features, IReadOnlyList<string> labels, CancellationToken cancellation) =>
        Fit(features, labels, null, cancellation);

    /// <summary>Fits on arrays with integer class labels (the classes are their values, in numeric order, named as their text).</summary>
    public MlpClassifier Fit(double[,] features, IReadOnlyList<int> labels, CancellationToken cancellation) =>
        Fit(features, labels, null, cancellation);

    /// <summary>The most probable class of each row of <paramref name="features"/> (the columns the model reads, in order).</summary>
    public string[] Predict(double[,] features) => Predict(ArrayTable<string>(features, null));

    /// <summary>The probability of each class (<see cref="Classes"/>' order) for each row of <paramref name="features"/>: a row per sample.</summary>
    public double[,] PredictProbabilities(double[,] features) => PredictProbabilities(ArrayTable<string>(features, null));

    /// <summary>The probability of each class (<see cref="Classes"/>' order) for each of <paramref name="rows"/> of <paramref name="table"/> (every
    /// row when null).</summary>
    public double[,] PredictProbabilities(CsvTable table, IReadOnlyList<int>? rows = null)
    {
        var outputs = Outputs(table, rows);
        var probabilities = new double[outputs.Rows, Classes.Count];
        for (int r = 0; r < outputs.Rows; r++)
        {
            var p = Probabilities(outputs.Row(r).ToArray());
            for (int k = 0; k < p.Length; k++) probabilities[r, k] = p[k];
        }
        return probabilities;
    }

    /// <summary>Accuracy on arrays: the share of rows of <paramref name="features"/> whose class is <paramref name="labels"/>'.</summary>
    public double Score(double[,] features, IReadOnlyList<string> labels) =>
        Score(ArrayTable(features, labels ?? throw new ArgumentNullException(nameof(labels))));

    /// <summary>Accuracy on arrays with integer class labels.</summary>
    public double Score(double[,] features, IReadOnlyList<int> labels) =>
        Score(ArrayTable(features, labels ?? throw new ArgumentNullException(nameof(labels))));
}

using System.Globalization;
using Backprop.Data;
using Backprop.Data.Preprocessing;

namespace Backprop.Estimators;

/// <summary>The classifier's array <c>Fit</c> with sample weights, and <c>PartialFit</c> (<see cref="MlpEstimator"/>'s stream of batches).</summary>
public sealed partial class MlpClassifier
{
    /// <summary>
    /// Fits on arrays, as scikit-learn's <c>fit(X, y, sample_weight)</c>: a row of <paramref name="features"/> per sample
    /// (the columns x1, x2, …), its class in <paramref name="labels"/> and its weight in <paramref name="sampleWeight"/>
    /// (none when null; a weight weighs the loss and the standardisation); the classes are the distinct labels in text order.
    /// </summary>
    /// <exception cref="ArgumentException">The weights are not one per row.</exception>
    /// <exception cref="Diagnostics.BackpropException">A weight is negative or not finite, or a setting is out of range.</exception>
    public MlpClassifier Fit(double[,] features, IReadOnlyList<string> labels, IReadOnlyList<double>? sampleWeight = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        FitArrays(features, labels, sampleWeight, cancellation);
        return this;
    }

    /// <summary>
    /// Fits on arrays with integer class labels (the classes are their values, in numeric order, named as their text) and
    /// sample weights.
    /// </summary>
    public MlpClassifier Fit(double[,] features, IReadOnlyList<int> labels, IReadOnlyList<double>? sampleWeight = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        FitArrays(features, labels, sampleWeight, cancellation);
        return this;
    }

    /// <summary>
    /// One pass (one epoch) over a batch of arrays, as scikit-learn's <c>partial_fit(X, y, classes)</c>: continues the
    /// weights, the optimiser's state, the shuffling and the history of the calls before it (or of a <c>Fit</c>, or of a
    /// loaded model's saved state). The first call fits the preprocessing on its batch and takes the stream's
    /// <paramref name="classes"/> (each gets an output even if the batch lacks it); a later batch's labels must be among them.
    /// </summary>
    /// <param name="features">A row per sample: the columns x1, x2, … on the first call, the model's afterwards.</param>
    /// <param name="labels">Each row's class.</param>
    /// <param name="classes">
    /// Every class of the stream: required on the first call (or <see cref="Runs.MlpOptions.Classes"/>); later, null or the same.
    /// </param>
    /// <param name="cancellation">Stops the pass at the end of a batch.</param>
    /// <returns>This classifier.</returns>
    /// <exception cref="Diagnostics.BackpropException">
    /// No classes on the first call, other classes later, a label outside them, a full-batch solver or held-out rows asked.
    /// </exception>
    public MlpClassifier PartialFit(double[,] features, IReadOnlyList<string> labels, IReadOnlyList<string>? classes = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        PartialFitArrays(features, labels, classes, cancellation);
        return this;
    }

    /// <summary>One pass over a batch of arrays with integer labels (<see cref="PartialFit(double[,], IReadOnlyList{string}, IReadOnlyList{string}?,
    /// CancellationToken)"/>).</summary>
    public MlpClassifier PartialFit(double[,] features, IReadOnlyList<int> labels, IReadOnlyList<int>? classes = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        PartialFitArrays(features, labels, classes?.Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray(), cancellation);
        return this;
    }

    /// <summary>
    /// One pass (one epoch) over <paramref name="rows"/> of <paramref name="table"/> (every row when null), every column but
    /// <paramref name="target"/> a feature (<see cref="PartialFit(double[,], IReadOnlyList{string}, IReadOnlyList{string}?, CancellationToken)"/>).
    /// </summary>
    /// <param name="table">The batch.</param>
    /// <param name="target">The class column.</param>
    /// <param name="rows">The batch's rows; null for every row.</param>
    /// <param name="classes">
    /// Every class of the stream: required on the first call unless <paramref name="preprocessing"/> or the options declare them.
    /// </param>
    /// <param name="preprocessing">A preprocessing fitted elsewhere to encode the first batch with (null to fit one on it); not given later.</param>
    /// <param name="cancellation">Stops the pass at the end of a batch.</param>
    public MlpClassifier PartialFit(CsvTable table, string target, IReadOnlyList<int>? rows = null, IReadOnlyList<string>? classes = null,
        Preprocessor? preprocessing = null, CancellationToken cancellation = default)
    {
        PartialFitTable(table, target, rows, classes, preprocessing, cancellation);
        return this;
    }

    /// <summary>
    /// Fits on float arrays in float (scikit-learn fits in the dtype of <c>X</c>), whatever <see cref="Runs.MlpOptions.Precision"/>
    /// says: the network trains in float; <see cref="MlpEstimator.NetworkAs{T}"/> gives it as a <c>Network&lt;float&gt;</c>.
    /// </summary>
    public MlpClassifier Fit(float[,] features, IReadOnlyList<string> labels, IReadOnlyList<double>? sampleWeight = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        FitFloats(features, labels, sampleWeight, cancellation);
        return this;
    }

    /// <summary>Fits on float arrays with integer labels in float.</summary>
    public MlpClassifier Fit(float[,] features, IReadOnlyList<int> labels, IReadOnlyList<double>? sampleWeight = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        FitFloats(features, labels, sampleWeight, cancellation);
        return this;
    }

    /// <summary>The most probable class of each row of float <paramref name="features"/>.</summary>
    public string[] Predict(float[,] features) => Predict(Widened(features));
}

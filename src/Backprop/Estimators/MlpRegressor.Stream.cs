using Backprop.Data;
using Backprop.Data.Preprocessing;

namespace Backprop.Estimators;

/// <summary>The regressor's array <c>Fit</c> with sample weights, and <c>PartialFit</c> (<see cref="MlpEstimator"/>'s stream of batches).</summary>
public sealed partial class MlpRegressor
{
    /// <summary>
    /// Fits on arrays, as scikit-learn's <c>fit(X, y, sample_weight)</c>: a row of <paramref name="features"/> per sample
    /// (the columns x1, x2, …), its <paramref name="target"/> and its weight in <paramref name="sampleWeight"/> (none when
    /// null; a weight weighs the loss and the standardisation, the target's too).
    /// </summary>
    /// <exception cref="ArgumentException">The weights are not one per row.</exception>
    /// <exception cref="Diagnostics.BackpropException">A weight is negative or not finite, or a setting is out of range.</exception>
    public MlpRegressor Fit(double[,] features, IReadOnlyList<double> target, IReadOnlyList<double>? sampleWeight = null,
        CancellationToken cancellation = default)
    {
        FitArrays(features, target, sampleWeight, cancellation);
        return this;
    }

    /// <summary>
    /// One pass (one epoch) over a batch of arrays, as scikit-learn's <c>partial_fit(X, y)</c>: continues the weights, the
    /// optimiser's state, the shuffling and the history of the calls before it (or of a <c>Fit</c>, or of a loaded model's
    /// saved state); the first call fits the preprocessing (the target's standardisation too) on its batch.
    /// </summary>
    /// <exception cref="Diagnostics.BackpropException">A full-batch solver or held-out rows asked.</exception>
    public MlpRegressor PartialFit(double[,] features, IReadOnlyList<double> target, CancellationToken cancellation = default)
    {
        PartialFitArrays(features, target, null, cancellation);
        return this;
    }

    /// <summary>One pass over <paramref name="rows"/> of <paramref name="table"/> (every row when null), every column but <paramref name="target"/>
    /// a feature; <paramref name="preprocessing"/>, fitted elsewhere, encodes the first batch (null to fit one on it).</summary>
    public MlpRegressor PartialFit(CsvTable table, string target, IReadOnlyList<int>? rows = null, Preprocessor? preprocessing = null,
        CancellationToken cancellation = default)
    {
        PartialFitTable(table, target, rows, null, preprocessing, cancellation);
        return this;
    }

    /// <summary>
    /// Fits on float arrays in float (scikit-learn fits in the dtype of <c>X</c>), whatever <see cref="Runs.MlpOptions.Precision"/>
    /// says: the network trains in float; <see cref="MlpEstimator.NetworkAs{T}"/> gives it as a <c>Network&lt;float&gt;</c>.
    /// </summary>
    public MlpRegressor Fit(float[,] features, IReadOnlyList<double> target, IReadOnlyList<double>? sampleWeight = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(target);
        FitFloats(features, target, sampleWeight, cancellation);
        return this;
    }

    /// <summary>The prediction for each row of float <paramref name="features"/>, as floats (scikit-learn predicts in X's dtype).</summary>
    public float[] Predict(float[,] features) => Predict(Widened(features)).Select(p => (float)p).ToArray();
}

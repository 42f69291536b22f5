using Backprop.Estimators;
using Backprop.MLNet.Training;
using Microsoft.ML;

namespace Backprop.MLNet;

/// <summary>
/// An ML.NET trainer of a Backprop multilayer perceptron that predicts a number (an <see cref="MlpRegressor"/>: identity
/// output, squared error, standardised features by default). It reads a Single label and a known-size vector of Single
/// features and adds <c>Score</c> (a Single), so <c>mlContext.Regression.Evaluate</c> works on its output.
/// </summary>
public sealed class BackpropRegressionTrainer : IEstimator<BackpropTransformer>
{
    private readonly MLContext _ml;
    private readonly MlpOptions _options;
    private readonly string _label, _features;

    /// <summary>A trainer with <paramref name="options"/> (the defaults of <see cref="MlpOptions"/> when null).</summary>
    public BackpropRegressionTrainer(MLContext mlContext, MlpOptions? options = null, string labelColumnName = "Label",
        string featureColumnName = "Features")
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentException.ThrowIfNullOrEmpty(labelColumnName);
        ArgumentException.ThrowIfNullOrEmpty(featureColumnName);
        (_ml, _options, _label, _features) = (mlContext, options ?? new MlpOptions(), labelColumnName, featureColumnName);
    }

    /// <summary>Trains on every row of <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentException">A column is missing or of the wrong type (naming it), a value is infinite, or Backprop cannot train on the
    /// data.</exception>
    public BackpropTransformer Fit(IDataView input) => TrainerCore.Fit(_ml, input, _options, _label, _features, classifies: false);

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => TrainerCore.OutputSchema(_ml, inputSchema, _label, _features, classifies: false);
}

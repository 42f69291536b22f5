using Backprop.Estimators;
using Backprop.MLNet.Training;
using Microsoft.ML;

namespace Backprop.MLNet;

/// <summary>
/// An ML.NET trainer of a Backprop multilayer perceptron that tells classes apart (an <see cref="MlpClassifier"/>: softmax
/// output, cross-entropy, standardised features by default). It reads a key label and a known-size vector of Single
/// features and adds <c>Score</c> (each class's probability, in the key's order) and <c>PredictedLabel</c> (a key of
/// the label's type), so <c>mlContext.MulticlassClassification.Evaluate</c> works on its output. The key values are the
/// classes (<see cref="MlpOptions.Classes"/>): one the training rows lack still has its own output unit.
/// </summary>
public sealed class BackpropMulticlassTrainer : IEstimator<BackpropTransformer>
{
    private readonly MLContext _ml;
    private readonly MlpOptions _options;
    private readonly string _label, _features;

    /// <summary>A trainer with <paramref name="options"/> (the defaults of <see cref="MlpOptions"/> when null).</summary>
    public BackpropMulticlassTrainer(MLContext mlContext, MlpOptions? options = null, string labelColumnName = "Label",
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
    public BackpropTransformer Fit(IDataView input) => TrainerCore.Fit(_ml, input, _options, _label, _features, classifies: true);

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => TrainerCore.OutputSchema(_ml, inputSchema, _label, _features, classifies: true);
}

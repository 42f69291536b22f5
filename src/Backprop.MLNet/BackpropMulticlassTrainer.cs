using Backprop.Estimators;
using Backprop.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Runtime;

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
    private readonly TrainerHost _host;
    private readonly TrainerSettings _settings;

    /// <summary>A trainer with <paramref name="options"/> (the defaults of <see cref="MlpOptions"/> when null) in
    /// <paramref name="mlContext"/>.</summary>
    public BackpropMulticlassTrainer(MLContext mlContext, MlpOptions? options = null, string labelColumnName = "Label",
        string featureColumnName = "Features")
        : this(mlContext, TrainerSettings.Of(options, labelColumnName, featureColumnName))
    {
    }

    internal BackpropMulticlassTrainer(IHostEnvironment environment, TrainerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(environment, "mlContext");
        (_host, _settings) = (new TrainerHost(environment, nameof(BackpropMulticlassTrainer)), settings);
    }

    /// <summary>Trains on every row of <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentException">A column is missing or of the wrong type (naming it), a value is infinite, or Backprop cannot train on the
    /// data.</exception>
    /// <exception cref="OperationCanceledException">The MLContext's execution was cancelled.</exception>
    public BackpropTransformer Fit(IDataView input) => TrainerCore.Fit(_host, input, _settings, TrainerTask.Multiclass);

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => TrainerCore.OutputSchema(inputSchema, _settings, TrainerTask.Multiclass);
}

using Backprop.Estimators;
using Backprop.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace Backprop.MLNet;

/// <summary>
/// An ML.NET trainer of a Backprop multilayer perceptron that answers yes or no (an <see cref="MlpClassifier"/> of two
/// classes, false and true: softmax output, cross-entropy, standardised features by default). It reads a Boolean label
/// and a known-size vector of Single features and adds <c>Score</c> (the log-odds of true), <c>Probability</c> (of
/// true) and <c>PredictedLabel</c> (Boolean), so <c>mlContext.BinaryClassification.Evaluate</c> works on its output.
/// </summary>
public sealed class BackpropBinaryTrainer : IEstimator<BackpropTransformer>
{
    private readonly TrainerHost _host;
    private readonly TrainerSettings _settings;

    /// <summary>A trainer with <paramref name="options"/> (the defaults of <see cref="MlpOptions"/> when null) in
    /// <paramref name="mlContext"/>.</summary>
    public BackpropBinaryTrainer(MLContext mlContext, MlpOptions? options = null, string labelColumnName = "Label",
        string featureColumnName = "Features")
        : this(mlContext, TrainerSettings.Of(options, labelColumnName, featureColumnName))
    {
    }

    internal BackpropBinaryTrainer(IHostEnvironment environment, TrainerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(environment, "mlContext");
        (_host, _settings) = (new TrainerHost(environment, nameof(BackpropBinaryTrainer)), settings);
    }

    /// <summary>Trains on every row of <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentException">A column is missing or of the wrong type (naming it), a value is infinite, or Backprop cannot train on the
    /// data.</exception>
    /// <exception cref="OperationCanceledException">The MLContext's execution was cancelled.</exception>
    public BackpropTransformer Fit(IDataView input) => TrainerCore.Fit(_host, input, _settings, TrainerTask.Binary);

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => TrainerCore.OutputSchema(inputSchema, _settings, TrainerTask.Binary);
}

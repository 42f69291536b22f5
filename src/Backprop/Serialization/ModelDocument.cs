using System.Numerics;
using Backprop.Activations;
using Backprop.Layers;

namespace Backprop.Serialization;

/// <summary>
/// The contents of a model file (<c>docs/model-format.md</c>), independent of precision:
/// the architecture, the weights, and what is known of the data and the training.
/// </summary>
public sealed record ModelDocument
{
    /// <summary>The <c>"format"</c> value of every model file.</summary>
    public const string FormatName = "backprop.mlp";

    /// <summary>The version this library writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Inputs per sample.</summary>
    public required int Inputs { get; init; }

    /// <summary>The layers, first hidden layer first: dense layers and the dropout layers between them.</summary>
    public required IReadOnlyList<LayerDocument> Layers { get; init; }

    /// <summary>The dense layers alone (what the network computes at inference, where dropout passes values through).</summary>
    public IReadOnlyList<LayerDocument> DenseLayers => Layers.Where(l => l.IsDense).ToList();

    /// <summary>Names of the input columns, when the model was trained from a table.</summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>Names of the target columns, one per output.</summary>
    public IReadOnlyList<string>? Targets { get; init; }

    /// <summary>How raw table columns become inputs and targets become outputs, when the model was trained from a table with preprocessing.</summary>
    public Data.Preprocessing.Preprocessor? Preprocessing { get; init; }

    /// <summary>Where an unfinished training run stands, to continue it with <c>train --resume</c>.</summary>
    public Training.TrainingCheckpoint? Checkpoint { get; init; }

    /// <summary>How the model was trained, if it was.</summary>
    public TrainingSummary? Training { get; init; }

    /// <summary>The whole description of the run that made the model (<c>MlpEstimator.Fit</c>), when known.</summary>
    public Estimators.MlpOptions? Options { get; init; }

    /// <summary>The document of <paramref name="network"/>'s architecture and weights.</summary>
    public static ModelDocument FromNetwork<T>(Network<T> network) where T : unmanaged, IFloatingPointIeee754<T> => new()
    {
        Inputs = network.Inputs,
        Layers = network.AllLayers.Select(Document).ToList(),
    };

    private static LayerDocument Document<T>(ILayer<T> layer) where T : unmanaged, IFloatingPointIeee754<T> => layer switch
    {
        DenseLayer<T> dense => new LayerDocument(
            dense.Units,
            dense.Activation.Name,
            dense.Weights.ToRows(),
            dense.BiasParameter?.Values.Select(v => double.CreateChecked(v)).ToArray(),
            dense.BiasMode != BiasMode.Frozen),
        DropoutLayer<T> dropout => LayerDocument.Dropout(dropout.Units, dropout.Rate),
        _ => throw new NotSupportedException($"A {layer.Kind} layer cannot be saved in a model file."),
    };

    /// <summary>Builds the network this document describes, in precision <typeparamref name="T"/>.</summary>
    public Network<T> ToNetwork<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var layers = new List<ILayer<T>>();
        int width = Inputs, dense = 0;
        for (int l = 0; l < Layers.Count; l++)
        {
            var doc = Layers[l];
            if (doc.Kind == LayerDocument.DropoutKind)
            {
                layers.Add(new DropoutLayer<T>(width, doc.Rate ?? 0, l));
                continue;
            }
            var bias = doc.Bias is null ? BiasMode.None : doc.TrainBias ? BiasMode.Trainable : BiasMode.Frozen;
            var layer = new DenseLayer<T>(width, doc.Units, ActivationRegistry.Get(doc.Activation), bias, dense++);
            for (int j = 0; j < doc.Units; j++)
                for (int i = 0; i < width; i++) layer.Weights[j, i] = T.CreateChecked(doc.Weights[j][i]);
            if (doc.Bias is not null)
                for (int j = 0; j < doc.Units; j++) layer.BiasParameter!.Values[j] = T.CreateChecked(doc.Bias[j]);
            layers.Add(layer);
            width = doc.Units;
        }
        return new Network<T>(Inputs, layers);
    }
}

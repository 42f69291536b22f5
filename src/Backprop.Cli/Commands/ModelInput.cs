using System.Globalization;
using Backprop.Data;
using Backprop.Diagnostics;
using Backprop.Layers;
using Backprop.Metrics;
using Backprop.Serialization;
using Backprop.Tensors;

namespace Backprop.Cli.Commands;

/// <summary>A model and the data to feed it, read and checked against each other.</summary>
internal static class ModelInput
{
    /// <summary>
    /// Loads the model and the CSV; the features are the model's named columns when it has names,
    /// otherwise every column but the targets, which must then be as many as the model's inputs.
    /// </summary>
    public static (ModelDocument Model, Dataset Data) Load(string modelPath, string dataPath, IReadOnlyList<string> targets) =>
        Load(ModelFile.Load(modelPath), dataPath, targets);

    /// <summary>Like <see cref="Load(string, string, IReadOnlyList{string})"/>, with the targets given by <paramref name="targetOption"/> or else named by the model.</summary>
    public static (ModelDocument Model, Dataset Data) LoadLabelled(string modelPath, string dataPath, string? targetOption)
    {
        var model = ModelFile.Load(modelPath);
        var targets = targetOption is string t ? Parse.List(t) : model.Preprocessing?.Target.Columns.ToArray() ?? model.Targets?.ToArray()
            ?? throw new BackpropException("give --target: the model does not name its target columns", modelPath);
        return Load(model, dataPath, targets);
    }

    /// <summary>
    /// The class names when the model is a classifier: those of its preprocessing, or, when its outputs are probabilities and
    /// the targets 0/1, "0" and "1" for one output or the model's target names (else 0, 1, …) for several; null for regression.
    /// </summary>
    public static IReadOnlyList<string>? Classes(ModelDocument model, Network<double> network, Matrix<double> targets) =>
        model.Preprocessing?.Target.Classes
        ?? (ClassificationMetrics.IsClassification(network.Layers[^1].Activation, targets)
            ? (network.Outputs == 1 ? ["0", "1"] : model.Targets ?? Enumerable.Range(0, network.Outputs).Select(k => k.ToString(CultureInfo.InvariantCulture)).ToList())
            : null);

    private static (ModelDocument Model, Dataset Data) Load(ModelDocument model, string dataPath, IReadOnlyList<string> targets)
    {
        if (ArrayData.Is(dataPath))
        {
            var arrays = ArrayData.Load(dataPath);
            var encoded = ArrayData.Encode(dataPath, arrays, model.Preprocessing ?? ArrayData.Preprocessor(arrays));
            if (encoded.Features.Columns != model.Inputs)
                throw new DataFormatException($"the model takes {model.Inputs} inputs but the data has {encoded.Features.Columns}", dataPath);
            return (model, targets.Count > 0 ? encoded : new Dataset(encoded.Features, new Tensors.Matrix<double>(encoded.Count, 0), encoded.FeatureNames, [], dataPath));
        }
        if (model.Preprocessing is { } pre)
        {
            // Raw rows: the model knows its columns and how to encode them.
            if (targets.Count > 0 && !targets.SequenceEqual(pre.Target.Columns))
                throw new DataFormatException($"the model was trained to predict {string.Join(", ", pre.Target.Columns)}, not {string.Join(", ", targets)}", dataPath);
            var table = CsvTable.Read(dataPath);
            var features = pre.EncodeFeatures(table);
            var encoded = targets.Count > 0 ? pre.EncodeTargets(table) : new Tensors.Matrix<double>(features.Rows, 0);
            return (model, new Dataset(features, encoded, pre.FeatureNames, targets.Count > 0 ? pre.Target.OutputNames : [], dataPath));
        }
        var data = Dataset.FromCsv(dataPath, targets, model.Features);
        if (data.Features.Columns != model.Inputs)
            throw new DataFormatException(
                $"the model takes {model.Inputs} inputs but the file has {data.Features.Columns} feature columns ({string.Join(", ", data.FeatureNames)})", dataPath);
        int outputs = model.Layers[^1].Units;
        if (data.Targets.Columns > 0 && data.Targets.Columns != outputs)
            throw new DataFormatException($"the model has {outputs} outputs but {data.Targets.Columns} target columns were given", dataPath);
        return (model, data);
    }
}

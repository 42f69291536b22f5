using System.Globalization;
using System.Numerics;
using Backprop.Data;
using Backprop.Data.Csv;
using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;
using Backprop.Layers;
using Backprop.Metrics;
using Backprop.Serialization;
using Backprop.Tensors;

namespace Backprop.Estimators.Preparation;

/// <summary>
/// A saved model and the data to feed it, read and checked against each other: the model's own preprocessing encodes a
/// table's columns (or, for a model without one, its named numeric columns), as <c>backprop predict</c> and
/// <c>evaluate</c> read their data.
/// </summary>
internal static class ModelData
{
    /// <summary>The target columns: <paramref name="given"/>, or else the model's.</summary>
    /// <exception cref="BackpropException">None are given and the model names none.</exception>
    public static IReadOnlyList<string> Targets(ModelDocument model, string modelPath, IReadOnlyList<string>? given) =>
        given ?? model.Preprocessing?.Target.Columns.ToArray() ?? model.Targets?.ToArray()
            ?? throw new BackpropException($"give {Setting.EvaluationTargets}: the model does not name its target columns", modelPath);

    /// <summary>True when the model was trained in single precision (and so runs in it).</summary>
    public static bool IsFloat(ModelDocument model) => model.Training?.Precision == "float";

    /// <summary>
    /// Opens a CSV to stream through <paramref name="model"/>: the preprocessing to encode its blocks with (the model's,
    /// or its named numeric columns) and the reader, its header checked against the model.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="dataPath">The table.</param>
    /// <param name="targets">The target columns to read too; empty for features alone.</param>
    /// <param name="csv">How to read it.</param>
    /// <param name="open">Opens a table file (Parquet, say); null for CSV.</param>
    public static (Preprocessor Preprocessor, ITableReader Reader) OpenTable(ModelDocument model, string dataPath, IReadOnlyList<string> targets,
        CsvReadOptions csv,
        Func<string, CsvReadOptions, ITableReader>? open = null)
    {
        open ??= TableFormats.Open;
        if (model.Preprocessing is { } pre)
        {
            if (targets.Count > 0 && !targets.SequenceEqual(pre.Target.Columns))
                throw new DataFormatException($"the model was trained to predict {string.Join(", ", pre.Target.Columns)}, not " +
                    $"{string.Join(", ", targets)}", dataPath);
            var reader = open(dataPath, csv with { CategoricalColumns = pre.CategoricalColumns });
            try
            {
                foreach (var column in pre.Inputs) reader.ColumnIndex(column.Name);
                foreach (var column in targets) reader.ColumnIndex(column);
            }
            catch { reader.Dispose(); throw; }
            // Without targets to read, the encoding keeps only how the outputs are turned back (a standardised target's mean and scale).
            var outputsOnly = new TargetEncoding([]) { Mean = pre.Target.Mean, Scale = pre.Target.Scale };
            return (targets.Count > 0 ? pre : pre with { Target = outputsOnly }, reader);
        }
        var plain = open(dataPath, csv);
        try
        {
            var targetIndices = targets.Select(plain.ColumnIndex).ToArray();
            var features = model.Features ?? plain.Header.Where((_, c) => !targetIndices.Contains(c)).ToList();
            foreach (var f in features) plain.ColumnIndex(f);
            if (features.Count != model.Inputs)
                throw new DataFormatException($"the model takes {model.Inputs} inputs but the file has {features.Count} feature columns " +
                    $"({string.Join(", ", features)})", dataPath);
            int outputs = model.Layers[^1].Units;
            if (targets.Count > 0 && targets.Count != outputs)
                throw new DataFormatException($"the model has {outputs} outputs but {targets.Count} target columns were given", dataPath);
            return (Preprocessor.Numeric(features, targets), plain);
        }
        catch { plain.Dispose(); throw; }
    }

    /// <summary>
    /// The class names when the model is a classifier: those of its preprocessing, or, when its outputs are probabilities and
    /// the targets 0/1, "0" and "1" for one output or the model's target names (else 0, 1, …) for several; null for regression.
    /// </summary>
    public static IReadOnlyList<string>? Classes<T>(ModelDocument model, Network<T> network, Matrix<double> targets) where T : unmanaged,
        IFloatingPointIeee754<T> =>
        model.Preprocessing?.Target.Classes
        ?? (ClassificationMetrics.IsClassification(network.Layers[^1].Activation, targets)
            ? (network.Outputs == 1 ? ["0", "1"] : model.Targets ?? Enumerable.Range(0, network.Outputs)
                .Select(k => k.ToString(CultureInfo.InvariantCulture)).ToList())
            : null);

    /// <summary>Reads the whole of <paramref name="dataPath"/> for <paramref name="model"/> (CSV, MNIST images or a MAT-file), encoded in
    /// double.</summary>
    /// <param name="model">The model.</param>
    /// <param name="dataPath">The data.</param>
    /// <param name="targets">The target columns to read too; empty for features alone.</param>
    /// <param name="csv">How to read a CSV.</param>
    /// <param name="open">Opens a table file (Parquet, say); null for CSV.</param>
    public static (ModelDocument Model, Dataset Data) Load(ModelDocument model, string dataPath, IReadOnlyList<string> targets, CsvReadOptions csv,
        Func<string, CsvReadOptions, ITableReader>? open = null)
    {
        if (ArrayData.Is(dataPath))
        {
            var arrays = ArrayData.Load(dataPath);
            var encoded = ArrayData.Encode(dataPath, arrays, model.Preprocessing ?? ArrayData.Preprocessor(arrays));
            if (encoded.Features.Columns != model.Inputs)
                throw new DataFormatException($"the model takes {model.Inputs} inputs but the data has {encoded.Features.Columns}", dataPath);
            return (model, targets.Count > 0 ? encoded
                : new Dataset(encoded.Features, new Matrix<double>(encoded.Count, 0), encoded.FeatureNames, [], dataPath));
        }
        var (pre, reader) = OpenTable(model, dataPath, targets, csv, open);
        using (reader)
        {
            var table = reader.ReadBlock(int.MaxValue)!;
            var features = pre.EncodeFeatures(table);
            var encoded = targets.Count > 0 ? pre.EncodeTargets(table) : new Matrix<double>(features.Rows, 0);
            return (model, new Dataset(features, encoded, pre.FeatureNames, targets.Count > 0 ? pre.Target.OutputNames : [], dataPath));
        }
    }
}

using System.Numerics;
using Backprop.Data.Csv;
using Backprop.Data.Preparation;
using Backprop.Serialization;

namespace Backprop.Data.Output;

/// <summary>
/// A saved model run over a file, as <c>backprop predict</c> does it: the rows read, encoded by the model's own
/// preprocessing and predicted a block at a time in the model's precision, so memory does not grow with the file; the
/// outputs (class and probabilities for a classifier) go to a sink, such as a <see cref="PredictionCsv"/>.
/// </summary>
public static class ModelPrediction
{
    /// <summary>Predicts every row of <paramref name="dataPath"/> with <paramref name="model"/> into <paramref name="sink"/>, then flushes
    /// it.</summary>
    /// <param name="model">The model.</param>
    /// <param name="dataPath">A CSV (<c>-</c> for standard input; or a table <paramref name="open"/> opens), MNIST images or a MAT-file.</param>
    /// <param name="sink">Where the predictions go.</param>
    /// <param name="csv">How to read a CSV; null for the defaults.</param>
    /// <param name="open">Opens a table file of another format (Parquet, say); null for CSV.</param>
    /// <exception cref="Diagnostics.BackpropException">The data does not fit the model.</exception>
    public static void Write(ModelDocument model, string dataPath, IPredictionSink sink, CsvReadOptions? csv = null, Func<string, CsvReadOptions,
        ITableReader>? open = null)
    {
        if (ModelData.IsFloat(model)) Write<float>(model, dataPath, sink, csv ?? new CsvReadOptions(), open);
        else Write<double>(model, dataPath, sink, csv ?? new CsvReadOptions(), open);
    }

    /// <summary>The names of the model's outputs, as a sink heads its columns: its target names, or <c>y1</c>, <c>y2</c>, ….</summary>
    public static IReadOnlyList<string> OutputNames(ModelDocument model) =>
        model.Targets ?? Enumerable.Range(1, model.Layers[^1].Units).Select(k => $"y{k}").ToList();

    private static void Write<T>(ModelDocument model, string dataPath, IPredictionSink sink, CsvReadOptions csv, Func<string, CsvReadOptions,
        ITableReader>? open)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var network = model.ToNetwork<T>();
        if (ArrayData.Is(dataPath))
        {
            var (_, data) = ModelData.Load(model, dataPath, [], csv);
            sink.Write(BlockPrediction.Predict(network, data.FeaturesAs<T>()));
            sink.Flush();
            return;
        }
        var (pre, reader) = ModelData.OpenTable(model, dataPath, [], csv, open);
        using (reader) TablePrediction.Write(network, pre, reader.Blocks(TablePrediction.DefaultBlockRows), sink);
    }
}

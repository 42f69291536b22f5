using System.Numerics;
using Backprop.Data;
using Backprop.Data.Csv;
using Backprop.Data.Output;
using Backprop.Estimators.Preparation;
using Backprop.Metrics;

namespace Backprop.Estimators;

/// <summary>Predictions of a whole table or file into a sink, streamed a block at a time, and measures on labelled data.</summary>
public sealed partial class Model
{
    /// <summary>
    /// Predicts every row of <paramref name="dataPath"/> into <paramref name="sink"/> and flushes it: the rows are read,
    /// encoded by the model's preprocessing and run a block at a time in the model's precision, so memory does not grow
    /// with the file.
    /// </summary>
    /// <param name="dataPath">A CSV (<c>-</c> for standard input; or a table <paramref name="open"/> opens), MNIST images or a MAT-file.</param>
    /// <param name="sink">Where the predictions go: <see cref="CsvSink"/>, or another format's.</param>
    /// <param name="csv">How to read a CSV; null for the defaults.</param>
    /// <param name="open">Opens a table file of another format (Parquet, say); null for CSV.</param>
    /// <returns>The rows written.</returns>
    /// <exception cref="Diagnostics.BackpropException">The data does not fit the model.</exception>
    public long Predict(string dataPath, IPredictionSink sink, CsvReadOptions? csv = null, Func<string, CsvReadOptions, ITableReader>? open = null)
    {
        ArgumentNullException.ThrowIfNull(dataPath);
        ArgumentNullException.ThrowIfNull(sink);
        _ = PredictionColumns; // a clash of column names is refused before anything is predicted
        if (IsFloat) Write<float>(dataPath, sink, csv ?? new CsvReadOptions(), open);
        else Write<double>(dataPath, sink, csv ?? new CsvReadOptions(), open);
        return sink.Rows;
    }

    private void Write<T>(string dataPath, IPredictionSink sink, CsvReadOptions csv, Func<string, CsvReadOptions, ITableReader>? open)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (ArrayData.Is(dataPath))
        {
            var (_, data) = ModelData.Load(Document, dataPath, [], csv);
            sink.Write(Run(data.FeaturesAs<T>()));
            sink.Flush();
            return;
        }
        var (pre, reader) = ModelData.OpenTable(Document, dataPath, [], csv, open);
        using (reader) TablePrediction.Write(NetworkIn<T>(), pre, reader.Blocks(TablePrediction.BlockRowsOf<T>(pre)), sink);
    }

    /// <summary>Predicts every row of <paramref name="table"/> into <paramref name="sink"/>, as the other <c>Predict</c> does a file.</summary>
    public long Predict(CsvTable table, IPredictionSink sink)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Predict(table.Path, sink, null, (_, _) => new TableBlocks(table));
    }

    /// <summary>A sink writing the predictions as CSV to <paramref name="writer"/>, with the columns of <see cref="PredictionColumns"/>.</summary>
    public IPredictionSink CsvSink(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return new PredictionCsv(writer, Preprocessing?.Target, OutputNames);
    }

    /// <summary>
    /// Measures the model on labelled <paramref name="dataPath"/>, as <c>backprop evaluate</c> does: read and run a block at a
    /// time in the model's precision, with the loss it was trained with (or <paramref name="options"/>'), accuracy, F1,
    /// confusion and log-loss for a classifier, RMSE, MAE and R² for numbers.
    /// </summary>
    /// <exception cref="Diagnostics.BackpropException">The data does not fit the model, or a setting does not apply to it.</exception>
    public ModelEvaluation Evaluate(string dataPath, EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataPath);
        return Measure(dataPath, options ?? new EvaluationOptions());
    }

    /// <summary>Measures the model on labelled <paramref name="table"/>, as <see cref="Evaluate(string, EvaluationOptions?)"/> a file.</summary>
    public ModelEvaluation Evaluate(CsvTable table, EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var given = options ?? new EvaluationOptions();
        return Measure(table.Path, given with { OpenTable = (_, _) => new TableBlocks(table) });
    }

    private ModelEvaluation Measure(string dataPath, EvaluationOptions options) => IsFloat
        ? ModelEvaluation.Of(Document, NetworkIn<float>(), Path ?? dataPath, dataPath, options)
        : ModelEvaluation.Of(Document, NetworkIn<double>(), Path ?? dataPath, dataPath, options);

    /// <summary>
    /// Runs the model on every row of labelled <paramref name="dataPath"/> held in memory (CSV, another table format
    /// <paramref name="open"/> opens, MNIST images or a MAT-file): the rows, the outputs and the measures, for pictures.
    /// </summary>
    /// <param name="dataPath">The labelled data.</param>
    /// <param name="targets">The target columns; null for the model's.</param>
    /// <param name="open">Opens a table file of another format (Parquet, say); null for CSV.</param>
    public LabelledPredictions PredictLabelled(string dataPath, IReadOnlyList<string>? targets = null,
        Func<string, CsvReadOptions, ITableReader>? open = null)
    {
        ArgumentNullException.ThrowIfNull(dataPath);
        var data = LabelledData(dataPath, targets, open);
        var outputs = IsFloat ? ToDouble(Run(data.FeaturesAs<float>())) : Run(data.FeaturesAs<double>());
        return new LabelledPredictions(data, outputs, ModelData.Classes(Document, Network, data.Targets));
    }

    /// <summary>
    /// Every row of labelled <paramref name="dataPath"/> encoded in double by the model's preprocessing (or, for a model
    /// without one, its named numeric columns), with the target columns given or else the model's: the data that
    /// <c>explain</c> and <c>gradcheck</c> run the network on.
    /// </summary>
    internal Dataset LabelledData(string dataPath, IReadOnlyList<string>? targets, Func<string, CsvReadOptions, ITableReader>? open) =>
        ModelData.Load(Document, dataPath, ModelData.Targets(Document, Path ?? dataPath, targets), new CsvReadOptions(), open).Data;

    /// <summary>True when training held out rows class by class (<c>--stratify</c>, or a classifier's default split).</summary>
    public bool HeldOutByClass => Document.Options is { } o && Preprocessing?.Target is { IsClassification: true }
        && (o.Stratify || (o.ValidationFraction is null && o.ValidationData is null));

    /// <summary>
    /// The rows of a data file of <paramref name="rowCount"/> rows that training held out, when it is the file the model was
    /// trained on (the name and number of rows its record holds): the split found again from the recorded fraction, shuffle
    /// and seed, and for rows held out class by class (<c>--stratify</c>, or a classifier's default split) from
    /// <paramref name="classes"/>, each row's class. Null when the model records no held-out rows, another file, a shuffle
    /// by a seed it does not record, or a split by class without the classes (or with rows left out for their gaps).
    /// </summary>
    /// <param name="dataPath">The data file.</param>
    /// <param name="rowCount">Its number of rows.</param>
    /// <param name="classes">The class index of each row of the file, for a split by class; any numbering will do.</param>
    public int[]? HeldOutRows(string dataPath, int rowCount, IReadOnlyList<int>? classes = null)
    {
        ArgumentNullException.ThrowIfNull(dataPath);
        if (Training is not { ValidationSplit: > 0 } t || t.Data != System.IO.Path.GetFileName(dataPath) || t.Rows != rowCount) return null;
        if (t.Shuffle && t.Seed is null) return null;
        if (!HeldOutByClass) return PreparedData.Split(rowCount, t.ValidationSplit, t.Shuffle, t.Seed ?? 0).Validation;
        if (classes is null || classes.Count != rowCount || Document.Options!.Missing == Data.Preprocessing.MissingValues.Drop) return null;
        return Data.Preprocessing.TableSplit.StratifiedWherePossible(classes, t.ValidationSplit, t.Shuffle, t.Seed ?? 0).Validation;
    }
}

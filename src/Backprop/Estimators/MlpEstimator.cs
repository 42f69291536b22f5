using Backprop.Data;
using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Serialization;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Estimators;

/// <summary>
/// What a classifier and a regressor share: fitting on a table (preparing its columns, holding out rows, training),
/// encoding raw rows, and saving and loading everything training knows as a model file that <c>backprop predict</c>,
/// <c>evaluate</c>, <c>report</c> and <c>plot</c> read.
/// </summary>
public abstract class MlpEstimator
{
    private protected MlpEstimator(MlpOptions options) => Options = options;

    private protected MlpEstimator(ModelDocument model)
    {
        Preprocessor = model.Preprocessing ?? throw new ModelFormatException("the model has no preprocessing section: it was not trained from a table", null);
        Network = model.ToNetwork<double>();
        Options = MlpOptions.Of(model);
        History = model.Training is { } summary ? TrainingRecord.History(summary) : [];
        Model = model;
    }

    /// <summary>The settings it was made with.</summary>
    public MlpOptions Options { get; }

    /// <summary>The trained network; null before <see cref="Fit(CsvTable, string, IReadOnlyList{int}?, CancellationToken, CsvTable?)"/>.</summary>
    public Network<double>? Network { get; private set; }

    /// <summary>How raw columns become the network's inputs and outputs; null before fitting.</summary>
    public Preprocessor? Preprocessor { get; private set; }

    /// <summary>Every epoch's training loss and held-out measures; empty for a loaded model that recorded none.</summary>
    public IReadOnlyList<EpochRecord> History { get; private set; } = [];

    /// <summary>The rows of the table held out by <see cref="MlpOptions.ValidationFraction"/> in the last fit (empty when none).</summary>
    public IReadOnlyList<int> ValidationRows { get; private set; } = [];

    /// <summary>The model as a file holds it (network, preprocessing, training summary and state).</summary>
    public ModelDocument? Model { get; private set; }

    private protected abstract bool Classifies { get; }

    /// <summary>Reads <paramref name="path"/> (CSV) and fits on all its rows; every column but <paramref name="target"/> is a feature.</summary>
    public MlpEstimator Fit(string path, string target)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(target);
        return Fit(TableFormats.Read(path), target);
    }

    /// <summary>Fits on <paramref name="rows"/> of <paramref name="table"/> (every row when null); every column but <paramref name="target"/> is a feature.</summary>
    /// <exception cref="BackpropException">A column cannot be prepared, or a setting is out of range.</exception>
    /// <param name="table">The table.</param>
    /// <param name="target">The column to predict.</param>
    /// <param name="rows">The rows to fit on (every row when null).</param>
    /// <param name="cancellation">Stops the training at the end of a batch; the estimator then holds the weights reached (check the token).</param>
    /// <param name="validation">
    /// A table with the same columns to watch instead of held-out rows, prepared as the training rows are (Keras's
    /// <c>validation_data</c>): its loss and accuracy each epoch, and early stopping with <see cref="MlpOptions.Patience"/>;
    /// <see cref="MlpOptions.ValidationFraction"/> must then be 0. Null for none.
    /// </param>
    public MlpEstimator Fit(CsvTable table, string target, IReadOnlyList<int>? rows = null, CancellationToken cancellation = default, CsvTable? validation = null)
    {
        Data.Rows.RowArguments.Check(table, rows);
        ArgumentNullException.ThrowIfNull(target);
        if (validation is not null && Options.ValidationFraction > 0)
            throw new BackpropException($"give a validation fraction ({Options.ValidationFraction}) or a validation table, not both", validation.Path);
        if (Options.Classes is not null && !Classifies)
            throw new BackpropException($"Classes declares the classes of a classifier, but a regressor's target '{target}' holds numbers to predict: use an MlpClassifier", table.Path);
        var options = new PreprocessingOptions { Targets = [target], Standardize = Options.Standardize ? [] : null, ClassifyNumericTarget = Classifies,
            Excluded = Options.SampleWeightColumn is string weightColumn ? [weightColumn] : [], Classes = Options.Classes };
        var all = rows?.ToArray() ?? Enumerable.Range(0, table.RowCount).ToArray();
        if (Options.Stratify && !Classifies) throw new BackpropException($"{Setting.MlpStratify} keeps class proportions, but a regressor's target '{target}' holds numbers to predict", table.Path);
        var split = Options.Stratify ? TableSplit.Stratified(ClassLabels.Of(table, target, all), Options.ValidationFraction, shuffle: true, Options.Seed, Setting.ValidationFraction)
            : TableSplit.Of(all.Length, Options.ValidationFraction, shuffle: true, Options.Seed, Setting.ValidationFraction);
        int[] train = split.Train.Select(r => all[r]).ToArray(), held = split.Validation.Select(r => all[r]).ToArray();
        var pre = Preprocessor.Fit(table, options, train);
        if (!Classifies && pre.Target.IsClassification) throw new BackpropException($"the target column '{target}' holds text: use an MlpClassifier", table.Path);
        var data = pre.Encode<double>(table, train);
        var watched = validation is not null ? pre.Encode<double>(validation) : held.Length > 0 ? pre.Encode<double>(table, held) : null;
        var loss = TrainingDefaults.Loss(pre.Target);
        string output = TrainingDefaults.OutputActivation(pre.Target, loss);
        if (!(Options.Dropout >= 0 && Options.Dropout < 1)) throw new BackpropException($"the dropout rate must be at least 0 and below 1, not {Options.Dropout}");
        var spec = new NetworkSpec { HiddenLayers = Options.HiddenLayers, Activations = [Options.Activation], OutputActivation = output, Dropout = Options.Dropout > 0 ? [Options.Dropout] : null };
        var network = spec.Build<double>(pre.FeatureCount, pre.Target, loss, Options.Seed);
        var objective = new Objective(loss, Reduction.Mean, Options.L2);
        var training = new TrainingOptions
        {
            Objective = objective, Optimizer = Optimizers.Optimizer.Create(Options.Optimizer), LearningRate = Options.LearningRate,
            Epochs = Options.Epochs, BatchSize = Options.BatchSize, Seed = Options.Seed, Patience = Options.Patience,
            SampleWeights = Options.SampleWeightColumn is string column ? SampleWeightColumn.Read(table, column, train, Setting.MlpSampleWeight) : null,
            ValidationSampleWeights = Options.SampleWeightColumn is not string heldColumn ? null
                : validation is not null ? SampleWeightColumn.Read(validation, heldColumn, null, Setting.MlpSampleWeight)
                : held.Length > 0 ? SampleWeightColumn.Read(table, heldColumn, held, Setting.MlpSampleWeight) : null,
            ClassWeights = Options.ClassWeight is { } classWeight
                ? classWeight.Resolve(pre.Target.Classes ?? throw new BackpropException("class weights need class targets: use an MlpClassifier"), data.Targets) : null,
        };
        var result = Trainer.Train(network, data.Features, data.Targets, training,
            cancellationToken: cancellation, validation: watched is null ? null : (watched.Features, watched.Targets));
        (Network, Preprocessor, History) = (network, pre, result.History);
        ValidationRows = held;
        Model = TrainingRecord.Build(network, pre, training, result, Path.GetFileName(table.Path), all.Length, Options.ValidationFraction,
            Options.SampleWeightColumn, validation is null ? null : Path.GetFileName(validation.Path));
        return this;
    }

    /// <summary>The target column of a table made from arrays (<see cref="TableBuilder.FromArrays"/>).</summary>
    private protected const string ArrayTarget = "y";

    /// <summary>
    /// <paramref name="features"/> as a table with the columns the fitted model reads (in their order), and
    /// <paramref name="target"/> as its target column when given.
    /// </summary>
    private protected CsvTable ArrayTable<TTarget>(double[,] features, IReadOnlyList<TTarget>? target)
    {
        ArgumentNullException.ThrowIfNull(features);
        var pre = Prepared();
        if (features.GetLength(1) != pre.Inputs.Count)
            throw new ArgumentException($"The features have {features.GetLength(1)} columns; the model reads {pre.Inputs.Count} ({string.Join(", ", pre.Inputs.Select(c => c.Name))}).", nameof(features));
        string targetName = pre.Target.Columns.Count == 1 ? pre.Target.Columns[0] : ArrayTarget;
        return TableBuilder.FromArrays(features, target, targetName, pre.Inputs.Select(c => c.Name).ToArray());
    }

    /// <summary>The network's outputs for <paramref name="rows"/> of <paramref name="table"/> (every row when null).</summary>
    private protected Matrix<double> Outputs(CsvTable table, IReadOnlyList<int>? rows)
    {
        Data.Rows.RowArguments.Check(table, rows);
        return Fitted().Predict(Prepared().EncodeFeatures<double>(table, rows));
    }

    /// <summary>The network's outputs for one row of raw values given in the order of the table's feature columns.</summary>
    private protected double[] Outputs(IReadOnlyList<double> row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var pre = Prepared();
        if (row.Count != pre.Inputs.Count)
            throw new ArgumentException($"The row has {row.Count} values; the model reads {pre.Inputs.Count} columns ({string.Join(", ", pre.Inputs.Select(c => c.Name))}).", nameof(row));
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        for (int i = 0; i < row.Count; i++) values[pre.Inputs[i].Name] = row[i];
        return Outputs(values);
    }

    /// <summary>The network's outputs for one row given as column name → value (numbers, or text for a text column).</summary>
    private protected double[] Outputs(IReadOnlyDictionary<string, object> row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var pre = Prepared();
        var x = new Matrix<double>(1, pre.FeatureCount);
        int offset = 0;
        foreach (var column in pre.Inputs)
        {
            if (!row.TryGetValue(column.Name, out var value)) throw new ArgumentException($"The row has no value for column '{column.Name}'.", nameof(row));
            string text = value is IFormattable f ? f.ToString(null, System.Globalization.CultureInfo.InvariantCulture) : value?.ToString() ?? "";
            column.Encode(text, x.Row(0)[offset..], "the row", column.Name);
            offset += column.Width;
        }
        return [.. Fitted().Predict(x).Row(0)];
    }

    /// <summary>Saves everything training knows, atomically, as a model file.</summary>
    public void Save(string path) => ModelFile.Save(path, Model ?? throw new InvalidOperationException("Fit the model before saving it."));

    private protected Network<double> Fitted() => Network ?? throw new InvalidOperationException("Fit the model first.");

    private protected Preprocessor Prepared() => Preprocessor ?? throw new InvalidOperationException("Fit the model first.");

    private protected static ModelDocument Read(string path) => ModelFile.Load(path);
}

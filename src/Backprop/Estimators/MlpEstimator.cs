using Backprop.Runs;
using Backprop.Data;
using Backprop.Estimators.Preparation;
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
public abstract partial class MlpEstimator
{
    private protected MlpEstimator(MlpOptions options) => Options = options;

    private protected MlpEstimator(Estimators.Model fitted) : this(fitted.Document) => _fitted = fitted;

    private protected MlpEstimator(ModelDocument model)
    {
        Preprocessor = model.Preprocessing ??
            throw new ModelFormatException("the model has no preprocessing section: it was not trained from a table", null);
        Network = model.ToNetwork<double>();
        Options = SavedOptions.Of(model);
        History = model.Training is { } summary ? TrainingRecord.History(summary) : [];
        Model = model;
    }

    /// <summary>The settings it was made with.</summary>
    public MlpOptions Options { get; private set; }

    /// <summary>The trained network; null before <see cref="Fit(CsvTable, string, IReadOnlyList{int}?, FitControl?)"/>.</summary>
    public Network<double>? Network { get; private set; }

    /// <summary>How raw columns become the network's inputs and outputs; null before fitting.</summary>
    public Preprocessor? Preprocessor { get; private set; }

    /// <summary>Every epoch's training loss and held-out measures; empty for a loaded model that recorded none.</summary>
    public IReadOnlyList<EpochRecord> History { get; private set; } = [];

    /// <summary>The rows of the table held out by <see cref="MlpOptions.ValidationFraction"/> in the last fit (empty when none).</summary>
    public IReadOnlyList<int> ValidationRows { get; private set; } = [];

    /// <summary>The model as a file holds it (network, preprocessing, training summary and state).</summary>
    public ModelDocument? Model { get; private set; }

    /// <summary>
    /// The fitted model (network, preprocessing and training record) that predicts, evaluates and saves, as
    /// <c>backprop predict</c> does; null before fitting. It follows <see cref="Model"/>: a new fit gives a new one.
    /// </summary>
    public Estimators.Model? FittedModel =>
        Model is not { } document ? null
        : _fitted is { } fitted && ReferenceEquals(fitted.Document, document) ? fitted
        : _fitted = new Estimators.Model(document);

    private Estimators.Model? _fitted;

    /// <summary>True for a classifier, false for a regressor, null when the target decides (<see cref="For"/>).</summary>
    private protected abstract bool? Classifies { get; }

    /// <summary>The estimator of <see cref="For"/>.</summary>
    private sealed class TaskFromTarget(MlpOptions options) : MlpEstimator(options)
    {
        private protected override bool? Classifies => null;
    }

    /// <summary>
    /// An estimator with <paramref name="options"/> that classifies when the target holds classes — a text column,
    /// <see cref="MlpOptions.Classify"/>, <see cref="MlpOptions.Classes"/>, or a cross-entropy <see cref="MlpOptions.Loss"/>
    /// on one column — and regresses otherwise: the non-generic entry for a program that learns the task from the data
    /// (the CLI). A library caller who knows the task takes an <see cref="MlpClassifier"/> or an <see cref="MlpRegressor"/>.
    /// </summary>
    public static MlpEstimator For(MlpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new TaskFromTarget(options);
    }

    /// <summary>
    /// Reads <paramref name="path"/> — a CSV file (<c>-</c> for standard input), a Parquet file, MNIST images or a MAT-file —
    /// and fits on its rows, as <c>backprop train</c> does: the one route from a file to a fitted model.
    /// </summary>
    /// <param name="path">The data file.</param>
    /// <param name="targets">The column(s) to predict (empty for MNIST images and MAT-files, whose labels are the target).</param>
    /// <param name="control">
    /// What a long run needs besides its options: a model file to save to, with checkpoints; a run to resume or a model to
    /// start from; a log; a test file; cancellation and progress. Null for none: nothing is written.
    /// </param>
    /// <returns>This estimator, fitted.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="targets"/> is null.</exception>
    /// <exception cref="BackpropException">A file cannot be read or prepared, or a setting is out of range.</exception>
    /// <exception cref="FitDivergedException">The loss stopped being finite; the estimator holds the last good model.</exception>
    /// <remarks>
    /// A cancellation (<see cref="FitControl.Cancellation"/>) stops the run at the end of a batch, without an exception:
    /// the estimator then holds the weights reached and the state to resume (the run's stop reason is
    /// <see cref="StopReason.Cancelled"/>), and <see cref="FitControl.SavePath"/> gets them; a token cancelled before the
    /// first batch trains nothing and writes nothing. Only a preparation streamed to the row cache on disk is stopped
    /// mid-file, with <see cref="OperationCanceledException"/> (the cache deleted, nothing to hold).
    /// </remarks>
    public MlpEstimator Fit(string path, IReadOnlyList<string> targets, FitControl? control = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count == 0 && ArrayData.Is(path)) targets = ["label"];
        FitAny(new FitData(path, null, null, null), targets, control);
        return this;
    }

    /// <summary>Reads <paramref name="path"/> and fits on all its rows; every column but <paramref name="target"/> is a feature.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="target"/> is null.</exception>
    public MlpEstimator Fit(string path, string target)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(target);
        return Fit(path, [target]);
    }

    /// <summary>Fits on <paramref name="rows"/> of <paramref name="table"/> (every row when null); every column but <paramref name="target"/> is a
    /// feature.</summary>
    /// <param name="table">The table.</param>
    /// <param name="target">The column to predict.</param>
    /// <param name="rows">The rows to fit on (every row when null).</param>
    /// <param name="control">What the run reports, saves and is stopped by (<see cref="Fit(string, IReadOnlyList{string}, FitControl?)"/>); null for
    /// none.</param>
    /// <returns>This estimator, fitted.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="target"/> is null.</exception>
    /// <exception cref="BackpropException">A column cannot be prepared, or a setting is out of range.</exception>
    /// <exception cref="FitDivergedException">The loss stopped being finite; the estimator holds the last good model.</exception>
    /// <remarks>A cancellation stops the run without an exception, as for a file: check the token, or <see cref="History"/>.</remarks>
    public MlpEstimator Fit(CsvTable table, string target, IReadOnlyList<int>? rows = null, FitControl? control = null)
    {
        Data.Rows.RowArguments.Check(table, rows);
        ArgumentNullException.ThrowIfNull(target);
        FitAny(new FitData(null, table, rows, null), [target], control);
        return this;
    }

    /// <summary>Fits on <paramref name="rows"/> of <paramref name="table"/>, stopped by <paramref name="cancellation"/>.</summary>
    /// <exception cref="BackpropException">A column cannot be prepared, or a setting is out of range.</exception>
    /// <param name="table">The table.</param>
    /// <param name="target">The column to predict.</param>
    /// <param name="rows">The rows to fit on (every row when null).</param>
    /// <param name="cancellation">Stops the training at the end of a batch; the estimator then holds the weights reached (check the token).</param>
    /// <param name="validation">
    /// A table with the same columns to watch instead of held-out rows, prepared as the training rows are (Keras's
    /// <c>validation_data</c>): its loss and accuracy each epoch, and early stopping with <see cref="MlpOptions.Patience"/>;
    /// <see cref="MlpOptions.ValidationFraction"/> must then be 0 or null. Null for none.
    /// </param>
    public MlpEstimator Fit(CsvTable table, string target, IReadOnlyList<int>? rows, CancellationToken cancellation, CsvTable? validation = null)
    {
        Data.Rows.RowArguments.Check(table, rows);
        ArgumentNullException.ThrowIfNull(target);
        FitAny(new FitData(null, table, rows, validation), [target], new FitControl { Cancellation = cancellation });
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
            throw new ArgumentException($"The features have {features.GetLength(1)} columns; the model reads {pre.Inputs.Count} " +
                $"({string.Join(", ", pre.Inputs.Select(c => c.Name))}).", nameof(features));
        string targetName = pre.Target.Columns.Count == 1 ? pre.Target.Columns[0] : ArrayTarget;
        return TableBuilder.FromArrays(features, target, targetName, pre.Inputs.Select(c => c.Name).ToArray());
    }

    /// <summary>The network's outputs for <paramref name="rows"/> of <paramref name="table"/> (every row when null).</summary>
    private protected Matrix<double> Outputs(CsvTable table, IReadOnlyList<int>? rows) => Predictor().PredictOutputs(table, rows);

    /// <summary>The network's outputs for one row of raw values given in the order of the table's feature columns.</summary>
    private protected double[] Outputs(IReadOnlyList<double> row) => Predictor().PredictOutputs(row);

    /// <summary>The network's outputs for one row given as column name → value (numbers, or text for a text column).</summary>
    private protected double[] Outputs(IReadOnlyDictionary<string, object> row) => Predictor().PredictOutputs(row);

    /// <summary>Saves everything training knows, atomically, as a model file.</summary>
    public void Save(string path) => (FittedModel ?? throw new InvalidOperationException("Fit the model before saving it.")).Save(path);

    private protected Network<double> Fitted() => Network ?? throw new InvalidOperationException("Fit the model first.");

    private protected Preprocessor Prepared() => Preprocessor ?? throw new InvalidOperationException("Fit the model first.");

    /// <summary>The fitted model every prediction goes through (the same code as <c>backprop predict</c>'s).</summary>
    private protected Estimators.Model Predictor() => FittedModel ?? throw new InvalidOperationException("Fit the model first.");
}

using Backprop.Runs;
using Backprop.Data;
using Backprop.Metrics;
using Backprop.Serialization;

namespace Backprop.Estimators;

/// <summary>
/// A multilayer perceptron that predicts numbers, in the shape of scikit-learn's <c>MLPRegressor</c>: squared error,
/// an identity output, <c>Score</c> as R².
/// </summary>
public sealed partial class MlpRegressor : MlpEstimator
{
    /// <summary>An untrained regressor with <paramref name="options"/> (the defaults when null).</summary>
    public MlpRegressor(MlpOptions? options = null) : base(options ?? new MlpOptions()) { }

    private MlpRegressor(Model model) : base(model)
    {
        if (Prepared().Target.IsClassification)
            throw new Diagnostics.ModelFormatException("the model predicts classes: load it as an MlpClassifier", null);
    }

    private protected override bool? Classifies => false;

    /// <inheritdoc cref="MlpEstimator.Fit(string, IReadOnlyList{string}, FitControl?)"/>
    public new MlpRegressor Fit(string path, IReadOnlyList<string> targets, FitControl? control = null) =>
        (MlpRegressor)base.Fit(path, targets, control);

    /// <inheritdoc cref="MlpEstimator.Fit(string, string)"/>
    public new MlpRegressor Fit(string path, string target) => (MlpRegressor)base.Fit(path, target);

    /// <inheritdoc cref="MlpEstimator.Fit(CsvTable, string, IReadOnlyList{int}?, FitControl?)"/>
    public new MlpRegressor Fit(CsvTable table, string target, IReadOnlyList<int>? rows = null, FitControl? control = null) =>
        (MlpRegressor)base.Fit(table, target, rows, control);

    /// <inheritdoc cref="MlpEstimator.Fit(CsvTable, string, IReadOnlyList{int}?, CancellationToken, CsvTable?)"/>
    public new MlpRegressor Fit(CsvTable table, string target, IReadOnlyList<int>? rows, CancellationToken cancellation,
        CsvTable? validation = null) =>
        (MlpRegressor)base.Fit(table, target, rows, cancellation, validation);

    /// <summary>Loads a model file written by <see cref="MlpEstimator.Save"/> or <c>backprop train</c>.</summary>
    public static MlpRegressor Load(string path) => new(Estimators.Model.Load(path));

    /// <summary>The prediction (the first target) for each of <paramref name="rows"/> of <paramref name="table"/> (every row when null).</summary>
    public double[] Predict(CsvTable table, IReadOnlyList<int>? rows = null)
    {
        var outputs = Outputs(table, rows);
        return Enumerable.Range(0, outputs.Rows).Select(r => outputs[r, 0]).ToArray();
    }

    /// <summary>The prediction for one row of raw feature values, in the table's column order.</summary>
    public double Predict(IReadOnlyList<double> row) => Outputs(row)[0];

    /// <summary>The prediction for one row given as column name → value.</summary>
    public double Predict(IReadOnlyDictionary<string, object> row) => Outputs(row)[0];

    /// <summary>R² on <paramref name="rows"/> of <paramref name="table"/> (every row when null), as scikit-learn's <c>score</c>.</summary>
    public double Score(CsvTable table, IReadOnlyList<int>? rows = null) => Report(table, rows).R2;

    /// <summary>RMSE, MAE and R².</summary>
    public RegressionReport Report(CsvTable table, IReadOnlyList<int>? rows = null) =>
        RegressionReport.Compute(Outputs(table, rows), Prepared().EncodeTargets<double>(table, rows));

    /// <summary>Fits on arrays, as scikit-learn's <c>fit(X, y)</c>: a row of <paramref name="features"/> per sample (the columns x1, x2, …) and its
    /// <paramref name="target"/>.</summary>
    public MlpRegressor Fit(double[,] features, IReadOnlyList<double> target, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(target);
        Fit(TableBuilder.FromArrays(features, target, ArrayTarget), ArrayTarget, null, cancellation);
        return this;
    }

    /// <summary>The prediction for each row of <paramref name="features"/> (the columns the model reads, in order).</summary>
    public double[] Predict(double[,] features) => Predict(ArrayTable<double>(features, null));

    /// <summary>R² on arrays, as scikit-learn's <c>score(X, y)</c>.</summary>
    public double Score(double[,] features, IReadOnlyList<double> target) =>
        Score(ArrayTable(features, target ?? throw new ArgumentNullException(nameof(target))));
}

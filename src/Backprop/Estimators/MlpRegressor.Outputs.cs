using Backprop.Metrics;
using Backprop.Tensors;

namespace Backprop.Estimators;

/// <summary>
/// Multi-output regression, as scikit-learn's <c>MLPRegressor</c> fitted on a two-dimensional <c>y</c>: one identity
/// output per target column (<see cref="FitMany"/>), each target standardised for training as a single one is;
/// <see cref="PredictMany(double[,])"/> gives every target and <see cref="ScoreMany"/> the R² averaged over them
/// (scikit-learn's <c>uniform_average</c>).
/// </summary>
public sealed partial class MlpRegressor
{
    /// <summary>
    /// Fits on arrays with several targets, as scikit-learn's <c>fit(X, Y)</c> with <c>Y</c> of shape (samples, targets):
    /// <paramref name="targets"/> has a row per sample and a column per target (<c>y1</c>, <c>y2</c>, …). Named apart from
    /// <c>Fit</c>, so that <c>Fit(x, null)</c> stays a call of the one-target fit (and its <see cref="ArgumentNullException"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The targets have another number of rows than the features, or no column.</exception>
    public MlpRegressor FitMany(double[,] features, double[,] targets, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        FitColumns(features, targets, labels: false, cancellation);
        return this;
    }

    /// <summary>Every target's prediction for each row of <paramref name="features"/>: a row per sample, a column per target.</summary>
    public double[,] PredictMany(double[,] features) => OutputArray(features);

    /// <summary>Every target's prediction for each of <paramref name="rows"/> of <paramref name="table"/> (every row when null).</summary>
    public double[,] PredictMany(Data.CsvTable table, IReadOnlyList<int>? rows = null)
    {
        var outputs = Outputs(table, rows);
        var result = new double[outputs.Rows, outputs.Columns];
        for (int r = 0; r < outputs.Rows; r++)
            for (int k = 0; k < outputs.Columns; k++) result[r, k] = outputs[r, k];
        return result;
    }

    /// <summary>R² of each target averaged over the targets, as scikit-learn's <c>score(X, Y)</c>.</summary>
    /// <exception cref="ArgumentException">The targets have another shape than the predictions.</exception>
    public double ScoreMany(double[,] features, double[,] targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var predicted = PredictMany(features);
        int rows = predicted.GetLength(0), columns = predicted.GetLength(1);
        if (targets.GetLength(0) != rows || targets.GetLength(1) != columns)
            throw new ArgumentException($"The targets are {targets.GetLength(0)} × {targets.GetLength(1)}; the predictions are {rows} × {columns}.",
                nameof(targets));
        var y = new Matrix<double>(rows, columns);
        var p = new Matrix<double>(rows, columns);
        for (int r = 0; r < rows; r++)
            for (int k = 0; k < columns; k++) (y[r, k], p[r, k]) = (targets[r, k], predicted[r, k]);
        return RegressionReport.Compute(p, y).R2;
    }
}

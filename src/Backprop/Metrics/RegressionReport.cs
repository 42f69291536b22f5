using Backprop.Tensors;

namespace Backprop.Metrics;

/// <summary>Error measures of a regression: RMSE and MAE over every output of every sample, and R² averaged over the outputs.</summary>
public sealed record RegressionReport(double Rmse, double Mae, double R2)
{
    /// <summary>
    /// Measures <paramref name="outputs"/> against <paramref name="targets"/>. R² = 1 − SS_res/SS_tot per output, averaged
    /// over outputs; an output whose targets are all equal scores 1 when predicted exactly and 0 otherwise (as scikit-learn).
    /// </summary>
    public static RegressionReport Compute(Matrix<double> outputs, Matrix<double> targets)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (outputs.Rows != targets.Rows || outputs.Columns != targets.Columns)
            throw new ArgumentException("Outputs and targets differ in shape.", nameof(targets));
        int n = outputs.Rows, k = outputs.Columns;
        double squared = 0, absolute = 0, r2 = 0;
        for (int c = 0; c < k; c++)
        {
            double mean = 0;
            for (int r = 0; r < n; r++) mean += targets[r, c];
            mean /= n;
            double residual = 0, total = 0;
            for (int r = 0; r < n; r++)
            {
                double e = targets[r, c] - outputs[r, c];
                residual += e * e;
                absolute += Math.Abs(e);
                total += (targets[r, c] - mean) * (targets[r, c] - mean);
            }
            squared += residual;
            r2 += total == 0 ? (residual == 0 ? 1 : 0) : 1 - residual / total;
        }
        return new RegressionReport(Math.Sqrt(squared / (n * k)), absolute / (n * k), r2 / k);
    }
}

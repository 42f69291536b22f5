using Backprop.Data.Preprocessing;
using Backprop.Layers;
using Backprop.Tensors;

namespace Backprop.Estimators.Attribution;

/// <summary>
/// The arithmetic of attribution, on rows already encoded: z the network's inputs, z₀ the baseline's, G = ∂y/∂z from
/// <see cref="InputJacobian{T}"/> (times the target's scale for a standardised target, y = net · scale + mean), in double.
/// A numeric raw column gets G · dz/dx (the gradient) or (z − z₀) · Ḡ (the others, Ḡ being G at the row or its mean along
/// the path); a one-hot column and a missing indicator add their inputs' (z − z₀) · Ḡ to their source column.
/// </summary>
internal static class Attributor
{
    /// <summary>Samples run through the network at once (rows times path points).</summary>
    private const int Batch = 2048;

    /// <summary>values[row, output, column], the outputs y(x) and y(x₀).</summary>
    public static (double[,,] Values, Matrix<double> Outputs, double[] BaselineOutputs) Run(Network<double> network, TargetEncoding? target,
        ColumnMap map, Matrix<double> z, double[] z0, AttributionOptions options)
    {
        int n = z.Rows, d = map.Width, k = network.Outputs, c = map.Names.Count;
        var values = new double[n, k, c];
        var scale = target?.Scale;
        var outputs = network.Predict(z);
        TargetScaling.Restore(target, outputs);
        var baseOut = new Matrix<double>(1, d, [.. z0]);
        var baseline = network.Predict(baseOut);
        TargetScaling.Restore(target, baseline);

        // The path's points α and their weights in the mean of the gradient (one point, α = 1, for the gradient methods).
        var (alphas, weights) = options.Method == AttributionMethod.IntegratedGradients ? Path(options.Steps, options.Rule) : ([1.0], [1.0]);
        int points = alphas.Length, rowsPerBatch = Math.Max(1, Batch / points);
        var jacobian = new InputJacobian<double>(network, Math.Min(n, rowsPerBatch) * points);
        var samples = new Matrix<double>(Math.Min(n, rowsPerBatch) * points, d);
        var mean = new double[d];
        for (int from = 0; from < n; from += rowsPerBatch)
        {
            int rows = Math.Min(rowsPerBatch, n - from);
            samples.SetRows(rows * points);
            for (int r = 0; r < rows; r++)
                for (int p = 0; p < points; p++)
                {
                    var s = samples.Row(r * points + p);
                    var x = z.Row(from + r);
                    for (int j = 0; j < d; j++) s[j] = z0[j] + alphas[p] * (x[j] - z0[j]);
                }
            jacobian.Forward(samples);
            for (int o = 0; o < k; o++)
            {
                var g = jacobian.Gradient(o);
                double factor = scale is null ? 1 : scale[o];
                for (int r = 0; r < rows; r++)
                {
                    Array.Clear(mean);
                    for (int p = 0; p < points; p++)
                    {
                        var gp = g.Row(r * points + p);
                        for (int j = 0; j < d; j++) mean[j] += weights[p] * gp[j];
                    }
                    for (int j = 0; j < d; j++) mean[j] *= factor;
                    Assign(map, z.Row(from + r), z0, mean, options.Method, values, from + r, o);
                }
            }
        }
        return (values, outputs, [.. baseline.Row(0)]);
    }

    /// <summary>The points α and weights of the integral of the gradient from α = 0 to 1 in <paramref name="steps"/> steps.</summary>
    public static (double[] Alphas, double[] Weights) Path(int steps, IntegrationRule rule)
    {
        if (rule == IntegrationRule.Midpoint)
            return (Enumerable.Range(0, steps).Select(s => (s + 0.5) / steps).ToArray(), Enumerable.Repeat(1.0 / steps, steps).ToArray());
        var alphas = Enumerable.Range(0, steps + 1).Select(s => (double)s / steps).ToArray();
        var weights = alphas.Select((_, s) => s == 0 || s == steps ? 0.5 / steps : 1.0 / steps).ToArray();
        return (alphas, weights);
    }

    /// <summary>Each raw column's share of output <paramref name="o"/> of one row, from the (mean) gradient <paramref name="g"/>.</summary>
    private static void Assign(ColumnMap map, ReadOnlySpan<double> z, double[] z0, double[] g, AttributionMethod method, double[,,] values,
        int row, int o)
    {
        for (int i = 0; i < map.Inputs.Count; i++)
        {
            int at = map.Offset(i), width = map.Inputs[i].Width, column = map.Source[i];
            double sum = 0;
            if (method == AttributionMethod.Gradient)
            {
                if (map.Inputs[i] is NumericColumn numeric) sum = g[at] * ColumnMap.Slope(numeric, z[at]);
                else if (map.Inputs[i] is CategoricalColumn) for (int j = at; j < at + width; j++) sum += z[j] * g[j];
            }
            else
                for (int j = at; j < at + width; j++) sum += (z[j] - z0[j]) * g[j];
            values[row, o, column] += sum;
        }
    }
}

using Backprop.Data.Preprocessing;
using Backprop.Initialization;
using Backprop.Tensors;

namespace Backprop.Estimators.Attribution;

/// <summary>
/// The drop in a score when one raw column's inputs (all of a one-hot group, and its missing indicator) are shuffled
/// among the rows together, the other columns left as they are; the shuffles come from one seeded stream, column by
/// column and repeat by repeat.
/// </summary>
internal static class PermutationImportance
{
    /// <summary>(mean drop, standard deviation) per column, and the score of the rows as they are.</summary>
    public static (double Score, double[] Drop, double[] Spread) Run(Func<Matrix<double>, Matrix<double>> predict, ColumnMap map,
        Matrix<double> x, Matrix<double> y, TargetEncoding? target, AttributionOptions options)
    {
        double score = Score(predict(x), y, target);
        int n = x.Rows, columns = map.Names.Count;
        var drop = new double[columns];
        var spread = new double[columns];
        var rng = new Rng(options.Seed, Rng.Streams.Shuffle);
        var shuffled = x.Clone();
        var order = new int[n];
        for (int c = 0; c < columns; c++)
        {
            var inputs = Enumerable.Range(0, map.Inputs.Count).Where(i => map.Source[i] == c)
                .SelectMany(i => Enumerable.Range(map.Offset(i), map.Inputs[i].Width)).ToArray();
            var drops = new double[options.Repeats];
            for (int r = 0; r < options.Repeats; r++)
            {
                for (int k = 0; k < n; k++) order[k] = k;
                rng.Shuffle(order.AsSpan());
                for (int k = 0; k < n; k++)
                    foreach (int j in inputs) shuffled[k, j] = x[order[k], j];
                drops[r] = score - Score(predict(shuffled), y, target);
            }
            foreach (int j in inputs)
                for (int k = 0; k < n; k++) shuffled[k, j] = x[k, j];
            drop[c] = drops.Average();
            spread[c] = Math.Sqrt(drops.Sum(v => (v - drop[c]) * (v - drop[c])) / drops.Length);
        }
        return (score, drop, spread);
    }

    /// <summary>The metric's name: accuracy for a classifier, R² otherwise.</summary>
    public static string Metric(TargetEncoding? target) => target?.IsClassification == true ? "accuracy" : "R²";

    /// <summary>Accuracy (the share of rows whose predicted class is theirs) or R² averaged over the outputs.</summary>
    internal static double Score(Matrix<double> predicted, Matrix<double> y, TargetEncoding? target)
    {
        int n = y.Rows;
        if (target?.IsClassification == true)
        {
            int right = 0;
            for (int r = 0; r < n; r++) if (target.ClassOf(predicted.Row(r)) == target.ClassOf(y.Row(r))) right++;
            return (double)right / n;
        }
        double total = 0;
        for (int o = 0; o < y.Columns; o++)
        {
            double mean = 0, residual = 0, spread = 0;
            for (int r = 0; r < n; r++) mean += y[r, o] / n;
            for (int r = 0; r < n; r++)
            {
                residual += (y[r, o] - predicted[r, o]) * (y[r, o] - predicted[r, o]);
                spread += (y[r, o] - mean) * (y[r, o] - mean);
            }
            total += spread > 0 ? 1 - residual / spread : residual == 0 ? 1 : 0;
        }
        return total / y.Columns;
    }
}

using Backprop.Diagnostics;
using Backprop.Estimators;
using static Backprop.Tests.Estimators.Streams.StreamData;

namespace Backprop.Tests.Estimators.Streams;

/// <summary>
/// The array Fit's sample weights (scikit-learn's <c>fit(X, y, sample_weight)</c>). The references are fits without weights on
/// rows chosen here: rows of weight 0 dropped, rows of weight 2 written twice. Full-batch Adam, so that the batches are the
/// whole set either way; the weighted and the repeated sums differ only in the order of their additions (agreement to 1e-9).
/// </summary>
public sealed class SampleWeightArrayTests
{
    private static readonly MlpOptions Options = new()
    {
        HiddenLayers = [5], Epochs = 40, ValidationFraction = 0, Seed = 8, BatchSize = null, Optimizer = "adam", LearningRate = 0.02,
    };

    private static double[,] Pick(double[,] x, IReadOnlyList<int> rows)
    {
        var picked = new double[rows.Count, x.GetLength(1)];
        for (int r = 0; r < rows.Count; r++) for (int c = 0; c < x.GetLength(1); c++) picked[r, c] = x[rows[r], c];
        return picked;
    }

    private static void Close(double[,] expected, double[,] actual, double tolerance)
    {
        Assert.Equal(expected.GetLength(0), actual.GetLength(0));
        for (int r = 0; r < expected.GetLength(0); r++)
            for (int c = 0; c < expected.GetLength(1); c++) Assert.Equal(expected[r, c], actual[r, c], tolerance);
    }

    [Fact]
    public void Rows_of_weight_zero_are_dropped_rows_and_rows_of_weight_two_are_repeated_rows_classifier()
    {
        var (x, y) = (X(0, 60), Labels(0, 60));
        // Weight 0 on every third row, 2 on every fifth of the rest, 1 elsewhere.
        double[] w = Enumerable.Range(0, 60).Select(i => i % 3 == 0 ? 0.0 : i % 5 == 0 ? 2.0 : 1.0).ToArray();
        var rows = Enumerable.Range(0, 60).SelectMany(i => Enumerable.Repeat(i, (int)w[i])).ToArray();
        var weighted = new MlpClassifier(Options).Fit(x, y, w);
        var repeated = new MlpClassifier(Options).Fit(Pick(x, rows), rows.Select(r => y[r]).ToArray());
        Close(repeated.PredictProbabilities(X(100, 30)), weighted.PredictProbabilities(X(100, 30)), 1e-9);
        Assert.Equal(["x1", "x2", "x3", "x4"], weighted.Preprocessor!.FeatureNames);
        // Without weights the rows of weight 0 count: another model.
        var plain = new MlpClassifier(Options).Fit(x, y);
        Assert.NotEqual(plain.PredictProbabilities(X(100, 1))[0, 0], weighted.PredictProbabilities(X(100, 1))[0, 0], 6);
        // A weighted fit then an unweighted one on the same estimator: the second has no weights.
        weighted.Fit(x, y);
        Assert.Equal(plain.PredictProbabilities(X(100, 1))[0, 0], weighted.PredictProbabilities(X(100, 1))[0, 0]);
    }

    [Fact]
    public void Rows_of_weight_zero_are_dropped_rows_and_integer_weights_repeated_rows_regressor()
    {
        var (x, y) = (X(0, 50), Y(0, 50));
        double[] w = Enumerable.Range(0, 50).Select(i => (double)(i % 4)).ToArray(); // 0, 1, 2, 3, 0, 1, …
        var rows = Enumerable.Range(0, 50).SelectMany(i => Enumerable.Repeat(i, (int)w[i])).ToArray();
        var weighted = new MlpRegressor(Options).Fit(x, y, w);
        var repeated = new MlpRegressor(Options).Fit(Pick(x, rows), rows.Select(r => y[r]).ToArray());
        var (a, b) = (repeated.Predict(X(100, 20)), weighted.Predict(X(100, 20)));
        for (int r = 0; r < 20; r++) Assert.Equal(a[r], b[r], 1e-9);
    }

    [Fact]
    public void Weights_that_are_not_one_finite_non_negative_number_per_row_are_refused()
    {
        var c = new MlpClassifier(Options);
        var count = Assert.Throws<ArgumentException>(() => c.Fit(X(0, 10), Labels(0, 10), new double[9]));
        Assert.StartsWith("9 sample weights for 10 rows of features.", count.Message);
        double[] negative = [1, 1, -1, 1, 1, 1, 1, 1, 1, 1];
        var e = Assert.Throws<BackpropException>(() => c.Fit(X(0, 10), Labels(0, 10), negative));
        Assert.Equal("sampleWeight[2] is -1: a sample weight is a finite number at least 0", e.Message);
        Assert.Null(c.Model);
    }
}

using Backprop.Data;
using Backprop.Estimators;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Estimators.SklearnChecks;

/// <summary>
/// scikit-learn's sample-weight checks (estimator_checks.py), with the weights as a column
/// (<see cref="MlpOptions.SampleWeightColumn"/>): unit weights change nothing, a row of weight 0 is a row dropped, a whole
/// weight k is k copies of the row — for the loss and for every statistic of the preprocessing, standard and robust
/// scaling alike. Full-batch training, so that the rows' order cannot change the batches; scikit-learn's tolerance
/// (<c>assert_allclose</c>: rtol 1e-7).
/// </summary>
public sealed class SampleWeightChecks : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    // check_sample_weights_invariance's X1, y1.
    private static readonly double[,] X1 =
    {
        { 1, 3 }, { 1, 3 }, { 1, 3 }, { 1, 3 }, { 2, 1 }, { 2, 1 }, { 2, 1 }, { 2, 1 },
        { 3, 3 }, { 3, 3 }, { 3, 3 }, { 3, 3 }, { 4, 1 }, { 4, 1 }, { 4, 1 }, { 4, 1 },
    };

    private static readonly double[] Y1 = [1, 1, 1, 1, 2, 2, 2, 2, 1, 1, 1, 1, 2, 2, 2, 2];

    private static MlpOptions Options(bool robust) => new()
    {
        HiddenLayers = [5], Epochs = 40, BatchSize = null, ValidationFraction = 0, Seed = 0, RobustScale = robust, LearningRate = 0.01,
    };

    private static void AssertAllClose(double[,] expected, double[,] actual, double rtol = 1e-7)
    {
        Assert.Equal(expected.GetLength(0), actual.GetLength(0));
        for (int r = 0; r < expected.GetLength(0); r++)
            for (int c = 0; c < expected.GetLength(1); c++)
                Assert.True(Math.Abs(expected[r, c] - actual[r, c]) <= rtol * Math.Abs(expected[r, c]),
                    $"[{r},{c}]: {expected[r, c]:R} vs {actual[r, c]:R}");
    }

    private (MlpClassifier Plain, MlpClassifier Weighted) Fit(bool robust, double[,] x2, double[] y2, double[] w2)
    {
        var plain = new MlpClassifier(Options(robust)).Fit(SklearnData.WeightedTable(_folder.Path, "x1.csv", X1, Y1, null), "y");
        var weighted = new MlpClassifier(Options(robust) with { SampleWeightColumn = "w" })
            .Fit(SklearnData.WeightedTable(_folder.Path, "x2.csv", x2, y2, w2), "y");
        Assert.Equal(plain.Predict(X1), weighted.Predict(X1));
        return (plain, weighted);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void check_sample_weights_invariance_ones(bool robust)
    {
        var (plain, weighted) = Fit(robust, X1, Y1, Enumerable.Repeat(1.0, 16).ToArray());
        Assert.Equal(plain.PredictProbabilities(X1), weighted.PredictProbabilities(X1));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void check_sample_weights_invariance_zeros(bool robust)
    {
        // X2 = vstack([X1, X1 + 1]), y2 = hstack([y1, 3 - y1]), the second half weighted 0 (scikit-learn then shuffles the
        // rows; here the zero rows are interleaved with the others, every second row).
        var x2 = new double[32, 2];
        var y2 = new double[32];
        var w2 = new double[32];
        for (int i = 0; i < 16; i++)
        {
            (x2[2 * i, 0], x2[2 * i, 1], y2[2 * i], w2[2 * i]) = (X1[i, 0], X1[i, 1], Y1[i], 1);
            (x2[2 * i + 1, 0], x2[2 * i + 1, 1], y2[2 * i + 1], w2[2 * i + 1]) = (X1[i, 0] + 1, X1[i, 1] + 1, 3 - Y1[i], 0);
        }
        var (plain, weighted) = Fit(robust, x2, y2, w2);
        AssertAllClose(plain.PredictProbabilities(X1), weighted.PredictProbabilities(X1));
        // Without the weights the second half moves the scaling: the same data unweighted is another model.
        var unweighted = new MlpClassifier(Options(robust)).Fit(SklearnData.WeightedTable(_folder.Path, "x3.csv", x2, y2, null), "y");
        Assert.NotEqual(plain.Preprocessor!.Inputs, unweighted.Preprocessor!.Inputs);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void check_sample_weights_invariance_repeated(bool robust)
    {
        // Not in scikit-learn 1.2's file (its later versions test it as check_sample_weight_equivalence): X1's rows of
        // weights 1, 2, 3, 1, 2, 3, … against the rows repeated that many times.
        var w = Enumerable.Range(0, 16).Select(i => (double)(i % 3 + 1)).ToArray();
        var repeated = Enumerable.Range(0, 16).SelectMany(i => Enumerable.Repeat(i, (int)w[i])).ToArray();
        var xr = SklearnData.Take(X1, repeated);
        var yr = repeated.Select(i => Y1[i]).ToArray();
        var byRows = new MlpClassifier(Options(robust)).Fit(SklearnData.WeightedTable(_folder.Path, "r.csv", xr, yr, null), "y");
        var byWeights = new MlpClassifier(Options(robust) with { SampleWeightColumn = "w" })
            .Fit(SklearnData.WeightedTable(_folder.Path, "w.csv", X1, Y1, w), "y");
        Assert.Equal(byRows.Preprocessor!.Inputs, byWeights.Preprocessor!.Inputs);
        AssertAllClose(byRows.PredictProbabilities(X1), byWeights.PredictProbabilities(X1));
    }

    [Fact]
    public void check_classifiers_one_label_sample_weights()
    {
        // y = arange(10) % 2, weighted by y: only class 1 carries weight, so every test row is predicted 1.
        var train = SklearnData.Load("onelabel_weights_train.csv");
        var test = SklearnData.Load("onelabel_weights_test.csv");
        var table = SklearnData.WeightedTable(_folder.Path, "one.csv", train.X, train.Target, train.Target);
        var classifier = new MlpClassifier(new MlpOptions { SampleWeightColumn = "w", ValidationFraction = 0, Seed = 0 }).Fit(table, "y");
        Assert.Equal(Enumerable.Repeat("1", 10), classifier.Predict(test.X));
    }
}

using Backprop.Estimators;

namespace Backprop.Tests.Estimators.SklearnChecks;

/// <summary>
/// test_mlp.py's tests of several outputs: multi-output regression (<see cref="MlpRegressor.FitMany"/>) and multilabel
/// classification (<see cref="MlpClassifier.Fit(double[,], int[,], CancellationToken)"/>, <see cref="MlpClassifier.PredictLabels"/>).
/// </summary>
public class TestMlpOutputs
{
    private static int[,] Indicator(double[,] y)
    {
        var labels = new int[y.GetLength(0), y.GetLength(1)];
        for (int r = 0; r < y.GetLength(0); r++)
            for (int k = 0; k < y.GetLength(1); k++) labels[r, k] = (int)y[r, k];
        return labels;
    }

    /// <summary>
    /// make_regression(n_samples=200, n_targets=5)'s recipe (100 standard normal features, 10 of them informative with
    /// coefficients 100·U(0, 1) per target, no bias, no noise), drawn from .NET's <c>Random(0)</c> with Box–Muller normals.
    /// </summary>
    private static (double[,] X, double[,] Y) MakeRegression(int samples = 200, int features = 100, int informative = 10, int targets = 5)
    {
        var random = new Random(0);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var x = new double[samples, features];
        for (int r = 0; r < samples; r++)
            for (int c = 0; c < features; c++) x[r, c] = Normal();
        var coefficients = new double[informative, targets];
        for (int c = 0; c < informative; c++)
            for (int k = 0; k < targets; k++) coefficients[c, k] = 100 * random.NextDouble();
        var y = new double[samples, targets];
        for (int r = 0; r < samples; r++)
            for (int k = 0; k < targets; k++)
                for (int c = 0; c < informative; c++) y[r, k] += x[r, c] * coefficients[c, k];
        return (x, y);
    }

    [Fact]
    public void test_multioutput_regression()
    {
        // MLPRegressor(solver="lbfgs", hidden_layer_sizes=50, max_iter=200, random_state=1) on five targets: R² above 0.9.
        var (x, y) = MakeRegression();
        var mlp = new MlpRegressor(new MlpOptions { Optimizer = "lbfgs", HiddenLayers = [50], Epochs = 200, Seed = 1, ValidationFraction = 0 })
            .FitMany(x, y);
        double score = mlp.ScoreMany(x, y);
        Assert.True(score > 0.9, $"R² {score}");
    }

    [Fact]
    public void test_multilabel_classification()
    {
        // make_multilabel_classification(n_samples=50, random_state=0): lbfgs, hidden_layer_sizes=50, alpha=1e-5, max_iter=150,
        // random_state=0, logistic: subset accuracy above 0.97. test_mlp.py's second half (100 partial_fit calls with sgd, score
        // above 0.9) waits for a multilabel PartialFit, which the classifier does not have; its third (early stopping on
        // labels) is the held-out fit below, which must run and predict.
        var data = SklearnData.Load("multilabel50.csv");
        var y = Indicator(data.Y);
        var mlp = new MlpClassifier(new MlpOptions
        {
            Optimizer = "lbfgs", HiddenLayers = [50], L2 = 1e-5, Epochs = 150, Seed = 0, Activations = ["sigmoid"], ValidationFraction = 0,
        }).Fit(data.X, y);
        double score = mlp.Score(data.X, y);
        Assert.True(score > 0.97, $"score {score}");
        var early = new MlpClassifier(new MlpOptions { ValidationFraction = 0.1, Patience = 10, Seed = 0 }).Fit(data.X, y);
        Assert.Equal((50, 5), (early.PredictLabels(data.X).GetLength(0), early.PredictLabels(data.X).GetLength(1)));
    }

    [Fact]
    public void test_predict_proba_multilabel()
    {
        // lbfgs, hidden_layer_sizes=30, random_state=0 on make_multilabel_classification(n_samples=50, random_state=0): the
        // probabilities are (50, 5), above 0.5 exactly where Y is 1, and the rows do not sum to 1 ((s − 1)·(s − 1) > 1e-10).
        // predict_log_proba has no counterpart here.
        var data = SklearnData.Load("multilabel50.csv");
        var y = Indicator(data.Y);
        var clf = new MlpClassifier(new MlpOptions { Optimizer = "lbfgs", HiddenLayers = [30], Seed = 0, ValidationFraction = 0 }).Fit(data.X, y);
        var p = clf.PredictProbabilities(data.X);
        Assert.Equal((50, 5), (p.GetLength(0), p.GetLength(1)));
        for (int r = 0; r < 50; r++)
            for (int k = 0; k < 5; k++) Assert.True(p[r, k] > 0.5 == (y[r, k] == 1), $"[{r}, {k}]: {p[r, k]} for {y[r, k]}");
        double squares = Enumerable.Range(0, 50).Select(r => Enumerable.Range(0, 5).Sum(k => p[r, k]) - 1).Sum(d => d * d);
        Assert.True(squares > 1e-10, $"{squares}");
    }
}

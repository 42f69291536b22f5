using Backprop.Estimators;
using Backprop.Diagnostics;
using Backprop.Training;
using static Backprop.Tests.Estimators.SklearnChecks.Assertions;

namespace Backprop.Tests.Estimators.SklearnChecks;

/// <summary>
/// scikit-learn's sklearn/neural_network/tests/test_mlp.py on <see cref="MlpClassifier"/> and <see cref="MlpRegressor"/>:
/// its data (load_digits, make_regression with its seeds; Data/README.md), settings and thresholds. Its "logistic" is
/// this library's sigmoid, its <c>alpha</c> the <see cref="MlpOptions.L2"/> penalty, its <c>max_iter</c> the epochs.
/// </summary>
public class TestMlp
{
    private static readonly string[] ActivationTypes = ["identity", "sigmoid", "tanh", "relu"];

    // X_digits_multi / X_digits_binary: the first 200 rows of load_digits(n_class=3 or 2), min-max scaled.
    private static (double[,] X, int[] Y) Digits(int classes)
    {
        var data = SklearnData.Load(classes == 3 ? "digits3_200.csv" : "digits2.csv");
        return (SklearnData.MinMax(SklearnData.Slice(data.X, 0, 200)), data.Labels[..200]);
    }

    [Fact]
    public void test_alpha()
    {
        // A larger alpha gives weights closer to zero, layer by layer (alpha 0 and 1, hidden_layer_sizes=10, random_state=1).
        var (x, y) = Digits(2);
        (x, y) = (SklearnData.Slice(x, 0, 100), y[..100]);
        var sums = new[] { 0.0, 1.0 }.Select(alpha =>
        {
            var model = new MlpClassifier(new MlpOptions { HiddenLayers = [10], L2 = alpha, Seed = 1 }).Fit(x, y).Model!;
            return model.Layers.Select(l => l.Weights.SelectMany(r => r).Sum(Math.Abs)).ToArray();
        }).ToArray();
        Assert.True(sums[0][0] > sums[1][0] && sums[0][1] > sums[1][1], $"{string.Join(",", sums[0])} vs {string.Join(",", sums[1])}");
    }

    [Theory]
    [InlineData(3)]
    [InlineData(2)]
    public void test_lbfgs_classification(int classes)
    {
        var (x, y) = Digits(classes);
        var (train, test) = (SklearnData.Slice(x, 0, 150), SklearnData.Slice(x, 150, 200));
        foreach (string activation in ActivationTypes)
        {
            var mlp = new MlpClassifier(new MlpOptions
            {
                Optimizer = "lbfgs", HiddenLayers = [50], Epochs = 150, Activations = [activation], Seed = 1, ValidationFraction = 0,
            }).Fit(train, y[..150]);
            Assert.Equal(50, mlp.Predict(test).Length);
            double score = mlp.Score(train, y[..150]);
            Assert.True(score > 0.95, $"{activation}: {score}");
        }
    }

    [Fact]
    public void test_lbfgs_regression()
    {
        // make_regression(n_samples=200, n_features=10, bias=20, noise=100, random_state=7), y scaled.
        var data = SklearnData.Load("regression200_seed7.csv");
        foreach (string activation in ActivationTypes)
        {
            var mlp = new MlpRegressor(new MlpOptions
            {
                Optimizer = "lbfgs", HiddenLayers = [50], Epochs = 150, Activations = [activation], Seed = 1, ValidationFraction = 0,
            }).Fit(data.X, data.Target);
            double score = mlp.Score(data.X, data.Target);
            Assert.True(score > (activation == "identity" ? 0.80 : 0.98), $"{activation}: {score}");
        }
    }

    [Fact]
    public void test_predict_proba_binary()
    {
        // The first 50 binary digits, hidden_layer_sizes=5, logistic, random_state=1: ROC AUC 1 (every 1 more probable than every 0).
        var (x, y) = Digits(2);
        (x, y) = (SklearnData.Slice(x, 0, 50), y[..50]);
        var clf = new MlpClassifier(new MlpOptions { HiddenLayers = [5], Activations = ["sigmoid"], Seed = 1 }).Fit(x, y);
        var proba = clf.PredictProbabilities(x);
        Assert.Equal((50, 2), (proba.GetLength(0), proba.GetLength(1)));
        Assert.Equal(clf.Predict(x), ArgMax(proba).Select(k => clf.Classes[k]));
        var ones = Enumerable.Range(0, 50).Where(r => y[r] == 1).Select(r => proba[r, 1]).ToArray();
        var zeros = Enumerable.Range(0, 50).Where(r => y[r] == 0).Select(r => proba[r, 1]).ToArray();
        Assert.True(ones.Min() > zeros.Max(), $"{ones.Min()} vs {zeros.Max()}");
    }

    [Fact]
    public void test_predict_proba_multiclass()
    {
        var (x, y) = Digits(3);
        (x, y) = (SklearnData.Slice(x, 0, 10), y[..10]);
        var clf = new MlpClassifier(new MlpOptions { HiddenLayers = [5], Seed = 1 }).Fit(x, y);
        var proba = clf.PredictProbabilities(x);
        Assert.Equal((10, y.Distinct().Count()), (proba.GetLength(0), proba.GetLength(1)));
        Assert.Equal(clf.Predict(x), ArgMax(proba).Select(k => clf.Classes[k]));
    }

    [Fact]
    public void test_shuffle()
    {
        // make_regression(n_samples=50, n_features=5, random_state=0), hidden_layer_sizes=1, one epoch of batches of one:
        // the same seed gives the same weights, shuffled or not; shuffled and not differ.
        var data = SklearnData.Load("shuffle50.csv");
        double[] Weights(bool shuffle) => new MlpRegressor(new MlpOptions
        {
            HiddenLayers = [1], Epochs = 1, BatchSize = 1, Seed = 0, ShuffleEachEpoch = shuffle, ValidationFraction = 0,
        }).Fit(data.X, data.Target).Model!.Layers[0].Weights.SelectMany(r => r).ToArray();
        foreach (bool shuffle in new[] { true, false }) Assert.Equal(Weights(shuffle), Weights(shuffle));
        Assert.NotEqual(Weights(true), Weights(false));
    }

    [Fact]
    public void test_early_stopping_stratified()
    {
        // y = [0, 0, 0, 1] with early stopping (scikit-learn holds out validation_fraction 0.1 with stratify=y): the least populated
        // class has one member, which cannot both train and be held out.
        double[,] x = { { 1, 2 }, { 2, 3 }, { 3, 4 }, { 4, 5 } };
        var e = Assert.ThrowsAny<BackpropException>(() => new MlpClassifier(new MlpOptions { ValidationFraction = 0.1, Stratify = true,
            Patience = 10 }).Fit(x, [0, 0, 0, 1]));
        Assert.Contains("the least populated class has only 1 row", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void test_mlp_classifier_dtypes_casting()
    {
        // load_digits(n_class=2): 300 rows to fit, 60 to predict; hidden (5, 3), alpha 1e-5, random_state=1, max_iter=50.
        var data = SklearnData.Load("digits2.csv");
        var (train, test) = (SklearnData.Slice(data.X, 0, 300), SklearnData.Slice(data.X, 300, 360));
        var options = new MlpOptions { HiddenLayers = [5, 3], L2 = 1e-5, Seed = 1, Epochs = 50 };
        var mlp64 = new MlpClassifier(options).Fit(train, data.Labels[..300]);
        var mlp32 = new MlpClassifier(options with { Precision = Precision.Float }).Fit(train, data.Labels[..300]);
        Assert.Equal(mlp64.Predict(test), mlp32.Predict(test));
        AllClose(Flat(mlp64.PredictProbabilities(test)), Flat(mlp32.PredictProbabilities(test)), rtol: 1e-2);
    }

    [Fact]
    public void test_mlp_regressor_dtypes_casting()
    {
        var data = SklearnData.Load("digits2.csv");
        var (train, test) = (SklearnData.Slice(data.X, 0, 300), SklearnData.Slice(data.X, 300, 360));
        var options = new MlpOptions { HiddenLayers = [5, 3], L2 = 1e-5, Seed = 1, Epochs = 50 };
        var mlp64 = new MlpRegressor(options).Fit(train, data.Target[..300]);
        var mlp32 = new MlpRegressor(options with { Precision = Precision.Float }).Fit(train, data.Target[..300]);
        AllClose(mlp64.Predict(test), mlp32.Predict(test), rtol: 2e-4);
    }

    [Fact]
    public void test_mlp_param_dtypes()
    {
        // The weights are kept in the precision trained (the model file says float).
        var data = SklearnData.Load("digits2.csv");
        var options = new MlpOptions { HiddenLayers = [5, 3], L2 = 1e-5, Seed = 1, Epochs = 50 };
        Assert.True(new MlpClassifier(options with { Precision = Precision.Float }).Fit(data.X, data.Labels).FittedModel!.IsFloat);
        Assert.False(new MlpRegressor(options).Fit(data.X, data.Target).FittedModel!.IsFloat);
    }

    [Fact]
    public void test_verbose_sgd()
    {
        // verbose prints an "Iteration" line per epoch; here each epoch's record reaches the progress given.
        var records = new List<EpochRecord>();
        new MlpClassifier(new MlpOptions { Optimizer = "gd", Epochs = 2, HiddenLayers = [2] })
            .Fit(TableOf([[3, 2], [1, 6]], [1, 0]), "y", null, new FitControl { Progress = new Collect(records) });
        Assert.Equal([1, 2], records.Select(r => r.Epoch));
    }

    private sealed class Collect(List<EpochRecord> into) : IProgress<EpochRecord>
    {
        public void Report(EpochRecord value) => into.Add(value);
    }

    private static Backprop.Data.CsvTable TableOf(double[][] x, int[] y)
    {
        var m = new double[x.Length, x[0].Length];
        for (int r = 0; r < x.Length; r++) for (int c = 0; c < x[0].Length; c++) m[r, c] = x[r][c];
        return Backprop.Data.TableBuilder.FromArrays(m, y);
    }
}

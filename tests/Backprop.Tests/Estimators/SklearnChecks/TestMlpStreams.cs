using Backprop.Diagnostics;
using Backprop.Estimators;
using Backprop.Tests.Cli;
using static Backprop.Tests.Estimators.SklearnChecks.Assertions;

namespace Backprop.Tests.Estimators.SklearnChecks;

/// <summary>
/// test_mlp.py's tests of <c>partial_fit</c> and <c>warm_start</c> on <see cref="MlpClassifier.PartialFit(double[,], IReadOnlyList{int},
/// IReadOnlyList{int}?, CancellationToken)"/>, <see cref="MlpRegressor.PartialFit(double[,], IReadOnlyList{double}, CancellationToken)"/>
/// and <see cref="MlpOptions.WarmStart"/>. Its solver "sgd" (momentum 0.9, Nesterov's by default) is nesterov here, its
/// <c>learning_rate_init</c> the <see cref="MlpOptions.LearningRate"/>, its batch of min(200, n) rows the <see cref="MlpOptions.BatchSize"/>.
/// </summary>
public sealed class TestMlpStreams : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static readonly MlpOptions Sgd = new() { Optimizer = "nesterov", Momentum = 0.9, ValidationFraction = 0 };

    [Fact]
    public void test_fit()
    {
        // One sample [0.6, 0.8, 0.7] of class 0; sgd without momentum, η 0.1, alpha 0.1, logistic, hidden_layer_sizes=2, X unscaled,
        // from the weights test_mlp.py sets by hand (coefs_ [[.1, .2], [.3, .1], [.5, 0]] and [[.1], [.2]], intercepts_ [.1, .1]
        // and [1]): one partial_fit gives its hand-worked weights (3 decimals) and predict_proba 0.739. A first PartialFit makes
        // the model (classes 0 and 1: one sigmoid output, as there); its weights are then replaced (Weights[j][i] is coefs_[i][j]).
        double[,] x = { { 0.6, 0.8, 0.7 } };
        var mlp = new MlpClassifier(new MlpOptions
        {
            Optimizer = "gd", LearningRate = 0.1, L2 = 0.1, Activations = ["sigmoid"], HiddenLayers = [2], Standardize = false,
            ValidationFraction = 0, BatchSize = 1, Seed = 1,
        });
        mlp.PartialFit(x, [0], classes: [0, 1]);
        var (hidden, output) = (mlp.Model!.Layers[0], mlp.Model.Layers[1]);
        (hidden.Weights[0], hidden.Weights[1], hidden.Bias![0], hidden.Bias[1]) = ([0.1, 0.3, 0.5], [0.2, 0.1, 0.0], 0.1, 0.1);
        (output.Weights[0], output.Bias![0]) = ([0.1, 0.2], 1.0);
        mlp.PartialFit(x, [0]);
        var (h, o) = (mlp.Model!.Layers[0], mlp.Model.Layers[1]);
        // assert_almost_equal(decimal=3): |actual − desired| < 1.5e-3.
        AllClose([0.098, 0.2956664, 0.4939998, 0.195756, 0.096008, -0.002244], [.. h.Weights[0], .. h.Weights[1]], rtol: 0, atol: 1.5e-3);
        AllClose([0.04706, 0.154089], o.Weights[0], rtol: 0, atol: 1.5e-3);
        AllClose([0.098333, 0.09626, 0.9235], [.. h.Bias!, .. o.Bias!], rtol: 0, atol: 1.5e-3);
        Assert.Equal(0.739, mlp.PredictProbabilities(x)[0, 1], 0.0015);
    }

    [Fact]
    public void test_partial_fit_classes_error()
    {
        double[,] x = { { 3, 2 } };
        var clf = new MlpClassifier(Sgd);
        clf.PartialFit(x, [0], classes: [0, 1]);
        var e = Assert.ThrowsAny<ArgumentException>(() => clf.PartialFit(x, [0], classes: [1, 2]));
        Assert.Contains("classes", e.Message);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(2)]
    public void test_partial_fit_classification(int classes)
    {
        // max_iter=100, random_state=1, alpha=1e-5, learning_rate_init=0.2 (tol=0 in the fit: every epoch runs); 100 partial_fit calls
        // predict as the fit, and score above 0.95.
        var data = SklearnData.Load(classes == 3 ? "digits3_200.csv" : "digits2.csv");
        var (x, y) = (SklearnData.MinMax(SklearnData.Slice(data.X, 0, 200)), data.Labels[..200]);
        var options = Sgd with { Seed = 1, L2 = 1e-5, LearningRate = 0.2, BatchSize = 200, HiddenLayers = [100] };
        var fitted = new MlpClassifier(options with { Epochs = 100 }).Fit(x, y).Predict(x);
        var mlp = new MlpClassifier(options);
        int[] declared = y.Distinct().Order().ToArray();
        for (int i = 0; i < 100; i++) mlp.PartialFit(x, y, declared);
        Assert.Equal(fitted, mlp.Predict(x));
        double score = mlp.Score(x, y);
        Assert.True(score > 0.95, $"score {score}");
    }

    [Fact]
    public void test_partial_fit_unseen_classes()
    {
        // A class declared on the first call and first seen on the second. scikit-learn's defaults: adam, alpha 1e-4, and no
        // scaling of X (two Adam steps from standardised inputs move too little to meet its threshold, which is a draw's).
        var clf = new MlpClassifier(new MlpOptions { Seed = 0, ValidationFraction = 0, Optimizer = "adam", L2 = 1e-4, Standardize = false });
        clf.PartialFit(new double[,] { { 1 }, { 2 }, { 3 } }, ["a", "b", "c"], classes: ["a", "b", "c", "d"]);
        clf.PartialFit(new double[,] { { 4 } }, ["d"]);
        double[,] all = { { 1 }, { 2 }, { 3 }, { 4 } };
        Assert.True(clf.Score(all, ["a", "b", "c", "d"]) > 0, string.Join(",", clf.Predict(all)) + " | " + string.Join(",", clf.Classes)
            + " | " + string.Join(",", clf.PredictProbabilities(all).Cast<double>().Select(v => v.ToString("F3"))));
        Assert.Equal(["a", "b", "c", "d"], clf.Classes);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.9)]
    public void test_partial_fit_regression(double momentum)
    {
        // make_regression(200, 10, bias=20, noise=100, random_state=7), y scaled; sgd, relu, learning_rate_init=0.01, batch of
        // every row, random_state=1: 100 partial_fit calls predict as max_iter=100 (assert_allclose: rtol 1e-7) and R² > 0.65.
        var data = SklearnData.Load("regression200_seed7.csv");
        var options = Sgd with
        {
            Optimizer = momentum == 0 ? "gd" : "nesterov", Momentum = momentum, Activations = ["relu"], LearningRate = 0.01,
            BatchSize = data.Rows, Seed = 1, HiddenLayers = [100],
        };
        var fitted = new MlpRegressor(options with { Epochs = 100 }).Fit(data.X, data.Target).Predict(data.X);
        var mlp = new MlpRegressor(options);
        for (int i = 0; i < 100; i++) mlp.PartialFit(data.X, data.Target);
        AllClose(fitted, mlp.Predict(data.X));
        double score = mlp.Score(data.X, data.Target);
        Assert.True(score > 0.65, $"R² {score}");
    }

    [Fact]
    public void test_partial_fit_errors()
    {
        double[,] x = { { 3, 2 }, { 1, 6 } };
        // classes=[2] is refused (here as one class declared); classes=[0, 2] leaves the label 1 outside, refused naming it.
        Assert.Throws<BackpropException>(() => new MlpClassifier(Sgd).PartialFit(x, [1, 0], classes: [2]));
        var e = Assert.ThrowsAny<BackpropException>(() => new MlpClassifier(Sgd).PartialFit(x, [1, 0], classes: [0, 2]));
        Assert.Contains("'1' in column 'y' is not one of the declared classes (0, 2)", e.Message);
        // scikit-learn's lbfgs has no partial_fit; here the full-batch solver is refused by name.
        var lbfgs = Assert.Throws<BackpropException>(() => new MlpClassifier(Sgd with { Optimizer = "lbfgs" }).PartialFit(x, [1, 0], [0, 1]));
        Assert.Contains("lbfgs", lbfgs.Message);
    }

    [Fact]
    public void test_mlp_loading_from_joblib_partial_fit()
    {
        // MLPRegressor(hidden_layer_sizes=(42,), random_state=42, learning_rate_init=0.01, max_iter=200) fitted on [[2]] → [4],
        // saved and loaded (joblib's counterpart is the model file), then 200 partial_fit calls on [[2]] → [1]: predicts 1, rtol 1e-4.
        // As there: adam, alpha 1e-4, X and y unscaled (standardised, the one row's feature is 0 and only the biases could learn).
        var pre = new MlpRegressor(new MlpOptions
        {
            HiddenLayers = [42], Seed = 42, LearningRate = 0.01, Epochs = 200, ValidationFraction = 0, Optimizer = "adam", L2 = 1e-4,
            Standardize = false, ScaleTarget = false,
        });
        pre.Fit(new double[,] { { 2 } }, [4.0]);
        pre.Save(_folder.File("pre.json"));
        var loaded = MlpRegressor.Load(_folder.File("pre.json"));
        for (int i = 0; i < 200; i++) loaded.PartialFit(new double[,] { { 2 } }, [1.0]);
        AllClose([1.0], loaded.Predict(new double[,] { { 2 } }), rtol: 1e-4);
    }

    private static (double[,] X, int[] Y) Iris()
    {
        var data = SklearnData.Load("iris.csv");
        return (data.X, data.Labels);
    }

    private static int[] Blocks(params (int Label, int Count)[] blocks) => blocks.SelectMany(b => Enumerable.Repeat(b.Label, b.Count)).ToArray();

    [Fact]
    public void test_warm_start()
    {
        // hidden_layer_sizes=2, lbfgs, warm_start on iris: a second fit, and one on other labels of the same classes, run; labels
        // with fewer or other classes are refused naming the classes before ([0 1 2]) and now.
        var (x, y) = Iris();
        var options = new MlpOptions { HiddenLayers = [2], Optimizer = "lbfgs", WarmStart = true, Seed = 0 };
        var clf = new MlpClassifier(options).Fit(x, y);
        clf.Fit(x, y);
        clf.Fit(x, Blocks((0, 40), (1, 40), (2, 70)));
        foreach (var other in new[]
        {
            Blocks((0, 75), (1, 75)), Blocks((0, 50), (1, 50), (3, 50)), Blocks((0, 37), (1, 37), (2, 38), (3, 38)),
            Blocks((0, 30), (1, 30), (2, 30), (3, 30), (4, 30)),
        })
        {
            var warm = new MlpClassifier(options).Fit(x, y);
            var e = Assert.Throws<BackpropException>(() => warm.Fit(x, other));
            Assert.Contains($"the classes 0, 1, 2, but these labels are {string.Join(", ", other.Distinct())}", e.Message);
        }
    }

    [Fact]
    public void test_warm_start_full_iteration()
    {
        // hidden_layer_sizes=2, sgd, warm_start, max_iter=3 on iris, classifier and regressor: n_iter_ 3, then 6.
        var (x, y) = Iris();
        var options = Sgd with { HiddenLayers = [2], WarmStart = true, Epochs = 3, Seed = 0 };
        var clf = new MlpClassifier(options).Fit(x, y);
        Assert.Equal(3, clf.History.Count);
        Assert.Equal(6, clf.Fit(x, y).History.Count);
        var target = y.Select(v => (double)v).ToArray();
        var reg = new MlpRegressor(options).Fit(x, target);
        Assert.Equal(3, reg.History.Count);
        Assert.Equal(6, reg.Fit(x, target).History.Count);
    }

    [Fact]
    public void test_mlp_warm_start_with_early_stopping()
    {
        // max_iter=10, random_state=0, warm_start, early_stopping (validation_fraction 0.1, n_iter_no_change 10) on iris; then
        // set_params(max_iter=20) and fit again: more validation scores than after the first fit. Options are fixed at
        // construction here, so the second fit is an estimator of 20 epochs warm-starting from the first one's saved model.
        var table = SklearnData.Load("iris.csv").Table();
        var options = new MlpOptions { Epochs = 10, Seed = 0, WarmStart = true, ValidationFraction = 0.1, Patience = 10 };
        var mlp = new MlpClassifier(options).Fit(table, "y");
        int scores = mlp.History.Count(h => h.Validation is not null);
        Assert.Equal(10, scores);
        mlp.Save(_folder.File("ten.json"));
        var more = new MlpClassifier(options with { Epochs = 20 }).Fit(table, "y", null, new FitControl { StartFrom = _folder.File("ten.json") });
        Assert.True(more.History.Count(h => h.Validation is not null) > scores, $"{scores} then {more.History.Count(h => h.Validation is not null)}");
    }
}

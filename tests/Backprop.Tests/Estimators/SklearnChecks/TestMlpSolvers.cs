using Backprop.Estimators;
using Backprop.Training;

namespace Backprop.Tests.Estimators.SklearnChecks;

/// <summary>
/// test_mlp.py's tests of L-BFGS's <c>max_fun</c> (<see cref="MlpOptions.MaxFunctionEvaluations"/>), of the invscaling
/// schedule across a warm start and of the adaptive schedule (<see cref="MlpOptions.Schedule"/>), reading the optimiser's
/// current η (<see cref="MlpEstimator.CurrentLearningRate"/>, scikit-learn's <c>_optimizer.learning_rate</c>). Its
/// ConvergenceWarning is the stop reason <see cref="StopReason.MaxFunctionEvaluations"/>.
/// </summary>
public class TestMlpSolvers
{
    private static readonly string[] ActivationTypes = ["identity", "sigmoid", "tanh", "relu"];

    // scikit-learn's solver="sgd" with its defaults: momentum 0.9, Nesterov's; no rows held out.
    private static readonly MlpOptions Sgd = new() { Optimizer = "nesterov", Momentum = 0.9, ValidationFraction = 0 };

    [Theory]
    [InlineData(3)]
    [InlineData(2)]
    public void test_lbfgs_classification_maxfun(int classes)
    {
        // X_digits_multi / X_digits_binary (all 200 rows); hidden_layer_sizes=50, max_iter=150, max_fun=10, random_state=1.
        var data = SklearnData.Load(classes == 3 ? "digits3_200.csv" : "digits2.csv");
        var (x, y) = (SklearnData.MinMax(SklearnData.Slice(data.X, 0, 200)), data.Labels[..200]);
        foreach (string activation in ActivationTypes)
        {
            var mlp = new MlpClassifier(new MlpOptions
            {
                Optimizer = "lbfgs", HiddenLayers = [50], Epochs = 150, MaxFunctionEvaluations = 10, Activations = [activation], Seed = 1,
                ValidationFraction = 0,
            }).Fit(x, y);
            Assert.True(mlp.History.Count <= 10, $"{activation}: {mlp.History.Count} iterations");
            Assert.Equal(nameof(StopReason.MaxFunctionEvaluations), mlp.Model!.Training!.StopReason);
        }
    }

    [Fact]
    public void test_lbfgs_regression_maxfun()
    {
        // make_regression(n_samples=200, n_features=10, bias=20, noise=100, random_state=7), y scaled; tol=0, max_fun=10.
        var data = SklearnData.Load("regression200_seed7.csv");
        foreach (string activation in ActivationTypes)
        {
            var mlp = new MlpRegressor(new MlpOptions
            {
                Optimizer = "lbfgs", HiddenLayers = [50], Epochs = 150, MaxFunctionEvaluations = 10, Activations = [activation], Seed = 1,
                ValidationFraction = 0,
            }).Fit(data.X, data.Target);
            Assert.True(mlp.History.Count <= 10, $"{activation}: {mlp.History.Count} iterations");
            Assert.Equal(nameof(StopReason.MaxFunctionEvaluations), mlp.Model!.Training!.StopReason);
        }
    }

    [Theory]
    [InlineData("invscaling")]
    [InlineData("constant")]
    public void test_learning_rate_warmstart(string schedule)
    {
        // sgd, hidden_layer_sizes=4, max_iter=1, power_t=0.25, warm_start=True: η after the second fit is
        // 0.001 / (8 + 1)^0.25 with invscaling (t = 2 epochs × 4 rows), the same as after the first with constant.
        double[,] x = { { 3, 2 }, { 1, 6 }, { 5, 6 }, { -2, -4 } };
        int[] y = [1, 1, 1, 0];
        var mlp = new MlpClassifier(Sgd with
        {
            HiddenLayers = [4], Schedule = schedule, Epochs = 1, WarmStart = true, SchedulePower = schedule == "invscaling" ? 0.25 : 0.5,
        });
        double? before = mlp.CurrentLearningRate;
        double prev = mlp.Fit(x, y).CurrentLearningRate!.Value;
        double post = mlp.Fit(x, y).CurrentLearningRate!.Value;
        Assert.Null(before);
        Assert.Equal(2, mlp.History.Count);
        if (schedule == "constant") Assert.Equal(prev, post);
        else
        {
            Assert.Equal(0.001 / Math.Pow(4 + 1, 0.25), prev);
            Assert.Equal(0.001 / Math.Pow(8 + 1, 0.25), post);
        }
    }

    [Fact]
    public void test_adaptive_learning_rate()
    {
        // MLPClassifier(tol=0.5, max_iter=3000, solver="sgd", learning_rate="adaptive"), n_iter_no_change's default 10.
        var clf = new MlpClassifier(Sgd with { Epochs = 3000, Schedule = "adaptive", NoChangeEpochs = 10, LossTolerance = 0.5 })
            .Fit(new double[,] { { 3, 2 }, { 1, 6 } }, [1, 0]);
        Assert.True(clf.History.Count < 3000, $"{clf.History.Count} epochs");
        Assert.True(clf.CurrentLearningRate < 1e-6, $"η {clf.CurrentLearningRate}");
        Assert.Equal(nameof(StopReason.NoImprovement), clf.Model!.Training!.StopReason);
        // No epoch after the first lowers the loss by 0.5, so every 11th stalls: η / 5 at epochs 12, 23, 34, 45 and 56
        // (0.001 / 5⁵ = 3.2e-7 ≤ 1e-6), and the stall at epoch 67 stops the fit.
        Assert.All(clf.History.Skip(1), e => Assert.True(e.Loss > clf.History.Take(e.Epoch - 1).Min(h => h.Loss) - 0.5));
        Assert.Equal(67, clf.History.Count);
        Assert.Equal(0.001 / 3125, clf.CurrentLearningRate!.Value, 1e-18);
        // The epoch after each stall takes the lowered η: epoch 12 still 0.001, 13 0.001 / 5, 24 0.001 / 25.
        Assert.Equal(0.001, clf.History[11].LearningRate, 1e-18);
        Assert.Equal(0.001 / 5, clf.History[12].LearningRate, 1e-18);
        Assert.Equal(0.001 / 25, clf.History[23].LearningRate, 1e-18);
    }
}

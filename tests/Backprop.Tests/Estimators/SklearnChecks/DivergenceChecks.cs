using Backprop.Estimators;
using Backprop.Tests.Cli;
using Backprop.Training;

namespace Backprop.Tests.Estimators.SklearnChecks;

/// <summary>
/// A fit whose loss stops being finite throws <see cref="FitDivergedException"/> (scikit-learn raises <c>ValueError</c>
/// "Solver produced non-finite parameter weights", test_mlp.py's test_nonfinite_params) instead of returning normally;
/// the exception holds the last good model, which predicts finite numbers and saves. It happens on ordinary data:
/// plain gradient descent with η = 5.
/// </summary>
public sealed class DivergenceChecks : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static void AssertLastGoodModel(FitDivergedException e, double[,] x, string file)
    {
        Assert.Contains("training diverged", e.Message);
        Assert.Equal(StopReason.Diverged, e.Estimator.Outcome!.Result.StopReason);
        Assert.All(e.Model.Layers.SelectMany(l => l.Weights.SelectMany(r => r).Concat(l.Bias ?? [])), w => Assert.True(double.IsFinite(w)));
        Assert.All(e.Estimator.History, h => Assert.True(double.IsFinite(h.Loss)));
        e.Estimator.Save(file);
        Assert.True(File.Exists(file));
        double[,] outputs = e.Estimator switch
        {
            MlpClassifier c => c.PredictProbabilities(x),
            MlpRegressor r => To2D(r.Predict(x)),
            _ => throw new InvalidOperationException(),
        };
        foreach (double v in outputs) Assert.True(double.IsFinite(v));
    }

    private static double[,] To2D(double[] v)
    {
        var m = new double[v.Length, 1];
        for (int i = 0; i < v.Length; i++) m[i, 0] = v[i];
        return m;
    }

    [Fact]
    public void A_regressor_diverging_under_gradient_descent_with_a_learning_rate_of_5_throws_with_its_last_good_model()
    {
        var data = SklearnData.Load("regression200.csv");
        var options = new MlpOptions { HiddenLayers = [10], Optimizer = "gd", LearningRate = 5, Epochs = 20, ValidationFraction = 0, Seed = 0 };
        var e = Assert.Throws<FitDivergedException>(() => new MlpRegressor(options).Fit(data.X, data.Target));
        AssertLastGoodModel(e, data.X, Path.Combine(_folder.Path, "regressor.json"));
    }

    [Fact]
    public void A_classifier_under_gradient_descent_with_a_learning_rate_of_5_bounces_but_stays_finite()
    {
        // Softmax and cross-entropy keep the same steps finite on check_classifiers_train's blobs: the loss jumps about
        // (0.62 after the first epoch, 2.66 at the 14th) but the fit ends normally.
        var data = SklearnData.Load("blobs300.csv");
        var options = new MlpOptions { HiddenLayers = [10], Optimizer = "gd", LearningRate = 5, Epochs = 20, ValidationFraction = 0, Seed = 0 };
        var classifier = new MlpClassifier(options).Fit(data.X, data.Labels);
        Assert.NotEqual(StopReason.Diverged, classifier.Outcome!.Result.StopReason);
        Assert.Equal(20, classifier.History.Count);
        Assert.All(classifier.History, h => Assert.True(double.IsFinite(h.Loss)));
    }
}

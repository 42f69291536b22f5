using Backprop.Estimators;
using static Backprop.Tests.Estimators.SklearnChecks.Assertions;

namespace Backprop.Tests.Estimators.SklearnChecks;

/// <summary>scikit-learn's regressor checks (estimator_checks.py) on <see cref="MlpRegressor"/> with its defaults and a seed.</summary>
public class RegressorChecks
{
    private static readonly MlpOptions Defaults = new() { Seed = 0 };

    /// <summary>scikit-learn's <c>scale(y)</c>: mean 0, population standard deviation 1.</summary>
    private static double[] Scale(double[] y)
    {
        double mean = y.Average(), sd = Math.Sqrt(y.Sum(v => (v - mean) * (v - mean)) / y.Length);
        return y.Select(v => (v - mean) / sd).ToArray();
    }

    [Theory]
    [InlineData(Precision.Double)]
    [InlineData(Precision.Float)]
    public void check_regressors_train(Precision precision)
    {
        // _regression_dataset: make_regression(n_samples=200, n_features=10, n_informative=1, bias=5, noise=20,
        // random_state=42), X standardised, y scaled: R² above 0.5.
        var data = SklearnData.Load("regression200.csv");
        var y = Scale(data.Target);
        var regressor = new MlpRegressor(Defaults with { Precision = precision });
        Assert.Throws<ArgumentException>(() => regressor.Fit(data.X, y[..^1]));
        regressor.Fit(data.X, y);
        Assert.Equal(y.Length, regressor.Predict(data.X).Length);
        double r2 = regressor.Score(data.X, y);
        Assert.True(r2 > 0.5, $"R² {r2}");
    }

    [Fact]
    public void check_regressors_int()
    {
        // The first 50 rows of _regression_dataset with y = RandomState(0).randint(3, size=50): whole numbers read from
        // a file (integers) and given as doubles train the same model (atol 1e-2).
        var data = SklearnData.Load("regression_int50.csv");
        var fromFile = new MlpRegressor(Defaults).Fit(data.Table(), "y");
        var fromDoubles = new MlpRegressor(Defaults).Fit(data.X, data.Target);
        AllClose(fromFile.Predict(data.X), fromDoubles.Predict(data.X), rtol: 0, atol: 1e-2);
    }

    [Fact]
    public void check_regressors_no_decision_function()
    {
        Assert.Null(typeof(MlpRegressor).GetMethod("DecisionFunction"));
        Assert.Null(typeof(MlpRegressor).GetMethod("PredictProbabilities"));
    }

    [Fact]
    public void check_regressor_multioutput()
    {
        // make_regression(random_state=42, n_targets=5, n_samples=11, n_features=10): Data/multioutput11.csv. The predictions
        // have y's shape (11, 5), in double.
        var data = SklearnData.Load("multioutput11.csv");
        var predicted = new MlpRegressor(Defaults).FitMany(data.X, data.Y).PredictMany(data.X);
        Assert.Equal((11, 5), (predicted.GetLength(0), predicted.GetLength(1)));
        Assert.All(predicted.Cast<double>(), v => Assert.True(double.IsFinite(v)));
    }
}

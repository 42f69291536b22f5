using Backprop.Data;
using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;
using Backprop.Estimators;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Estimators.SklearnChecks;

/// <summary>
/// scikit-learn's checks of what a fit refuses (estimator_checks.py, test_mlp.py): a continuous target given to a
/// classifier, a null target, NaN or ∞ among the labels or the features, no rows, one row, one class, data whose
/// statistics overflow; and what an unfitted estimator refuses. scikit-learn raises <c>ValueError</c> with a message;
/// here a <see cref="BackpropException"/> names the file, place and problem, and a null argument is an
/// <see cref="ArgumentNullException"/> naming the parameter.
/// </summary>
public sealed class InputValidationChecks : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static readonly MlpOptions Quick = new() { HiddenLayers = [5], Epochs = 5, ValidationFraction = 0, Seed = 1 };

    [Fact]
    public void check_classifiers_regression_target()
    {
        // _regression_dataset's y is continuous: refused with scikit-learn's words, the row and what to do instead.
        var data = SklearnData.Load("regression200.csv");
        var e = Assert.ThrowsAny<BackpropException>(() => new MlpClassifier(Quick).Fit(data.Table(), "y"));
        Assert.StartsWith("Unknown label type: continuous: the target column 'y' holds ", e.Problem);
        Assert.Contains("predict them as numbers (a regressor", e.Message);
        Assert.Equal("2:11", e.Location);
        // Declared classes are a promise: with them, a value that is not one of them is refused by name.
        var declared = Assert.ThrowsAny<BackpropException>(() => new MlpClassifier(Quick with { Classes = ["0", "1"] }).Fit(data.Table(), "y"));
        Assert.Contains("is not one of the declared classes (0, 1)", declared.Message);
    }

    [Fact]
    public void check_requires_y_none()
    {
        var data = SklearnData.Load("loc100_classifier.csv");
        Assert.Equal("labels", Assert.Throws<ArgumentNullException>(() => new MlpClassifier(Quick).Fit(data.X, (IReadOnlyList<int>)null!)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentNullException>(() => new MlpClassifier(Quick).Fit(data.X, (IReadOnlyList<string>)null!))
            .ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentNullException>(() => new MlpRegressor(Quick).Fit(data.X, null!)).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentNullException>(() => new MlpClassifier(Quick).Fit(data.Table(), (string)null!)).ParamName);
    }

    [Theory]
    [InlineData("nan")]
    [InlineData("Infinity")]
    public void check_supervised_y_no_nan(string value)
    {
        // y = np.full(10, value) (∞ as .NET writes it): refused naming the first row (line 2, column 6), for both estimators.
        var data = SklearnData.Load("standard_normal888.csv");
        string path = _folder.Write("y.csv", "x1,x2,x3,x4,x5,y\n" + string.Join("\n", Enumerable.Range(0, 10).Select(r =>
            string.Join(",", Enumerable.Range(0, 5).Select(c => data.X[r, c].ToString("R", System.Globalization.CultureInfo.InvariantCulture)))
            + "," + value)) + "\n");
        var table = CsvTable.Read(path);
        var classifier = Assert.ThrowsAny<BackpropException>(() => new MlpClassifier(Quick).Fit(table, "y"));
        Assert.Equal("2:6", classifier.Location);
        Assert.Contains("is not a finite number, so not a class label", classifier.Problem);
        var regressor = Assert.ThrowsAny<BackpropException>(() => new MlpRegressor(Quick).Fit(table, "y"));
        Assert.Matches("^([2-9]|1[01]):6$", regressor.Location); // a row of the ten (every one is NaN), named by line and column
        // From arrays: refused naming its row too (the array's row 3 is line 5 of the table made from it).
        var y = data.Target.Select((_, r) => r == 3 ? (value == "nan" ? double.NaN : double.PositiveInfinity) : 1.0 * r).ToArray();
        Assert.Equal("5:6", Assert.ThrowsAny<BackpropException>(() => new MlpRegressor(Quick).Fit(data.X, y)).Location);
    }

    [Fact]
    public void check_supervised_y_no_nan_among_class_labels()
    {
        // One NaN among whole-number labels is not a third class (Classes = [NaN, 0, 1]): refused naming its row.
        string path = _folder.Write("c.csv", "x,y\n1,0\n2,1\n3,NaN\n4,1\n");
        var e = Assert.ThrowsAny<BackpropException>(() => new MlpClassifier(Quick).Fit(CsvTable.Read(path), "y"));
        Assert.Equal("4:2", e.Location);
        Assert.Contains("not a finite number, so not a class label", e.Message);
    }

    [Fact]
    public void check_estimators_nan_inf()
    {
        var finite = SklearnData.Load("naninf_finite.csv");
        var inf = SklearnData.Load("naninf_inf.csv");
        var nan = SklearnData.Load("naninf_nan.csv");
        // ∞ is refused in fit and in predict.
        Assert.Contains("x1", Assert.ThrowsAny<BackpropException>(() => new MlpClassifier(Quick).Fit(inf.X, inf.Labels)).Message);
        var fitted = new MlpClassifier(Quick).Fit(finite.X, finite.Labels);
        Assert.ThrowsAny<BackpropException>(() => fitted.Predict(inf.X));
        // NaN is a gap, filled with the training mean by default (scikit-learn's allow_nan estimators skip this check);
        // with MissingValues.Error it is refused in fit and predict as scikit-learn's MLP refuses it.
        var strict = Quick with { Missing = MissingValues.Error };
        Assert.ThrowsAny<BackpropException>(() => new MlpClassifier(strict).Fit(nan.X, nan.Labels));
        var strictFitted = new MlpClassifier(strict).Fit(finite.X, finite.Labels);
        Assert.ThrowsAny<BackpropException>(() => strictFitted.Predict(nan.X));
    }

    [Fact]
    public void check_estimators_empty_data_messages()
    {
        Assert.ThrowsAny<Exception>(() => new MlpClassifier(Quick).Fit(new double[0, 3], Array.Empty<int>()));
        Assert.ThrowsAny<Exception>(() => new MlpRegressor(Quick).Fit(new double[0, 3], Array.Empty<double>()));
        // No features: 12 rows of 0 columns.
        int[] y = [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0];
        var e = Assert.ThrowsAny<BackpropException>(() => new MlpClassifier(Quick).Fit(new double[12, 0], y));
        Assert.Contains("feature", e.Message);
    }

    [Fact]
    public void check_classifiers_one_label()
    {
        // scikit-learn accepts a refusal that says "class".
        var train = SklearnData.Load("onelabel_train.csv");
        var e = Assert.ThrowsAny<BackpropException>(() => new MlpClassifier(Quick).Fit(train.X, train.Labels));
        Assert.Contains("only one class", e.Message);
    }

    [Fact]
    public void check_fit2d_1sample()
    {
        // One row: a regressor may fit it or refuse it naming "1 sample"; a classifier's one row is one class.
        var x = new double[1, 10];
        for (int c = 0; c < 10; c++) x[0, c] = c / 3.0;
        Assert.Contains("one class", Assert.ThrowsAny<BackpropException>(() => new MlpClassifier(Quick).Fit(x, [0])).Message);
        var regressor = new MlpRegressor(Quick).Fit(x, [1.5]);
        Assert.True(double.IsFinite(regressor.Predict(x)[0]));
    }

    [Fact]
    public void check_fit2d_1feature()
    {
        var data = SklearnData.Load("uniform20x3.csv");
        var oneFeature = SklearnData.Take(data.X, Enumerable.Range(0, 10).ToArray());
        var x = new double[10, 1];
        for (int r = 0; r < 10; r++) x[r, 0] = oneFeature[r, 0];
        var y = Enumerable.Range(0, 10).Select(r => (int)x[r, 0]).ToArray();
        Assert.Equal(10, new MlpClassifier(Quick).Fit(x, y).Predict(x).Length);
    }

    [Fact]
    public void check_estimators_unfitted()
    {
        var data = SklearnData.Load("regression200.csv");
        Assert.Throws<InvalidOperationException>(() => new MlpClassifier(Quick).Predict(data.X));
        Assert.Throws<InvalidOperationException>(() => new MlpClassifier(Quick).PredictProbabilities(data.X));
        Assert.Throws<InvalidOperationException>(() => new MlpRegressor(Quick).Predict(data.X));
    }

    [Fact]
    public void check_n_features_in()
    {
        var data = SklearnData.Load("loc100_regressor.csv");
        var regressor = new MlpRegressor(Quick);
        Assert.Null(regressor.FittedModel);
        regressor.Fit(data.X, data.Target);
        Assert.Equal(2, regressor.FittedModel!.FeatureNames.Count);
        // check_classifiers_train's second half: predicting with another number of features is refused.
        Assert.Throws<ArgumentException>(() => regressor.Predict(new double[3, 3]));
    }

    [Fact]
    public void test_nonfinite_params()
    {
        // X = finfo(float64).max * uniform(size=(10, 2)): scikit-learn refuses the non-finite weights it then gets; here
        // the statistics overflow first, refused naming the column before any training.
        var data = SklearnData.Load("nonfinite10.csv");
        var e = Assert.ThrowsAny<BackpropException>(() => new MlpRegressor().Fit(data.X, data.Target));
        Assert.Contains("column 'x1'", e.Message);
        Assert.Contains("overflows; rescale it", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_feature_spread_beyond_1e154_is_refused_naming_the_column(bool robust)
    {
        // Values ±2e154: the mean is finite but the squares of the deviations (4e308) overflow, so the standard deviation
        // does: refused naming the column, robust scaling too (it keeps the standard deviation for the fill).
        var x = new double[8, 2];
        for (int r = 0; r < 8; r++) (x[r, 0], x[r, 1]) = (r % 2 == 0 ? 2e154 : -2e154, r);
        double[] y = [0, 1, 2, 3, 4, 5, 6, 7];
        var e = Assert.ThrowsAny<BackpropException>(() => new MlpRegressor(Quick with { RobustScale = robust }).Fit(x, y));
        Assert.Equal("column 'x1' has values near 2E+154: its standard deviation overflows; rescale it", e.Problem);
        // 1e153 is within range: it trains, and its model saves and loads.
        for (int r = 0; r < 8; r++) x[r, 0] /= 20;
        var fitted = new MlpRegressor(Quick with { RobustScale = robust }).Fit(x, y);
        fitted.Save(_folder.File("fitted.json"));
        Assert.Equal(fitted.Predict(x), MlpRegressor.Load(_folder.File("fitted.json")).Predict(x));
    }
}

using Backprop.Estimators;
using Backprop.Serialization;
using Backprop.Tests.Cli;
using static Backprop.Tests.Estimators.SklearnChecks.Assertions;

namespace Backprop.Tests.Estimators.SklearnChecks;

/// <summary>
/// scikit-learn's checks that a fitted estimator is a function of its data and settings (estimator_checks.py): the same
/// fit twice gives the same model; predictions do not depend on which other rows are predicted with them or in what
/// order; fitting returns the estimator and leaves its settings alone; predicting changes nothing; a saved model
/// predicts as the one in memory (scikit-learn's pickling check, with the model file).
/// </summary>
public sealed class InvarianceChecks : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static readonly MlpOptions Defaults = new() { Seed = 1 };

    [Fact]
    public void check_methods_subset_invariance()
    {
        // X = 3 * uniform(size=(20, 3)), y = X[:, 0].astype(int): predicted whole and one row at a time (atol 1e-7).
        var data = SklearnData.Load("uniform20x3.csv");
        var classifier = new MlpClassifier(Defaults).Fit(data.X, data.Labels);
        var regressor = new MlpRegressor(Defaults).Fit(data.X, data.Target);
        var oneByOne = Enumerable.Range(0, 20).Select(r => SklearnData.Slice(data.X, r, r + 1)).ToArray();
        Assert.Equal(classifier.Predict(data.X), oneByOne.Select(x => classifier.Predict(x)[0]));
        AllClose(Flat(classifier.PredictProbabilities(data.X)), oneByOne.SelectMany(x => Flat(classifier.PredictProbabilities(x))).ToArray(),
            rtol: 0, atol: 1e-7);
        AllClose(regressor.Predict(data.X), oneByOne.Select(x => regressor.Predict(x)[0]).ToArray(), rtol: 0, atol: 1e-7);
    }

    [Fact]
    public void check_methods_sample_order_invariance()
    {
        var data = SklearnData.Load("uniform20x3.csv");
        var classifier = new MlpClassifier(Defaults).Fit(data.X, data.Labels);
        var regressor = new MlpRegressor(Defaults).Fit(data.X, data.Target);
        var order = Enumerable.Range(0, 20).ToArray();
        new Random(0).Shuffle(order);
        var permuted = SklearnData.Take(data.X, order);
        var whole = classifier.Predict(data.X);
        Assert.Equal(order.Select(r => whole[r]), classifier.Predict(permuted));
        var probabilities = classifier.PredictProbabilities(data.X);
        AllClose(order.SelectMany(r => Enumerable.Range(0, probabilities.GetLength(1)).Select(k => probabilities[r, k])).ToArray(),
            Flat(classifier.PredictProbabilities(permuted)), rtol: 0, atol: 1e-9);
        var values = regressor.Predict(data.X);
        AllClose(order.Select(r => values[r]).ToArray(), regressor.Predict(permuted), rtol: 1e-7, atol: 1e-9);
    }

    [Fact]
    public void check_fit_idempotent()
    {
        // normal(loc=100, size=(100, 2)); fitted twice on the first 80 rows, predicting the rest (rtol 1e-7, atol 1e-9).
        foreach (string kind in new[] { "classifier", "regressor" })
        {
            var data = SklearnData.Load($"loc100_{kind}.csv");
            var train = SklearnData.Slice(data.X, 0, 80);
            var test = SklearnData.Slice(data.X, 80, 100);
            if (kind == "classifier")
            {
                var labels = data.Labels[..80];
                var first = new MlpClassifier(Defaults).Fit(train, labels);
                var (p, q) = (first.PredictProbabilities(test), first.Predict(test));
                first.Fit(train, labels);
                AllClose(Flat(p), Flat(first.PredictProbabilities(test)), rtol: 1e-7, atol: 1e-9);
                Assert.Equal(q, first.Predict(test));
            }
            else
            {
                var target = data.Target[..80];
                var first = new MlpRegressor(Defaults).Fit(train, target);
                var p = first.Predict(test);
                AllClose(p, first.Fit(train, target).Predict(test), rtol: 1e-7, atol: 1e-9);
            }
        }
    }

    [Fact]
    public void check_estimators_fit_returns_self()
    {
        var data = SklearnData.Load("uniform20x3.csv");
        var classifier = new MlpClassifier(Defaults);
        Assert.Same(classifier, classifier.Fit(data.X, data.Labels));
        var regressor = new MlpRegressor(Defaults);
        Assert.Same(regressor, regressor.Fit(data.X, data.Target));
    }

    [Fact]
    public void check_fit_check_is_fitted()
    {
        var data = SklearnData.Load("uniform20x3.csv");
        var classifier = new MlpClassifier(Defaults);
        Assert.Null(classifier.FittedModel);
        Assert.NotNull(classifier.Fit(data.X, data.Labels).FittedModel);
    }

    [Fact]
    public void check_dont_overwrite_parameters()
    {
        // Also check_estimators_overwrite_params: the settings are the object given, equal to a copy taken before.
        var data = SklearnData.Load("uniform20x3.csv");
        var options = Defaults with { HiddenLayers = [7] };
        var copy = options with { };
        var classifier = new MlpClassifier(options).Fit(data.X, data.Labels);
        Assert.Same(options, classifier.Options);
        Assert.Equal(copy, classifier.Options);
        Assert.Equal([7], classifier.Options.HiddenLayers);
    }

    [Fact]
    public void check_dict_unchanged()
    {
        // Predicting leaves the fitted model as it was, to the byte of its file.
        var data = SklearnData.Load("uniform20x3.csv");
        var classifier = new MlpClassifier(Defaults).Fit(data.X, data.Labels);
        string before = ModelFile.ToJson(classifier.Model!);
        classifier.Predict(data.X);
        classifier.PredictProbabilities(data.X);
        Assert.Equal(before, ModelFile.ToJson(classifier.Model!));
    }

    [Fact]
    public void check_estimators_pickle()
    {
        // Pickling's counterpart is the model file: a loaded model predicts the same numbers, bit for bit.
        var data = SklearnData.Load("blobs300.csv");
        var classifier = new MlpClassifier(Defaults with { Epochs = 20 }).Fit(data.X, data.Labels);
        classifier.Save(_folder.File("c.json"));
        Assert.Equal(classifier.PredictProbabilities(data.X), MlpClassifier.Load(_folder.File("c.json")).PredictProbabilities(data.X));
        var regressor = new MlpRegressor(Defaults with { Epochs = 20 }).Fit(data.X, data.Target);
        regressor.Save(_folder.File("r.json"));
        Assert.Equal(regressor.Predict(data.X), MlpRegressor.Load(_folder.File("r.json")).Predict(data.X));
    }

    [Fact]
    public void check_estimators_partial_fit_n_features()
    {
        // make_blobs(n_samples=50, random_state=1), X -= X.min(): Data/blobs50.csv. A second PartialFit with a feature fewer is
        // refused (ValueError there).
        var data = SklearnData.Load("blobs50.csv");
        var classifier = new MlpClassifier(Defaults with { ValidationFraction = 0 });
        classifier.PartialFit(data.X, data.Labels, classes: data.Labels.Distinct().Order().ToArray());
        var narrower = new double[data.Rows, 1];
        for (int r = 0; r < data.Rows; r++) narrower[r, 0] = data.X[r, 0];
        Assert.ThrowsAny<ArgumentException>(() => classifier.PartialFit(narrower, data.Labels));
        var regressor = new MlpRegressor(Defaults with { ValidationFraction = 0 });
        regressor.PartialFit(data.X, data.Target);
        Assert.ThrowsAny<ArgumentException>(() => regressor.PartialFit(narrower, data.Target));
    }
}

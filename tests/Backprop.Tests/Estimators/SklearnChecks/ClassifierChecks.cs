using Backprop.Estimators;
using Backprop.Training.Weights;
using static Backprop.Tests.Estimators.SklearnChecks.Assertions;

namespace Backprop.Tests.Estimators.SklearnChecks;

/// <summary>scikit-learn's classifier checks (estimator_checks.py) on <see cref="MlpClassifier"/> with its defaults and a seed, as
/// <c>set_random_state</c> gives scikit-learn's.</summary>
public class ClassifierChecks
{
    private static readonly MlpOptions Defaults = new() { Seed = 0 };

    private static (double[,] X, int[] Y) Binary(SklearnData data)
    {
        var keep = Enumerable.Range(0, data.Rows).Where(r => data.Labels[r] != 2).ToArray();
        return (SklearnData.Take(data.X, keep), keep.Select(r => data.Labels[r]).ToArray());
    }

    [Theory]
    [InlineData(Precision.Double)]
    [InlineData(Precision.Float)]
    public void check_classifiers_train(Precision precision)
    {
        // make_blobs(n_samples=300, random_state=0), shuffled (random_state=7) and standardised; the two-class part and all three.
        var data = SklearnData.Load("blobs300.csv");
        foreach (var (x, y) in new[] { Binary(data), (data.X, data.Labels) })
        {
            int n = y.Length, classes = y.Distinct().Count();
            var classifier = new MlpClassifier(Defaults with { Precision = precision });
            Assert.Throws<ArgumentException>(() => classifier.Fit(x, y[..^1]));
            classifier.Fit(x, y);
            var predicted = classifier.Predict(x);
            Assert.Equal(n, predicted.Length);
            double accuracy = predicted.Zip(y).Count(p => p.First == p.Second.ToString()) / (double)n;
            Assert.True(accuracy > 0.83, $"accuracy {accuracy}");
            // Features of another width are refused.
            Assert.Throws<ArgumentException>(() => classifier.Predict(new double[2, 3]));
            var probabilities = classifier.PredictProbabilities(x);
            Assert.Equal((n, classes), (probabilities.GetLength(0), probabilities.GetLength(1)));
            Assert.Equal(predicted, ArgMax(probabilities).Select(k => classifier.Classes[k]));
            // assert_array_almost_equal(sum, 1): six decimals.
            for (int r = 0; r < n; r++)
                Assert.Equal(1, Enumerable.Range(0, classes).Sum(k => probabilities[r, k]), 6);
        }
    }

    [Fact]
    public void check_classifiers_classes()
    {
        // make_blobs(n_samples=30, random_state=0, cluster_std=0.1) with the classes named "one", "two", "three", and -1, 1;
        // check_classifiers_predictions: the classes are the labels sorted, and every class is predicted.
        var data = SklearnData.Load("blobs30.csv");
        string[] names = ["one", "two", "three"];
        var (xb, yb) = Binary(data);
        foreach (var (x, y) in new[] { (xb, yb.Select(k => names[k]).ToArray()), (data.X, data.Labels.Select(k => names[k]).ToArray()) })
        {
            var classifier = new MlpClassifier(Defaults).Fit(x, y);
            Assert.Equal(y.Distinct().Order(StringComparer.Ordinal), classifier.Classes);
            Assert.Equal(y.Distinct().Order(StringComparer.Ordinal), classifier.Predict(x).Distinct().Order(StringComparer.Ordinal));
        }
        var signs = yb.Select(k => k == 0 ? -1 : 1).ToArray();
        var binary = new MlpClassifier(Defaults).Fit(xb, signs);
        Assert.Equal(["-1", "1"], binary.Classes);
        Assert.Equal(["-1", "1"], binary.Predict(xb).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void check_class_weight_classifiers()
    {
        // make_blobs(centers=n, random_state=0, cluster_std=20) split in halves (random_state=0); class 0 weighted 1000 and
        // the others 0.0001, max_iter=1000: more than 87% of the test rows are predicted 0.
        foreach (int centers in new[] { 2, 3 })
        {
            var train = SklearnData.Load($"classweight{centers}_train.csv");
            var test = SklearnData.Load($"classweight{centers}_test.csv");
            var weights = Enumerable.Range(0, centers).ToDictionary(k => k.ToString(), k => k == 0 ? 1000 : 0.0001);
            var classifier = new MlpClassifier(Defaults with { ClassWeight = ClassWeighting.Of(weights), Epochs = 1000 })
                .Fit(train.X, train.Labels);
            double zeros = classifier.Predict(test.X).Count(p => p == "0") / (double)test.Rows;
            Assert.True(zeros > 0.87, $"{centers} centres: {zeros}");
        }
    }

    private static int[,] Indicator(double[,] y)
    {
        var labels = new int[y.GetLength(0), y.GetLength(1)];
        for (int r = 0; r < y.GetLength(0); r++)
            for (int k = 0; k < y.GetLength(1); k++) labels[r, k] = (int)y[r, k];
        return labels;
    }

    private static (int Rows, int Columns) Shape<T>(T[,] m) => (m.GetLength(0), m.GetLength(1));

    [Fact]
    public void check_classifier_multioutput()
    {
        // make_multilabel_classification(random_state=42, n_samples=42, n_labels=5, n_classes=3): Data/multilabel42.csv. The
        // predictions are (42, 3) integers, the probabilities (42, 3), and the probabilities rounded are the predictions.
        var data = SklearnData.Load("multilabel42.csv");
        var classifier = new MlpClassifier(Defaults).Fit(data.X, Indicator(data.Y));
        var predicted = classifier.PredictLabels(data.X);
        Assert.Equal((42, 3), Shape(predicted));
        var probabilities = classifier.PredictProbabilities(data.X);
        Assert.Equal((42, 3), Shape(probabilities));
        for (int r = 0; r < 42; r++)
            for (int k = 0; k < 3; k++) Assert.Equal(predicted[r, k], (int)Math.Round(probabilities[r, k], MidpointRounding.ToEven));
    }

    // make_multilabel_classification(n_samples=100, n_features=2, n_classes=5, n_labels=3, length=50, allow_unlabeled=True,
    // random_state=0), X scaled: Data/multilabel100.csv; the first 75 rows train, the last 25 test.
    private static (double[,] Train, int[,] Y, double[,] Test, int[,] YTest) Multilabel100(int test)
    {
        var data = SklearnData.Load("multilabel100.csv");
        var y = Indicator(data.Y);
        int[,] Rows(int from, int to)
        {
            var m = new int[to - from, 5];
            for (int r = from; r < to; r++)
                for (int k = 0; k < 5; k++) m[r - from, k] = y[r, k];
            return m;
        }
        return (SklearnData.Slice(data.X, 0, 100 - test), Rows(0, 100 - test), SklearnData.Slice(data.X, 100 - test, 100), Rows(100 - test, 100));
    }

    [Fact]
    public void check_classifiers_multilabel_representation_invariance()
    {
        // The first 80 rows train, the last 20 are predicted. Python's indicator array, list of lists and list of arrays are
        // all one type here, int[,]: what is left to check is that equal labels in another int[,] give the same predictions.
        var (train, y, test, _) = Multilabel100(20);
        var fromArray = new MlpClassifier(Defaults).Fit(train, y).PredictLabels(test);
        var again = new MlpClassifier(Defaults).Fit(train, (int[,])y.Clone()).PredictLabels(test);
        Assert.Equal(fromArray, again);
    }

    [Fact]
    public void check_classifiers_multilabel_output_format_predict()
    {
        // The last 25 rows are predicted: an int[,] of the test labels' shape, of 0/1.
        var (train, y, test, yTest) = Multilabel100(25);
        var predicted = new MlpClassifier(Defaults).Fit(train, y).PredictLabels(test);
        Assert.Equal(Shape(yTest), Shape(predicted));
        Assert.All(predicted.Cast<int>(), v => Assert.True(v is 0 or 1));
    }

    [Fact]
    public void check_classifiers_multilabel_output_format_predict_proba()
    {
        // The last 25 rows: a (25, 5) array of floats, each in [0, 1], the rows not summing to 1 as one class's would.
        var (train, y, test, _) = Multilabel100(25);
        var probabilities = new MlpClassifier(Defaults).Fit(train, y).PredictProbabilities(test);
        Assert.Equal((25, 5), Shape(probabilities));
        Assert.All(probabilities.Cast<double>(), v => Assert.InRange(v, 0, 1));
        Assert.Contains(Enumerable.Range(0, 25), r => Math.Abs(Enumerable.Range(0, 5).Sum(k => probabilities[r, k]) - 1) > 1e-6);
    }
}

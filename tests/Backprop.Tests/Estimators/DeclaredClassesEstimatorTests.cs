using Backprop.Data;
using Backprop.Diagnostics;
using Backprop.Estimators;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Estimators;

/// <summary>
/// <see cref="MlpOptions.Classes"/>: a classifier fitted on rows of two of three declared classes has three output units,
/// the absent class's trained like the others, and refuses a row of a class not declared.
/// </summary>
public sealed class DeclaredClassesEstimatorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static readonly double[][] X = [[0.5, 1.0], [-1.0, 0.25], [1.5, -0.5], [0.0, 2.0]];
    private static readonly int[] Y = [0, 2, 0, 2]; // a, c, a, c: no row of b

    /// <summary>No hidden layer, full-batch gradient descent, raw inputs: one epoch is one step that the test can do by hand.</summary>
    private static readonly MlpOptions OneStep = new()
    {
        HiddenLayers = [], Optimizer = "gd", LearningRate = 0.5, Epochs = 1, BatchSize = null, Standardize = false, Seed = 3, Classes =
            ["a", "b", "c"],
    };

    private CsvTable Table(string name, params string[] labels)
    {
        string path = _folder.File(name);
        File.WriteAllText(path, "x1,x2,label\n" + string.Concat(X.Select((x, r) => FormattableString.Invariant($"{x[0]},{x[1]},{labels[r]}\n"))));
        return CsvTable.Read(path);
    }

    private static double[] Softmax(double[][] w, double[] b, double[] x)
    {
        var z = Enumerable.Range(0, 3).Select(k => b[k] + w[k][0] * x[0] + w[k][1] * x[1]).ToArray();
        double max = z.Max();
        var e = z.Select(v => Math.Exp(v - max)).ToArray();
        return e.Select(v => v / e.Sum()).ToArray();
    }

    [Fact]
    public void Rows_of_two_of_three_declared_classes_train_three_softmax_units_and_the_step_is_the_hand_computed_one()
    {
        var table = Table("abc.csv", "a", "c", "a", "c");
        var start = new MlpClassifier(OneStep with { Epochs = 0 }).Fit(table, "label");
        var model = (MlpClassifier)new MlpClassifier(OneStep).Fit(table, "label");
        Assert.Equal(["a", "b", "c"], model.Classes);
        Assert.Equal(3, model.Network!.Outputs);
        Assert.Equal("softmax", model.Model!.Layers[^1].Activation);

        // One step of mean cross-entropy over softmax: ∂L/∂z = (p − y)/n, so W −= η·Σ (p − y)·xᵀ / n and b −= η·Σ (p − y) / n.
        var layer = start.Model!.Layers[^1];
        double[][] w0 = layer.Weights.Select(r => r.ToArray()).ToArray();
        double[] b0 = layer.Bias!.ToArray();
        double[][] w1 = w0.Select(r => r.ToArray()).ToArray();
        double[] b1 = b0.ToArray();
        for (int r = 0; r < 4; r++)
        {
            var p = Softmax(w0, b0, X[r]);
            for (int k = 0; k < 3; k++)
            {
                double d = (p[k] - (Y[r] == k ? 1 : 0)) / 4;
                b1[k] -= 0.5 * d;
                for (int i = 0; i < 2; i++) w1[k][i] -= 0.5 * d * X[r][i];
            }
        }
        var trained = model.Model.Layers[^1];
        for (int k = 0; k < 3; k++)
        {
            Assert.Equal(b1[k], trained.Bias![k], 1e-12);
            for (int i = 0; i < 2; i++) Assert.Equal(w1[k][i], trained.Weights[k][i], 1e-12);
        }
        // b's unit moved too (no row is b, so its bias fell by η·mean(p_b)): a real unit, not a slot left at 0.
        Assert.True(b1[1] < b0[1] - 1e-3);

        for (int r = 0; r < 4; r++)
        {
            var probabilities = model.PredictProbabilities(X[r]);
            Assert.Equal(3, probabilities.Length);
            Assert.Equal(1.0, probabilities.Sum(), 1e-12);
            var expected = Softmax(w1, b1, X[r]);
            for (int k = 0; k < 3; k++) Assert.Equal(expected[k], probabilities[k], 1e-12);
            Assert.True(probabilities[1] > 0);
        }
    }

    [Fact]
    public void A_row_of_a_class_not_declared_is_refused_naming_it()
    {
        var bad = Table("abz.csv", "a", "c", "z", "c");
        var e = Assert.Throws<DataFormatException>(() => new MlpClassifier(OneStep).Fit(bad, "label"));
        Assert.Equal($"{bad.Path}:4:3: 'z' in column 'label' is not one of the declared classes (a, b, c)", e.Message);

        // A fitted classifier scores a table only on the classes it declares.
        var model = (MlpClassifier)new MlpClassifier(OneStep).Fit(Table("abc.csv", "a", "c", "a", "c"), "label");
        var scored = Assert.Throws<DataFormatException>(() => model.Score(bad));
        Assert.Equal($"{bad.Path}:4:3: 'z' in column 'label' is a class the model was not trained with (known: a, b, c)", scored.Message);
    }

    [Fact]
    public void Classes_are_for_classifiers_and_need_two_distinct_names()
    {
        var table = Table("abc.csv", "a", "c", "a", "c");
        var regressor = Assert.Throws<BackpropException>(() => new MlpRegressor(OneStep).Fit(table, "x2"));
        Assert.Equal($"{table.Path}: MlpOptions.Classes declares the classes of a classifier, but a regressor's target 'x2' holds numbers "
            + "to predict: use an MlpClassifier", regressor.Message);
        var twice = Assert.Throws<BackpropException>(() => new MlpClassifier(OneStep with { Classes = ["a", "a"] }).Fit(table, "label"));
        Assert.Equal("MlpOptions.Classes: names 'a' twice", twice.Message);
    }
}

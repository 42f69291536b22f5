using Backprop.Diagnostics;
using Backprop.Estimators;

namespace Backprop.Tests.Estimators;

/// <summary>
/// Several targets from arrays, as scikit-learn's estimators take a two-dimensional <c>y</c>: multi-output regression
/// (<see cref="MlpRegressor.FitMany"/>) and multilabel classification
/// (<see cref="MlpClassifier.Fit(double[,], int[,], CancellationToken)"/>, sigmoid outputs and binary cross-entropy).
/// </summary>
public sealed class MultiOutputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("multioutput").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The 36 points of a 6 × 6 grid, none nearer than 0.5 to an axis, labelled (x1 &gt; 0, x2 &gt; 0).</summary>
    private static (double[,] X, int[,] Y) Quadrants()
    {
        double[] at = [-2, -1, -0.5, 0.5, 1, 2];
        var x = new double[36, 2];
        var y = new int[36, 2];
        for (int i = 0; i < 36; i++)
        {
            (x[i, 0], x[i, 1]) = (at[i / 6], at[i % 6]);
            (y[i, 0], y[i, 1]) = (x[i, 0] > 0 ? 1 : 0, x[i, 1] > 0 ? 1 : 0);
        }
        return (x, y);
    }

    private static readonly MlpOptions Lbfgs = new() { Optimizer = "lbfgs", HiddenLayers = [8], Epochs = 300, ValidationFraction = 0 };

    [Fact]
    public void Multilabel_learns_a_separable_problem_exactly_with_a_probability_per_label()
    {
        var (x, y) = Quadrants();
        var model = new MlpClassifier(Lbfgs).Fit(x, y);
        Assert.True(model.IsMultilabel);
        Assert.Equal(["y1", "y2"], model.Classes);
        Assert.Equal(1.0, model.Score(x, y));
        Assert.Equal(y, model.PredictLabels(x));
        var p = model.PredictProbabilities(x);
        Assert.Equal((36, 2), (p.GetLength(0), p.GetLength(1)));
        // Independent sigmoids, not a softmax: the two probabilities of the row (2, 2) are both near 1, of (−2, −2) both near 0.
        Assert.True(p[35, 0] > 0.9 && p[35, 1] > 0.9, $"{p[35, 0]}, {p[35, 1]}");
        Assert.True(p[0, 0] < 0.1 && p[0, 1] < 0.1, $"{p[0, 0]}, {p[0, 1]}");
        Assert.Equal(p[35, 1], model.PredictProbabilities([2.0, 2.0])[1], 12);
        Assert.Equal("sigmoid", model.Model!.DenseLayers[^1].Activation);
        Assert.Equal("cross-entropy", model.Model.Options!.Loss);
        Assert.Null(model.Options.Loss); // the estimator's own settings are left as given (scikit-learn's check_dont_overwrite_parameters)
        Assert.Throws<InvalidOperationException>(() => model.Predict(x));

        string path = Path.Combine(_folder, "labels.json");
        model.Save(path);
        var loaded = MlpClassifier.Load(path);
        Assert.True(loaded.IsMultilabel);
        Assert.Equal(y, loaded.PredictLabels(x));
    }

    [Fact]
    public void Multilabel_refuses_a_label_that_is_not_0_or_1_and_a_softmax()
    {
        var (x, y) = Quadrants();
        y[4, 1] = 2;
        var e = Assert.Throws<BackpropException>(() => new MlpClassifier(Lbfgs).Fit(x, y));
        Assert.Equal("the label at row 4, column 1 is 2: each label is 1 (has it) or 0 (has not)", e.Message);
        y[4, 1] = 1;
        e = Assert.Throws<BackpropException>(() => new MlpClassifier(Lbfgs with { OutputActivation = "softmax" }).Fit(x, y));
        Assert.StartsWith("MlpOptions.OutputActivation = softmax: 0/1 label columns are learned as one probability per label", e.Message);
    }

    [Fact]
    public void Multi_output_regression_fits_two_linear_targets()
    {
        // y1 = x1 + 2·x2, y2 = 3·x1 − x2 + 1 on 60 points.
        var x = new double[60, 2];
        var y = new double[60, 2];
        for (int i = 0; i < 60; i++)
        {
            (x[i, 0], x[i, 1]) = (Math.Sin(i * 0.7) * 2, Math.Cos(i * 1.9));
            (y[i, 0], y[i, 1]) = (x[i, 0] + 2 * x[i, 1], 3 * x[i, 0] - x[i, 1] + 1);
        }
        var model = new MlpRegressor(Lbfgs).FitMany(x, y);
        var predicted = model.PredictMany(x);
        Assert.Equal((60, 2), (predicted.GetLength(0), predicted.GetLength(1)));
        double[] r2 = new double[2];
        for (int k = 0; k < 2; k++)
        {
            double mean = Enumerable.Range(0, 60).Average(i => y[i, k]);
            double residual = Enumerable.Range(0, 60).Sum(i => Math.Pow(y[i, k] - predicted[i, k], 2));
            double total = Enumerable.Range(0, 60).Sum(i => Math.Pow(y[i, k] - mean, 2));
            r2[k] = 1 - residual / total;
            Assert.True(r2[k] > 0.99, $"R² of target {k + 1}: {r2[k]}");
        }
        Assert.Equal((r2[0] + r2[1]) / 2, model.ScoreMany(x, y), 12);
        Assert.Equal(predicted[7, 1], model.PredictMany(x)[7, 1]);
        Assert.Equal(["y1", "y2"], model.FittedModel!.TargetNames);
    }
}

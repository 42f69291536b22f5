using System.Globalization;
using Backprop.Estimators;
using Backprop.Serialization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Backprop.MLNet.Tests;

/// <summary>The ML.NET trainer is the estimators' pipeline: the same rows and options give the same weights, bit for bit.</summary>
public sealed class SameModelTests
{
    private static double[] Weights(ModelDocument model) =>
        model.DenseLayers.SelectMany(l => l.Weights.SelectMany(row => row).Concat(l.Bias ?? [])).ToArray();

    [Fact]
    public void The_trainer_fits_the_model_an_MlpClassifier_fits_on_the_same_rows()
    {
        var ml = new MLContext(seed: 1);
        var (data, features) = TestData.Load(ml, "uci/iris.csv", "species");
        var options = new MlpOptions { HiddenLayers = [5], Epochs = 3, Seed = 7, ValidationFraction = 0.2 };
        var prepared = ml.Transforms.Concatenate("Features", features).Append(ml.Transforms.Conversion.MapValueToKey("Label", "species"))
            .Fit(data).Transform(data);
        var trained = ml.MulticlassClassification.Trainers.Backprop(options).Fit(prepared);

        var rows = TestData.Vectors(prepared, "Features");
        var x = new double[rows.Length, rows[0].Length];
        for (int r = 0; r < rows.Length; r++)
            for (int c = 0; c < rows[r].Length; c++) // as the trainer reads them: each float's shortest text, as a double
                x[r, c] = double.Parse(rows[r][c].ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        string[] species = [.. prepared.GetColumn<string>("species")];
        var fitted = new MlpClassifier(options).Fit(x, species);
        Assert.Equal(4 * 5 + 5 + 5 * 3 + 3, Weights(trained.Model).Length);
        Assert.Equal(Weights(fitted.Model!), Weights(trained.Model));
    }

    [Fact]
    public void The_regression_trainer_with_default_options_fits_the_model_and_the_R2_an_MlpRegressor_fits()
    {
        var ml = new MLContext(seed: 1);
        var (data, columns) = TestData.Load(ml, "uci/iris.csv", "species");
        string[] features = [.. columns.Where(c => c != "petal_width_cm")];
        var prepared = ml.Transforms.Concatenate("Features", features).Append(ml.Transforms.CopyColumns("Label", "petal_width_cm"))
            .Fit(data).Transform(data);
        var options = new MlpOptions(); // the plain Fit, with its seed, 1, given to the trainer (else the MLContext's would be taken)
        var trained = ml.Regression.Trainers.Backprop(new BackpropTrainerOptions { Mlp = options, Seed = 1 }).Fit(prepared);
        double mlnetR2 = ml.Regression.Evaluate(trained.Transform(prepared)).RSquared;

        var rows = TestData.Vectors(prepared, "Features");
        var x = new double[rows.Length, rows[0].Length];
        for (int r = 0; r < rows.Length; r++)
            for (int c = 0; c < rows[r].Length; c++)
                x[r, c] = double.Parse(rows[r][c].ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        double[] y = [.. TestData.Floats(prepared, "Label").Select(v => double.Parse(v.ToString("R", CultureInfo.InvariantCulture),
            CultureInfo.InvariantCulture))];
        var fitted = new MlpRegressor(options).Fit(x, y);
        Assert.Equal(Weights(fitted.Model!), Weights(trained.Model));
        double r2 = fitted.Score(x, y);
        Assert.InRange(r2, 0.5, 1); // a real fit: petal width follows the other three measurements closely
        Assert.Equal(r2, mlnetR2, 1e-6); // ML.NET scores in float
    }
}

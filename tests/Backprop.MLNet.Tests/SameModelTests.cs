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
}

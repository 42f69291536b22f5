using System.Globalization;
using System.Text;
using Backprop.Data;
using Backprop.Data.Preprocessing;
using Backprop.Data.Rows;
using Backprop.Estimators;
using Backprop.Serialization;
using Backprop.Tensors;

namespace Backprop.Tests.Data.Targets;

/// <summary>
/// A regression target standardised for training (<see cref="MlpOptions.ScaleTarget"/>), against hand arithmetic: its
/// weighted mean and scale, predictions in the target's units, the saved section, and the old behaviour when it is off.
/// </summary>
public class TargetScalingTests
{
    private static CsvTable Table(string content, string name = "t.csv") => CsvTable.Read(new MemoryStream(Encoding.UTF8.GetBytes(content)), name);

    private static MatrixRows<double> Rows(params double[] y) => new(new Matrix<double>(y.Length, 1), new Matrix<double>(y.Length, 1, y));

    [Fact]
    public void The_mean_and_scale_are_weighted_a_zero_weight_moves_nothing_and_a_weight_of_three_is_three_rows()
    {
        // y = 1, 2, 10 weighted 1, 3, 0: mean (1 + 3·2) / 4 = 1.75; variance (1·0.75² + 3·0.25²) / 4 = 0.1875.
        var weighted = TargetScaling.Fit(new TargetEncoding(["y"]), Rows(1, 2, 10), [1, 3, 0]);
        Assert.Equal(1.75, weighted.Mean![0]);
        Assert.Equal(Math.Sqrt(0.1875), weighted.Scale![0], 1e-15);
        var repeated = TargetScaling.Fit(new TargetEncoding(["y"]), Rows(1, 2, 2, 2), null);
        Assert.Equal(weighted.Mean, repeated.Mean);
        Assert.Equal(weighted.Scale![0], repeated.Scale![0], 1e-15);
        // One value: nothing to divide by, so scale 1 (as StandardScaler does); the mean still centres it.
        var constant = TargetScaling.Fit(new TargetEncoding(["y"]), Rows(5, 5, 5), null);
        Assert.Equal((5.0, 1.0), (constant.Mean![0], constant.Scale![0]));
    }

    [Fact]
    public void Targets_near_1e300_give_a_finite_mean_and_scale_rather_than_overflowing()
    {
        // y = 1e300 and 3e300: mean 2e300, population standard deviation 1e300 (the sum of squares, 2e600, would overflow).
        var target = TargetScaling.Fit(new TargetEncoding(["y"]), Rows(1e300, 3e300), null);
        Assert.Equal(2e300, target.Mean![0], 2e300 * 1e-15);
        Assert.Equal(1e300, target.Scale![0], 1e300 * 1e-15);
    }

    [Fact]
    public void Standardising_and_turning_back_are_the_affine_maps_and_their_inverse()
    {
        var target = new TargetEncoding(["a", "b"]) { Mean = [10, -2], Scale = [4, 0.5] };
        var m = new Matrix<double>(2, 2, [14, -2, 2, -1]);
        TargetScaling.Standardize(target, m);
        Assert.Equal([1.0, 0, -2, 2], m.Span.ToArray()); // (14 − 10)/4, (−2 + 2)/0.5, (2 − 10)/4, (−1 + 2)/0.5
        TargetScaling.Restore(target, m);
        Assert.Equal([14.0, -2, 2, -1], m.Span.ToArray());
    }

    /// <summary>y = 300 + 100·x on 40 rows: a target of scale ~100 that an unscaled network of this size and budget does not reach.</summary>
    private static CsvTable Line()
    {
        var text = new StringBuilder("x,y\n");
        for (int i = 0; i < 40; i++) text.Append(CultureInfo.InvariantCulture, $"{i / 39.0:R},{300 + 100 * (i / 39.0):R}\n");
        return Table(text.ToString(), "line.csv");
    }

    private static readonly MlpOptions Small = new() { HiddenLayers = [4], Epochs = 60, LearningRate = 0.01, BatchSize = 8, Seed = 3 };

    [Fact]
    public void A_regressor_learns_the_standardised_target_and_predicts_in_its_units()
    {
        var table = Line();
        var scaled = (MlpRegressor)new MlpRegressor(Small).Fit(table, "y");
        var target = scaled.Preprocessor!.Target;
        // Mean of 300 + 100·i/39 over i = 0…39: 350; population sd: 100·sd(i)/39 = 100·√((40² − 1)/12)/39 = 29.61…
        Assert.Equal(350, target.Mean![0], 1e-9);
        Assert.Equal(100 * Math.Sqrt((40.0 * 40 - 1) / 12) / 39, target.Scale![0], 1e-9);
        double r2 = scaled.Score(table);
        Assert.True(r2 > 0.95, $"R² {r2}");
        var plain = (MlpRegressor)new MlpRegressor(Small with { ScaleTarget = false }).Fit(table, "y");
        Assert.Null(plain.Preprocessor!.Target.Mean);
        Assert.True(plain.Score(table) < r2 - 0.1, $"unscaled R² {plain.Score(table)} vs scaled {r2}");
        // The predictions are the network's outputs turned back: z·scale + mean, by hand from the network.
        var z = scaled.Network!.Predict(scaled.Preprocessor.EncodeFeatures(table, [7]))[0, 0];
        Assert.Equal(z * target.Scale[0] + target.Mean[0], scaled.Predict(table, [7])[0], 1e-9);
    }

    [Fact]
    public void The_model_file_keeps_the_mean_and_scale_and_predicts_the_same_bits_after_loading()
    {
        var table = Line();
        var fitted = (MlpRegressor)new MlpRegressor(Small with { Epochs = 5 }).Fit(table, "y");
        string json = ModelFile.ToJson(fitted.Model!);
        Assert.Contains("\"mean\": [", json);
        var loaded = new Model(ModelFile.Parse(Encoding.UTF8.GetBytes(json), "m.json"));
        Assert.Equal(fitted.Preprocessor!.Target.Mean, loaded.Preprocessing!.Target.Mean);
        Assert.Equal(fitted.Preprocessor.Target.Scale, loaded.Preprocessing.Target.Scale);
        Assert.Equal(fitted.Predict(table), loaded.PredictOutputs(table).Span.ToArray());
        Assert.Null(loaded.Options!.ScaleTarget); // as given: the default
    }

    [Fact]
    public void A_classifier_and_a_non_linear_output_are_not_scaled_and_asking_for_it_there_is_refused()
    {
        var table = Table("x,y\n0,0\n1,1\n2,0\n3,1\n");
        var classifier = new MlpClassifier(Small with { Epochs = 1 }).Fit(table, "y");
        Assert.Null(classifier.Preprocessor!.Target.Mean);
        var sigmoid = new MlpRegressor(Small with { Epochs = 1, OutputActivation = "sigmoid" }).Fit(table, "y");
        Assert.Null(sigmoid.Preprocessor!.Target.Mean);
        var e = Assert.Throws<Backprop.Diagnostics.BackpropException>(() =>
            new MlpRegressor(Small with { ScaleTarget = true, OutputActivation = "sigmoid" }).Fit(table, "y"));
        Assert.Contains("MlpOptions.ScaleTarget", e.Message);
        Assert.Contains("is not linear", e.Message);
    }
}

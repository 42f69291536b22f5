using System.Text;
using Backprop.Data;
using Backprop.Data.Preprocessing;
using Backprop.Estimators;
using Backprop.Serialization;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Data;

/// <summary>
/// Robust scaling with smooth clipping (<see cref="MlpOptions.RobustScale"/>, <c>--standardize robust</c>): median and
/// interquartile range as numpy computes them, then u / √(1 + (u/3)²), as RealMLP prepares numeric features.
/// </summary>
public class RobustScalingTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static CsvTable Table(string content) => CsvTable.Read(new MemoryStream(Encoding.UTF8.GetBytes(content)), "r.csv");

    [Fact]
    public void An_outlier_is_bent_into_three_while_the_others_keep_their_median_and_quartile_scale()
    {
        var table = Table("x,y\n1,0\n2,1\n3,0\n4,1\n100,0\n");
        var pre = Preprocessor.Fit(table, new PreprocessingOptions { Targets = ["y"], Standardize = [], Robust = true }, [0, 1, 2, 3, 4]);
        var x = (NumericColumn)pre.Inputs.Single();
        // numpy: np.median = 3.0, np.percentile(x, [25, 75]) = [2.0, 4.0]
        Assert.Equal((3.0, 2.0, true), (x.Mean, x.Scale, x.Clip));
        // numpy: u = (x − 3)/2; u/np.sqrt(1 + (u/3)**2)
        double[] expected = [-0.9486832980505138, -0.49319696191607193, 0.0, 0.49319696191607193, 2.994277230905889];
        var encoded = pre.EncodeFeatures(table);
        for (int r = 0; r < 5; r++) Assert.Equal(expected[r], encoded[r, 0], 1e-15);
        // An even count interpolates: numpy's percentile of 1…6 is 2.25 and 4.75, the median 3.5.
        Assert.Equal(2.25, RobustScaling.Quantile([1, 2, 3, 4, 5, 6], 0.25));
        Assert.Equal(4.75, RobustScaling.Quantile([1, 2, 3, 4, 5, 6], 0.75));
        Assert.Equal(3.5, RobustScaling.Quantile([1, 2, 3, 4, 5, 6], 0.5));
    }

    [Fact]
    public void The_model_file_keeps_the_clip_and_predicts_the_same_after_loading_and_the_cli_asks_for_it_as_standardize_robust()
    {
        string data = _folder.File("r.csv");
        File.WriteAllText(data, "x,y\n1,0\n2,1\n3,0\n4,1\n100,0\n");
        string model = _folder.File("m.json");
        CliRunner.Ok("train", "--data", data, "--target", "y", "--standardize", "robust", "--epochs", "2", "--quiet", "--out", model);
        var loaded = ModelFile.Load(model);
        var x = (NumericColumn)loaded.Preprocessing!.Inputs.Single();
        Assert.Equal((3.0, 2.0, true), (x.Mean, x.Scale, x.Clip));
        Assert.True(loaded.Options!.RobustScale);
        Assert.Contains("\"clip\": true", File.ReadAllText(model));
        var fitted = new MlpRegressor(new MlpOptions { HiddenLayers = [2], Epochs = 2, RobustScale = true }).Fit(Table(File.ReadAllText(data)), "y");
        Assert.Equal(fitted.Predict(Table(File.ReadAllText(data))),
            new Model(ModelFile.Parse(Encoding.UTF8.GetBytes(ModelFile.ToJson(fitted.Model!)), "m.json")).PredictOutputs(
                Table(File.ReadAllText(data))).Span.ToArray());
    }
}

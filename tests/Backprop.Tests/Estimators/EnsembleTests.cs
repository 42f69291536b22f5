using Backprop.Diagnostics;
using Backprop.Estimators;
using Backprop.Estimators.Jobs;
using Backprop.Serialization;

namespace Backprop.Tests.Estimators;

/// <summary>
/// <see cref="MlpOptions.Ensemble"/>: several networks kept as one wider network that computes their mean, checked against
/// hand arithmetic and against the members trained one at a time.
/// </summary>
public sealed class EnsembleTests
{
    // Two members, 2 inputs → 2 relu → 1 identity.
    private static ModelDocument Member(double[][] w1, double[] b1, double[] w2, double b2, string output = "identity") => new()
    {
        Inputs = 2,
        Layers = [new LayerDocument(2, "relu", w1, b1), new LayerDocument(1, output, [w2], [b2])],
    };

    private static readonly ModelDocument A = Member([[1, 0], [0, 1]], [0, 0], [1, 1], 0);
    private static readonly ModelDocument B = Member([[1, 1], [-1, 0]], [0, 1], [2, -1], 1);

    [Fact]
    public void The_merged_network_computes_the_members_mean_as_worked_by_hand()
    {
        // x = (1, 2). A: h = (1, 2), y = 3. B: h = (relu 3, relu(-1 + 1)) = (3, 0), y = 2·3 − 0 + 1 = 7. Mean: 5.
        // x = (-1, 3). A: h = (0, 3), y = 3. B: h = (relu 2, relu 2) = (2, 2), y = 4 − 2 + 1 = 3. Mean: 3.
        var merged = EnsembleMerge.Merge([A, B]);
        Assert.Equal([4, 1], merged.Layers.Select(l => l.Units));
        Assert.Equal([1, 0, 0, 1, 1, 1, -1, 0], merged.Layers[0].Weights.SelectMany(r => r));
        Assert.Equal([0.5, 0.5, 1, -0.5], merged.Layers[1].Weights[0]);
        Assert.Equal([0.5], merged.Layers[1].Bias!);
        var model = new Model(merged);
        Assert.Equal(5.0, model.PredictOutputs([1.0, 2.0])[0], 14);
        Assert.Equal(3.0, model.PredictOutputs([-1.0, 3.0])[0], 14);
        Assert.Null(merged.Checkpoint);
    }

    [Fact]
    public void A_sigmoid_output_averages_the_logits()
    {
        // The logits of x = (1, 2) are 3 and 7 (above): the merged network gives sigmoid(5) = 1 / (1 + e^-5) = 0.9933071490757153.
        var merged = EnsembleMerge.Merge([A with { Layers = [A.Layers[0], A.Layers[1] with { Activation = "sigmoid" }] },
            B with { Layers = [B.Layers[0], B.Layers[1] with { Activation = "sigmoid" }] }]);
        Assert.Equal(0.9933071490757153, new Model(merged).PredictOutputs([1.0, 2.0])[0], 14);
    }

    [Fact]
    public void Deeper_layers_read_only_their_own_members_units()
    {
        // 2 → 2 relu → 1 relu → 1 identity, members A' and B' (their second hidden layer sums its two units, weight 1 and 2).
        ModelDocument Deep(ModelDocument m, double scale) => m with
        {
            Layers = [m.Layers[0], new LayerDocument(1, "relu", [[scale, scale]], [0]), new LayerDocument(1, "identity", [[1]], [0])],
        };
        // x = (1, 2): A' = 1·(1 + 2) = 3, B' = 2·(3 + 0) = 6: mean 4.5 (a weight across members would mix them).
        var merged = EnsembleMerge.Merge([Deep(A, 1), Deep(B, 2)]);
        Assert.Equal([4, 2, 1], merged.Layers.Select(l => l.Units));
        Assert.Equal([1, 1, 0, 0], merged.Layers[1].Weights[0]);
        Assert.Equal(4.5, new Model(merged).PredictOutputs([1.0, 2.0])[0], 14);
    }

    private static (double[,] X, double[] Y) Curve()
    {
        var x = new double[60, 2];
        var y = new double[60];
        for (int r = 0; r < 60; r++)
        {
            (x[r, 0], x[r, 1]) = (r / 59.0, (r * 7 % 60) / 59.0);
            y[r] = Math.Sin(3 * x[r, 0]) + x[r, 1] * x[r, 1];
        }
        return (x, y);
    }

    // The rows in the file's order (Shuffle = false): the seed then draws each member's weights and batch order alone.
    private static readonly MlpOptions Small = new() { HiddenLayers = [6], Epochs = 40, ValidationFraction = 0, Shuffle = false, Seed = 5 };

    [Fact]
    public void A_fitted_ensemble_predicts_the_mean_of_its_members_fitted_one_at_a_time()
    {
        var (x, y) = Curve();
        var ensemble = new MlpRegressor(Small with { Ensemble = 3 }).Fit(x, y, CancellationToken.None);
        var members = Enumerable.Range(0, 3)
            .Select(m => new MlpRegressor(Small with { Seed = MlpEstimator.MemberSeed(5, m) }).Fit(x, y, CancellationToken.None).Predict(x))
            .ToList();
        Assert.Equal(5UL, MlpEstimator.MemberSeed(5, 0));
        Assert.Equal([18, 1], ensemble.Model!.Layers.Select(l => l.Units));
        var predicted = ensemble.Predict(x);
        for (int r = 0; r < 60; r++) Assert.Equal((members[0][r] + members[1][r] + members[2][r]) / 3, predicted[r], 12);
        // The members differ: the mean is not one of them.
        Assert.True(Math.Abs(members[0][10] - members[1][10]) > 1e-4);
        Assert.Equal(3, Model.Load(Save(ensemble.Model)).Options!.Ensemble);
    }

    [Fact]
    public void The_same_seed_gives_the_same_bits()
    {
        var (x, y) = Curve();
        double[] Fit() => new MlpRegressor(Small with { Ensemble = 2 }).Fit(x, y, CancellationToken.None).Predict(x);
        Assert.Equal(Fit(), Fit());
    }

    [Fact]
    public void An_ensemble_is_not_continued()
    {
        var (x, y) = Curve();
        var estimator = new MlpRegressor(Small with { Ensemble = 2, WarmStart = true }).Fit(x, y, CancellationToken.None);
        var error = Assert.Throws<BackpropException>(() => estimator.Fit(x, y, CancellationToken.None));
        Assert.Contains("MlpOptions.Ensemble = 2 trains new networks from their own seeds: it cannot continue", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    private static string Save(ModelDocument model)
    {
        string path = Path.Combine(Path.GetTempPath(), $"ensemble-{Guid.NewGuid():N}.json");
        ModelFile.Save(path, model);
        return path;
    }
}

using Backprop.Estimators;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Backprop.MLNet.Tests;

/// <summary>A NaN feature at scoring time is a gap: the stored model reads it as the training mean it saved, as <c>backprop predict</c>
/// reads a missing value.</summary>
public sealed class GapScoringTests
{
    private sealed class Row
    {
        [VectorType(2)] public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }

    [Fact]
    public void A_NaN_feature_scores_as_the_training_mean()
    {
        var ml = new MLContext(seed: 1);
        // Feature 0: 1, 2, 3, 4, 5, 6 — mean 3.5; feature 1: 0, 1, 0, 1, 0, 1 — mean 0.5.
        var rows = Enumerable.Range(1, 6).Select(i => new Row { Features = [i, i % 2 == 0 ? 1 : 0], Label = 2 * i + (i % 2) }).ToArray();
        var model = ml.Regression.Trainers.Backprop(new MlpOptions { HiddenLayers = [3], Epochs = 20, Seed = 1 })
            .Fit(ml.Data.LoadFromEnumerable(rows));
        float[] Scores(params float[][] features) => ml.Data.CreateEnumerable<ScoreRow>(
            model.Transform(ml.Data.LoadFromEnumerable(features.Select(f => new Row { Features = f }))), reuseRowObject: false)
            .Select(s => s.Score).ToArray();
        var scores = Scores([float.NaN, 1], [3.5f, 1], [2, float.NaN], [2, 0.5f]);
        Assert.Equal(scores[1], scores[0]);
        Assert.Equal(scores[3], scores[2]);
        Assert.False(float.IsNaN(scores[0]));
    }

    [Fact]
    public void A_NaN_feature_in_training_is_a_gap_filled_with_the_mean_of_the_other_rows()
    {
        var ml = new MLContext(seed: 1);
        // Feature 0: 1, 2, NaN, 4, 5, 8 — the mean of the five present values is 20 / 5 = 4.
        float[] first = [1, 2, float.NaN, 4, 5, 8];
        var rows = first.Select((x, i) => new Row { Features = [x, i % 2], Label = 3 * i + 1 }).ToArray();
        var model = ml.Regression.Trainers.Backprop(new MlpOptions { HiddenLayers = [3], Epochs = 200, Seed = 1 })
            .Fit(ml.Data.LoadFromEnumerable(rows));
        float[] scores = ml.Data.CreateEnumerable<ScoreRow>(model.Transform(ml.Data.LoadFromEnumerable(
            new[] { new Row { Features = [float.NaN, 1] }, new Row { Features = [4, 1] }, new Row { Features = [8, 1] } })),
            reuseRowObject: false).Select(s => s.Score).ToArray();
        Assert.Equal(scores[1], scores[0]);
        Assert.NotEqual(scores[2], scores[0]);
    }

    [Fact]
    public void An_infinite_feature_is_refused_naming_its_row_and_slot()
    {
        var ml = new MLContext(seed: 1);
        var rows = Enumerable.Range(0, 6).Select(i => new Row { Features = [i == 4 ? float.PositiveInfinity : i, 1], Label = i }).ToArray();
        var e = Assert.ThrowsAny<ArgumentException>(() => ml.Regression.Trainers.Backprop(new MlpOptions { Epochs = 2 })
            .Fit(ml.Data.LoadFromEnumerable(rows)));
        Assert.StartsWith("Feature column 'Features' holds Infinity in slot 0 of row 5: Backprop trains on finite numbers and NaN gaps only.",
            e.Message);
    }

    private sealed class ScoreRow
    {
        public float Score { get; set; }
    }
}

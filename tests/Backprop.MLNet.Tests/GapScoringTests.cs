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

    private sealed class ScoreRow
    {
        public float Score { get; set; }
    }
}

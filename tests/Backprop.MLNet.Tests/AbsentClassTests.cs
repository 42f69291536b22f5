using Microsoft.ML;
using Microsoft.ML.Data;

namespace Backprop.MLNet.Tests;

/// <summary>A class the label's key holds but the training rows never show: its slot is there, with score 0.</summary>
public sealed class AbsentClassTests
{
    [Fact]
    public void AKeyValueWithoutTrainingRowsKeepsItsSlotWithScoreZero()
    {
        var ml = new MLContext(seed: 1);
        var (data, features) = TestData.Load(ml, "uci/iris.csv", "species");
        var prepared = ml.Transforms.Concatenate("Features", features).Append(ml.Transforms.Conversion.MapValueToKey("Label", "species")).Fit(data).Transform(data);
        // Key 2 is versicolor (the order the rows first show the species); train without it.
        var training = ml.Data.FilterByCustomPredicate<KeyRow>(prepared, row => row.Label == 2);
        var model = ml.MulticlassClassification.Trainers.Backprop(MulticlassPipelineTests.Options with { Epochs = 100 }).Fit(training);
        Assert.Equal(["setosa", "virginica"], model.Model.Preprocessing!.Target.Classes!.Order());

        var scored = model.Transform(prepared);
        var scores = TestData.Vectors(scored, "Score");
        var predicted = scored.GetColumn<uint>("PredictedLabel").ToArray();
        var labels = scored.GetColumn<uint>("Label").ToArray();
        Assert.Equal(150, scores.Length);
        Assert.All(scores, s => Assert.Equal(3, s.Length));
        Assert.All(scores, s => Assert.Equal(0f, s[1]));
        Assert.All(scores, s => Assert.Equal(1.0, s[0] + s[2], 1e-6));
        Assert.DoesNotContain(2u, predicted);
        for (int r = 0; r < 150; r++)
            if (labels[r] != 2) Assert.Equal(labels[r], predicted[r]);
        var metrics = ml.MulticlassClassification.Evaluate(scored);
        Assert.Equal(100.0 / 150, metrics.MicroAccuracy, 1e-12);      // every setosa and virginica right, every versicolor wrong
    }

    private sealed class KeyRow
    {
        [KeyType(3)] public uint Label { get; set; }
    }
}

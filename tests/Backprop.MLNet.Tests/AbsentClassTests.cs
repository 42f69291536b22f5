using Microsoft.ML;
using Microsoft.ML.Data;

namespace Backprop.MLNet.Tests;

/// <summary>
/// A class the label's key holds but the training rows never show: the key declares it, as it gives ML.NET's own
/// trainers their score vector, so it has an output unit of its own and a real probability.
/// </summary>
public sealed class AbsentClassTests
{
    [Fact]
    public void AKeyValueWithoutTrainingRowsIsAClassWithItsOwnOutputUnit()
    {
        var ml = new MLContext(seed: 1);
        var (data, features) = TestData.Load(ml, "uci/iris.csv", "species");
        var prepared = ml.Transforms.Concatenate("Features", features).Append(ml.Transforms.Conversion.MapValueToKey("Label", "species")).Fit(data)
            .Transform(data);
        // Key 2 is versicolor (the order the rows first show the species); train without it.
        var training = ml.Data.FilterByCustomPredicate<KeyRow>(prepared, row => row.Label == 2);
        Assert.Equal(100, training.GetColumn<uint>("Label").Count());
        var model = ml.MulticlassClassification.Trainers.Backprop(MulticlassPipelineTests.Options with { Epochs = 100 }).Fit(training);
        Assert.Equal(["setosa", "versicolor", "virginica"], model.Model.Preprocessing!.Target.Classes!);
        Assert.Equal(3, model.Model.Layers[^1].Units);
        Assert.Equal("softmax", model.Model.Layers[^1].Activation);

        var scored = model.Transform(prepared);
        var scores = TestData.Vectors(scored, "Score");
        var predicted = scored.GetColumn<uint>("PredictedLabel").ToArray();
        var labels = scored.GetColumn<uint>("Label").ToArray();
        var rows = TestData.Vectors(scored, "Features");
        Assert.Equal(150, scores.Length);
        for (int r = 0; r < 150; r++)
        {
            // Every slot is the forward pass's output for that class, versicolor's too (its unit, not a 0 put there).
            var expected = Reference.Outputs(model.Model, rows[r]);
            Assert.Equal(3, scores[r].Length);
            for (int k = 0; k < 3; k++) Assert.Equal(expected[k], scores[r][k], 1e-6);
            Assert.True(scores[r][1] > 0, $"row {r}: versicolor's probability {scores[r][1]}");
            Assert.Equal(1.0, scores[r].Sum(), 1e-6);
            Assert.Equal((uint)Array.IndexOf(scores[r], scores[r].Max()) + 1, predicted[r]);
            if (labels[r] != 2) Assert.Equal(labels[r], predicted[r]);
        }
        // Training without versicolor rows pushes its unit down: on the rows trained on it is below the row's own class.
        for (int r = 0; r < 150; r++)
            if (labels[r] != 2) Assert.True(scores[r][1] < scores[r][(int)labels[r] - 1], $"row {r}");
    }

    [Fact]
    public void ClassesOtherThanTheLabelsKeyValuesAreRefused()
    {
        var ml = new MLContext(seed: 1);
        var (data, features) = TestData.Load(ml, "uci/iris.csv", "species");
        var prepared = ml.Transforms.Concatenate("Features", features).Append(ml.Transforms.Conversion.MapValueToKey("Label", "species")).Fit(data)
            .Transform(data);
        var trainer = ml.MulticlassClassification.Trainers.Backprop(MulticlassPipelineTests.Options with { Epochs = 1, Classes =
            ["setosa", "virginica", "versicolor"] });
        var e = Assert.Throws<ArgumentException>(() => trainer.Fit(prepared));
        Assert.Equal("MlpOptions.Classes (setosa, virginica, versicolor) differs from the classes of label column 'Label' (setosa, versicolor, " +
            "virginica): "
            + "leave it null, the label's key values declare them. (Parameter 'options')", e.Message);
    }

    private sealed class KeyRow
    {
        [KeyType(3)] public uint Label { get; set; }
    }
}

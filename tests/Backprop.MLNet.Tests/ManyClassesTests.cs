using Microsoft.ML;
using Microsoft.ML.Data;

namespace Backprop.MLNet.Tests;

/// <summary>Ten classes: the scores leave the network in blocks of 2 and 8 and are one Score vector of 10 again, in the key's order.</summary>
public sealed class ManyClassesTests
{
    [Fact]
    public void TheDigitsScoresAreTheNetworksOutputsInTheKeysOrder()
    {
        var ml = new MLContext(seed: 1);
        var (data, features) = TestData.Load(ml, "uci/digits_8x8.csv", "digit");
        var model = ml.Transforms.Concatenate("Features", features)
            .Append(ml.Transforms.Conversion.MapValueToKey("Label", "digit"))
            .Append(ml.MulticlassClassification.Trainers.Backprop(new MlpOptions { HiddenLayers = [16], Epochs = 15, LearningRate = 0.01 }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedDigit", "PredictedLabel"))
            .Fit(ml.Data.TakeRows(data, 600));                      // trained on the first 600 images, scored on all 1,797
        var trained = model.OfType<BackpropTransformer>().Single().Model;
        var scored = model.Transform(data);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 10), scored.Schema["Score"].Type);

        VBuffer<ReadOnlyMemory<char>> keys = default;
        scored.Schema["Label"].GetKeyValues(ref keys);
        var slots = keys.DenseValues().Select(k => k.ToString()).ToArray();
        Assert.Equal(10, slots.Distinct().Count());
        var classes = trained.Preprocessing!.Target.Classes!;
        var rows = TestData.Vectors(scored, "Features");
        var scores = TestData.Vectors(scored, "Score");
        var names = scored.GetColumn<string>("PredictedDigit").ToArray();
        var digits = scored.GetColumn<string>("digit").ToArray();
        for (int r = 0; r < rows.Length; r += 7)
        {
            var outputs = Reference.Outputs(trained, rows[r]);
            for (int k = 0; k < 10; k++) Assert.Equal(outputs[k], scores[r][Array.IndexOf(slots, classes[k])], 1e-6);
            Assert.Equal(classes[Array.IndexOf(outputs, outputs.Max())], names[r]);
        }
        double accuracy = names.Zip(digits).Count(p => p.First == p.Second) / (double)digits.Length;
        Assert.Equal(accuracy, ml.MulticlassClassification.Evaluate(scored).MicroAccuracy, 1e-12);
        Assert.True(accuracy > 0.8, $"accuracy {accuracy}");
    }
}

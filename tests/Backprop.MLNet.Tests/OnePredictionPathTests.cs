using Microsoft.ML;
using Backprop.Estimators;
using Backprop.Serialization;

namespace Backprop.MLNet.Tests;

/// <summary>
/// The ML.NET scorer predicts through <see cref="Model"/>, as <c>backprop predict</c> does: its scores are the model's own
/// probabilities rounded to Single, bit for bit — in float for a model trained in float, which a copy of the network in
/// double (the scorer's route before) would not give.
/// </summary>
public sealed class OnePredictionPathTests
{
    [Fact]
    public void A_float_model_scores_what_Model_predicts_in_float()
    {
        var ml = new MLContext(seed: 1);
        var (data, features) = TestData.Load(ml, "uci/iris.csv", "species");
        var prepared = ml.Transforms.Concatenate("Features", features).Append(ml.Transforms.Conversion.MapValueToKey("Label", "species"))
            .Fit(data).Transform(data);
        var options = MulticlassPipelineTests.Options with { Epochs = 30, Precision = Precision.Float };
        var trainer = ml.MulticlassClassification.Trainers.Backprop(options).Fit(prepared);
        var model = new Model(ModelFile.Parse(System.Text.Encoding.UTF8.GetBytes(ModelFile.ToJson(trainer.Model)), "iris"));
        Assert.True(model.IsFloat);

        var scored = trainer.Transform(prepared);
        var rows = TestData.Vectors(scored, "Features");
        var scores = TestData.Vectors(scored, "Score");
        Assert.Equal(150, rows.Length);
        int differFromDouble = 0;
        for (int r = 0; r < rows.Length; r++)
        {
            var raw = rows[r].Select(v => (double)v).ToArray();
            var expected = model.Probabilities(model.PredictOutputs(raw)).Select(p => (float)p).ToArray();
            Assert.Equal(expected, scores[r]);   // the key's slots are the classes in the model's order here (first seen)
            var inDouble = Reference.Outputs(trainer.Model, rows[r]).Select(p => (float)p).ToArray();
            if (!inDouble.SequenceEqual(scores[r])) differFromDouble++;
        }
        Assert.True(differFromDouble > 0, "a float model's scores should show float arithmetic somewhere in 150 rows");
    }
}

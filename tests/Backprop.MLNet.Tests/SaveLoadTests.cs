using Microsoft.ML;
using Microsoft.ML.Data;

namespace Backprop.MLNet.Tests;

/// <summary>mlContext.Model.Save and Load round-trip the trained pipeline with its weights.</summary>
public sealed class SaveLoadTests
{
    [Fact]
    public void AMulticlassPipelineLoadedInAFreshContextGivesTheSameScores()
    {
        var ml = new MLContext(seed: 1);
        var (data, features) = TestData.Load(ml, "uci/wine.csv", "cultivar");
        var pipeline = ml.Transforms.Concatenate("Features", features)
            .Append(ml.Transforms.Conversion.MapValueToKey("Label", "cultivar"))
            .Append(ml.MulticlassClassification.Trainers.Backprop(MulticlassPipelineTests.Options with { Epochs = 100 }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedCultivar", "PredictedLabel"));
        var model = pipeline.Fit(data);
        var trained = model.OfType<BackpropTransformer>().Single().Model;

        using var zip = new MemoryStream();
        ml.Model.Save(model, data.Schema, zip);
        zip.Position = 0;
        var fresh = new MLContext(seed: 7);
        var loaded = fresh.Model.Load(zip, out var schema);
        Assert.Equal(data.Schema.Select(c => c.Name), schema.Select(c => c.Name));
        Assert.DoesNotContain(loaded.GetOutputSchema(schema), c => c.Name.StartsWith("Backprop.", StringComparison.Ordinal));

        var before = model.Transform(data);
        var after = loaded.Transform(fresh.Data.LoadFromTextFile(TestData.File("uci/wine.csv"),
            schema.Select((c, i) => new TextLoader.Column(c.Name, c.Type == TextDataViewType.Instance ? DataKind.String : DataKind.Single,
                i)).ToArray(),
            separatorChar: ',', hasHeader: true));
        var scoresBefore = TestData.Vectors(before, "Score");
        var scoresAfter = TestData.Vectors(after, "Score");
        var rows = TestData.Vectors(after, "Features");
        Assert.Equal(178, scoresAfter.Length);
        for (int r = 0; r < scoresAfter.Length; r++)
        {
            Assert.Equal(scoresBefore[r], scoresAfter[r]);                                   // the same bits
            var outputs = Reference.Outputs(trained, rows[r]);                               // the weights, not some other model
            var slots = new[] { "class_0", "class_1", "class_2" };
            for (int k = 0; k < 3; k++) Assert.Equal(outputs[k],
                scoresAfter[r][Array.IndexOf(slots, trained.Preprocessing!.Target.Classes![k])], 1e-6);
        }
        Assert.Equal(before.GetColumn<string>("PredictedCultivar"), after.GetColumn<string>("PredictedCultivar"));
        var metrics = fresh.MulticlassClassification.Evaluate(after);
        Assert.Equal(ml.MulticlassClassification.Evaluate(before).LogLoss, metrics.LogLoss, 1e-12);
        Assert.True(metrics.MicroAccuracy > 0.95, $"accuracy {metrics.MicroAccuracy}");
    }

    private sealed class IrisRow
    {
        public float SepalLength { get; set; }
        public float SepalWidth { get; set; }
        public float PetalLength { get; set; }
        public float PetalWidth { get; set; }
        public string Species { get; set; } = "";
    }

    private sealed class IrisPrediction
    {
        public float[] Score { get; set; } = [];
        public string PredictedSpecies { get; set; } = "";
    }

    [Fact]
    public void ALoadedModelServesAPredictionEngineAfterAFileRoundTrip()
    {
        var ml = new MLContext(seed: 1);
        var (data, _) = TestData.Load(ml, "uci/iris.csv", "species");
        var rows = ml.Data.CreateEnumerable<IrisRow>(ml.Transforms.CopyColumns("SepalLength", "sepal_length_cm")
            .Append(ml.Transforms.CopyColumns("SepalWidth", "sepal_width_cm")).Append(ml.Transforms.CopyColumns("PetalLength", "petal_length_cm"))
            .Append(ml.Transforms.CopyColumns("PetalWidth", "petal_width_cm")).Append(ml.Transforms.CopyColumns("Species", "species"))
            .Fit(data).Transform(data), reuseRowObject: false).ToArray();
        var typed = ml.Data.LoadFromEnumerable(rows);
        var model = ml.Transforms.Concatenate("Features", "SepalLength", "SepalWidth", "PetalLength", "PetalWidth")
            .Append(ml.Transforms.Conversion.MapValueToKey("Label", "Species"))
            .Append(ml.MulticlassClassification.Trainers.Backprop(MulticlassPipelineTests.Options with { Epochs = 100 }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedSpecies", "PredictedLabel"))
            .Fit(typed);
        string path = Path.Combine(Path.GetTempPath(), $"backprop-mlnet-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(model, typed.Schema, path);
            var fresh = new MLContext();
            var engine = fresh.Model.CreatePredictionEngine<IrisRow, IrisPrediction>(fresh.Model.Load(path, out _));
            var original = ml.Model.CreatePredictionEngine<IrisRow, IrisPrediction>(model);
            foreach (var row in rows)
            {
                var (a, b) = (engine.Predict(row), original.Predict(row));
                Assert.Equal(b.Score, a.Score);
                Assert.Equal(b.PredictedSpecies, a.PredictedSpecies);
            }
            Assert.True(rows.Count(r => engine.Predict(r).PredictedSpecies == r.Species) >= 140);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

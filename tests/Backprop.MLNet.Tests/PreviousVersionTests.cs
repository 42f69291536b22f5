using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Backprop.MLNet.Tests;

/// <summary>Model files the previous version of Backprop.MLNet saved (Golden/README.md) load and score as that version did, bit for bit.</summary>
public sealed class PreviousVersionTests
{
    private static string Golden(string name) => Path.Combine(TestData.Root(), "tests", "Backprop.MLNet.Tests", "Golden", name);

    private static float[][] Expected(string name) => File.ReadAllLines(Golden(name))
        .Select(l => l.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();

    [Theory]
    [InlineData("golden-iris-multiclass")]
    [InlineData("golden-iris-regression")]
    public void AModelSavedByThePreviousVersionScoresAsItDid(string name)
    {
        var ml = new MLContext(seed: 3);
        var (data, _) = TestData.Load(ml, "uci/iris.csv", "species");
        var loaded = ml.Model.Load(Golden(name + ".zip"), out var schema);
        Assert.Equal(data.Schema.Select(c => c.Name), schema.Select(c => c.Name));
        var scored = loaded.Transform(data);
        var scores = name.EndsWith("multiclass", StringComparison.Ordinal)
            ? TestData.Vectors(scored, "Score")
            : TestData.Floats(scored, "Score").Select(s => new[] { s }).ToArray();
        var expected = Expected(name + ".csv");
        Assert.Equal(150, expected.Length);
        Assert.Equal(expected, scores);
        Assert.DoesNotContain(scored.Schema, c => c.Name.StartsWith("Backprop.", StringComparison.Ordinal));
        if (name.EndsWith("multiclass", StringComparison.Ordinal))
            Assert.True(ml.MulticlassClassification.Evaluate(scored).MicroAccuracy > 0.6);
    }

    [Fact]
    public void ABinaryPipelineLoadedInAFreshContextScoresTheSame()
    {
        var ml = new MLContext(seed: 1);
        var (data, prepare) = BinaryPipelineTests.Versicolor(ml);
        // The label mapping of Versicolor is not saveable (a lambda); score the prepared rows with the trainer's transformer alone.
        var prepared = prepare.Fit(data).Transform(data);
        var model = ml.BinaryClassification.Trainers.Backprop(BinaryPipelineTests.Options with { Epochs = 50 }).Fit(prepared);
        using var zip = new MemoryStream();
        ml.Model.Save(model, prepared.Schema, zip);
        zip.Position = 0;
        var fresh = new MLContext();
        var loaded = fresh.Model.Load(zip, out _);
        var (before, after) = (model.Transform(prepared), loaded.Transform(prepared));
        Assert.Equal(TestData.Floats(before, "Score"), TestData.Floats(after, "Score"));
        Assert.Equal(TestData.Floats(before, "Probability"), TestData.Floats(after, "Probability"));
        Assert.Equal(before.GetColumn<bool>("PredictedLabel"), after.GetColumn<bool>("PredictedLabel"));
        Assert.Equal(BooleanDataViewType.Instance, after.Schema["PredictedLabel"].Type);
        Assert.Equal(ml.BinaryClassification.Evaluate(before).LogLoss, fresh.BinaryClassification.Evaluate(after).LogLoss, 1e-12);
        Assert.DoesNotContain(after.Schema, c => c.Name.StartsWith("Backprop.", StringComparison.Ordinal));
    }
}

using Microsoft.ML;
using Microsoft.ML.Data;

namespace Backprop.MLNet.Tests;

/// <summary>A data view without the expected columns, or with a column of the wrong type, gives an ArgumentException naming the column, as ML.NET's
/// own trainers do.</summary>
public sealed class BadInputTests
{
    private static readonly Backprop.Runs.MlpOptions Quick = new() { HiddenLayers = [4], Epochs = 2 };

    private sealed class Row
    {
        [VectorType(3)] public float[] Features { get; set; } = [];
        [VectorType(3)] public double[] Doubles { get; set; } = [];
        [VectorType] public float[] Ragged { get; set; } = [];
        public float Number { get; set; }
        public string Name { get; set; } = "";
    }

    private static IDataView Data(MLContext ml, float first = 1) => ml.Data.LoadFromEnumerable(Enumerable.Range(0, 12).Select(i => new Row
    {
        Features = [i == 5 ? first : i, i % 3, i * 0.5f], Doubles = [i, i % 3, i * 0.5], Ragged = i % 2 == 0 ? [i] : [i, 1], Number = i, Name = i % 2
            == 0 ? "even" : "odd",
    }));

    private static IEstimator<ITransformer> KeyLabel(MLContext ml) => ml.Transforms.Conversion.MapValueToKey("Label", "Name");

    [Fact]
    public void AMissingFeaturesColumnIsNamedAsSdcaNamesIt()
    {
        var ml = new MLContext(seed: 1);
        var data = KeyLabel(ml).Fit(Data(ml)).Transform(Data(ml));
        var theirs = Assert.ThrowsAny<ArgumentException>(() =>
            ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(featureColumnName: "Pixels").Fit(data));
        var ours = Assert.ThrowsAny<ArgumentException>(() =>
            ml.MulticlassClassification.Trainers.Backprop(Quick, featureColumnName: "Pixels").Fit(data));
        Assert.Equal(theirs.GetType(), ours.GetType());
        Assert.Equal(theirs.ParamName, ours.ParamName);
        Assert.Contains("feature column 'Pixels'", ours.Message);
        Assert.Contains("'Pixels'", theirs.Message);
        // Put together in a pipeline, the estimators' schema check says the same before anything trains.
        var chained = Assert.ThrowsAny<ArgumentException>(() => KeyLabel(ml)
            .Append(ml.MulticlassClassification.Trainers.Backprop(Quick, featureColumnName: "Pixels")).Fit(Data(ml)));
        Assert.Equal(ours.Message, chained.Message);
    }

    [Theory]
    [InlineData("Doubles", "expected known-size vector of Single, got Vector<Double>")]
    [InlineData("Ragged", "expected known-size vector of Single, got Vector<Single> of variable size")]
    [InlineData("Number", "expected known-size vector of Single, got Single")]
    public void FeaturesOfTheWrongTypeAreNamed(string column, string problem)
    {
        var ml = new MLContext(seed: 1);
        var data = KeyLabel(ml).Fit(Data(ml)).Transform(Data(ml));
        var e = Assert.ThrowsAny<ArgumentException>(() => new BackpropMulticlassTrainer(ml, Quick, featureColumnName: column).Fit(data));
        Assert.Equal($"Schema mismatch for feature column '{column}': {problem} (Parameter 'inputSchema')", e.Message);
        var r = Assert.ThrowsAny<ArgumentException>(() =>
            new BackpropRegressionTrainer(ml, Quick, labelColumnName: "Number", featureColumnName: column).Fit(data));
        Assert.Equal(e.Message, r.Message);
    }

    [Fact]
    public void LabelsOfTheWrongTypeAreNamed()
    {
        var ml = new MLContext(seed: 1);
        var data = KeyLabel(ml).Fit(Data(ml)).Transform(Data(ml));
        var text = Assert.ThrowsAny<ArgumentException>(() => new BackpropMulticlassTrainer(ml, Quick, labelColumnName: "Name").Fit(data));
        Assert.StartsWith("Schema mismatch for label column 'Name': expected Key (make one with " +
            "mlContext.Transforms.Conversion.MapValueToKey), got String", text.Message);
        var key = Assert.ThrowsAny<ArgumentException>(() => ml.Regression.Trainers.Backprop(Quick).Fit(data));
        Assert.StartsWith("Schema mismatch for label column 'Label': expected Single, got Key<UInt32, 0-1> (Parameter", key.Message);
        var missing = Assert.ThrowsAny<ArgumentException>(() => ml.Regression.Trainers.Backprop(Quick, labelColumnName: "Price").Fit(data));
        Assert.StartsWith("Could not find label column 'Price' (the columns are: Features, Doubles, Ragged, Number, Name, Label)", missing.Message);
    }

    [Fact]
    public void TrainingRowsOfOneClassOrNoneAreRefusedNamingTheLabel()
    {
        var ml = new MLContext(seed: 1);
        var data = KeyLabel(ml).Fit(Data(ml)).Transform(Data(ml));
        var odd = ml.Data.FilterByCustomPredicate<NameRow>(data, row => row.Name == "even");
        var e = Assert.ThrowsAny<ArgumentException>(() => ml.MulticlassClassification.Trainers.Backprop(Quick).Fit(odd));
        Assert.StartsWith("Label column 'Label' holds only one class ('odd') in the training rows: there is nothing to learn.", e.Message);
        var none = ml.Data.FilterByCustomPredicate<NameRow>(data, _ => true);
        Assert.StartsWith("The training data has no rows.",
            Assert.ThrowsAny<ArgumentException>(() => ml.Regression.Trainers.Backprop(Quick, labelColumnName: "Number").Fit(none)).Message);
    }

    private sealed class NameRow
    {
        public string Name { get; set; } = "";
    }

    [Fact]
    public void ScoringDataWithFeaturesOfAnotherWidthIsNamed()
    {
        var ml = new MLContext(seed: 1);
        var data = KeyLabel(ml).Fit(Data(ml)).Transform(Data(ml));
        var model = ml.MulticlassClassification.Trainers.Backprop(Quick).Fit(data);
        var other = ml.Transforms.Concatenate("Features", "Number", "Number").Fit(data).Transform(data);
        var e = Assert.ThrowsAny<ArgumentException>(() => model.Transform(other));
        Assert.StartsWith("Schema mismatch for feature column 'Features': expected Vector<Single, 3>, got Vector<Single, 2>", e.Message);
    }
}

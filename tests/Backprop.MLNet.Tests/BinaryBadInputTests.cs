using Microsoft.ML;
using Microsoft.ML.Data;

namespace Backprop.MLNet.Tests;

/// <summary>The binary trainer refuses what ML.NET's LbfgsLogisticRegression refuses, with the same exception type and parameter, naming the
/// column.</summary>
public sealed class BinaryBadInputTests
{
    private static readonly MlpOptions Quick = new() { HiddenLayers = [4], Epochs = 2 };

    private sealed class Row
    {
        [VectorType(2)] public float[] Features { get; set; } = [];
        [VectorType(2)] public double[] Doubles { get; set; } = [];
        public bool Label { get; set; }
        public float Number { get; set; }
    }

    private static IDataView Data(MLContext ml) => ml.Data.LoadFromEnumerable(Enumerable.Range(0, 12).Select(i => new Row
    {
        Features = [i, i % 3], Doubles = [i, i % 3], Label = i % 2 == 0, Number = i,
    }));

    private static (Exception Theirs, Exception Ours) Both(Func<MLContext, IEstimator<ITransformer>> theirs,
        Func<MLContext, IEstimator<ITransformer>> ours)
    {
        var ml = new MLContext(seed: 1);
        return (Record.Exception(() => theirs(ml).Fit(Data(ml)))!, Record.Exception(() => ours(ml).Fit(Data(ml)))!);
    }

    [Theory]
    [InlineData("Price", "Features", "Could not find label column 'Price'")]
    [InlineData("Number", "Features", "Schema mismatch for label column 'Number': expected Boolean, got Single")]
    [InlineData("Label", "Pixels", "Could not find feature column 'Pixels'")]
    [InlineData("Label", "Doubles", "Schema mismatch for feature column 'Doubles': expected known-size vector of Single, got Vector<Double>")]
    public void AColumnMissingOrOfTheWrongTypeIsNamed(string label, string features, string message)
    {
        var (theirs, ours) = Both(ml => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(label, features),
            ml => ml.BinaryClassification.Trainers.Backprop(Quick, label, features));
        Assert.IsType<ArgumentOutOfRangeException>(ours);
        Assert.Equal(theirs.GetType(), ours.GetType());
        Assert.Equal(((ArgumentException)theirs).ParamName, ((ArgumentException)ours).ParamName);
        Assert.StartsWith(message, ours.Message);
        Assert.Contains($"'{(label == "Label" ? features : label)}'", theirs.Message);
    }

    [Fact]
    public void NullArgumentsAreNamed()
    {
        var ml = new MLContext(seed: 1);
        // LbfgsLogisticRegression().Fit(null) throws a NullReferenceException (ML.NET 5.0.1); Backprop names the argument.
        Assert.Equal("input", Assert.Throws<ArgumentNullException>(() => ml.BinaryClassification.Trainers.Backprop(Quick).Fit(null!)).ParamName);
        var column = Assert.Throws<ArgumentNullException>(() => ml.BinaryClassification.Trainers.Backprop(Quick, labelColumnName: null!));
        Assert.Equal("labelColumnName", column.ParamName);
        var options = Assert.Throws<ArgumentNullException>(() => ml.BinaryClassification.Trainers.Backprop(new BackpropTrainerOptions
        {
            FeatureColumnName = null!,
        }));
        Assert.Equal("options.FeatureColumnName", options.ParamName);
        Assert.Equal("mlContext", Assert.Throws<ArgumentNullException>(() => new BackpropBinaryTrainer(null!)).ParamName);
    }
}

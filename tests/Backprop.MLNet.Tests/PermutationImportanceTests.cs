using Microsoft.ML;
using Microsoft.ML.Data;

namespace Backprop.MLNet.Tests;

/// <summary>
/// ML.NET's permutation feature importance takes each trainer's transformer, as it takes ML.NET's own: on iris with a
/// fifth feature that is the same number on every row, permuting that one changes no prediction (a change of exactly 0),
/// and permuting a petal measurement costs more than permuting any other feature.
/// </summary>
public sealed class PermutationImportanceTests
{
    private sealed class Constant
    {
        public float Unit { get; set; }
    }

    /// <summary>Iris, the features <paramref name="features"/> and a constant fifth (or fourth) slot; the held-out rows as well.</summary>
    private static (IDataView Train, IDataView Test, string[] Slots) Iris(MLContext ml, IEstimator<ITransformer> label, params string[] features)
    {
        var (data, _) = TestData.Load(ml, "uci/iris.csv", "species");
        var split = ml.Data.TrainTestSplit(data, testFraction: 0.3, seed: 1);
        var prepare = ml.Transforms.CustomMapping<BinaryPipelineTests.SpeciesRow, Constant>((_, c) => c.Unit = 1, contractName: null)
            .Append(ml.Transforms.Concatenate("Features", [.. features, "Unit"])).Append(label);
        var fitted = prepare.Fit(split.TrainSet);
        return (fitted.Transform(split.TrainSet), fitted.Transform(split.TestSet), [.. features, "Unit"]);
    }

    private static readonly string[] Four = ["sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"];

    [Fact]
    public void MulticlassImportanceIsTheAccuracyLostByPermutingAFeature()
    {
        var ml = new MLContext(seed: 1);
        var (train, test, slots) = Iris(ml, ml.Transforms.Conversion.MapValueToKey("Label", "species"), Four);
        var model = ml.MulticlassClassification.Trainers.Backprop(MulticlassPipelineTests.Options).Fit(train);
        var pfi = ml.MulticlassClassification.PermutationFeatureImportance(model, test, permutationCount: 3);
        var loss = pfi.Select(m => m.MicroAccuracy.Mean).ToArray();
        Console.WriteLine("multiclass: " + string.Join(", ", slots.Zip(loss, (s, d) => $"{s} {d:F4}")));
        Assert.Equal(5, loss.Length);
        Assert.Equal(0.0, loss[4]);
        Assert.Equal(0.0, pfi[4].LogLoss.Mean);
        Assert.Contains(Array.IndexOf(loss, loss.Min()), new[] { 2, 3 });
        Assert.True(loss.Min() < -0.1, $"the largest loss of accuracy is {-loss.Min():F4}");

        // ML.NET's SdcaMaximumEntropy, on the same rows and permutations of the same kind, finds the same: the constant nothing, a petal
        // measurement the most.
        var sdca = ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new() { MaximumNumberOfIterations = 200, NumberOfThreads = 1 })
            .Fit(train);
        var theirs = ml.MulticlassClassification.PermutationFeatureImportance(sdca, test, permutationCount: 3)
            .Select(m => m.MicroAccuracy.Mean).ToArray();
        Console.WriteLine("multiclass, SDCA: " + string.Join(", ", slots.Zip(theirs, (s, d) => $"{s} {d:F4}")));
        Assert.Equal(0.0, theirs[4]);
        Assert.Contains(Array.IndexOf(theirs, theirs.Min()), new[] { 2, 3 });
    }

    [Fact]
    public void BinaryImportanceIsTheAucLostByPermutingAFeature()
    {
        var ml = new MLContext(seed: 1);
        var label = ml.Transforms.CustomMapping<BinaryPipelineTests.SpeciesRow, BinaryPipelineTests.LabelRow>(
            (s, l) => l.Label = s.species == "versicolor", contractName: null);
        var (train, test, slots) = Iris(ml, label, Four);
        var model = ml.BinaryClassification.Trainers.Backprop(BinaryPipelineTests.Options).Fit(train);
        var pfi = ml.BinaryClassification.PermutationFeatureImportance(model, test, permutationCount: 3);
        var loss = pfi.Select(m => m.AreaUnderRocCurve.Mean).ToArray();
        Console.WriteLine("binary: " + string.Join(", ", slots.Zip(loss, (s, d) => $"{s} {d:F4}")));
        Assert.Equal(5, loss.Length);
        Assert.Equal(0.0, loss[4]);
        Assert.Equal(0.0, pfi[4].Accuracy.Mean);
        Assert.Contains(Array.IndexOf(loss, loss.Min()), new[] { 2, 3 });
        Assert.True(loss.Min() < -0.1, $"the largest loss of AUC is {-loss.Min():F4}");
    }

    [Fact]
    public void RegressionImportanceIsTheRSquaredLostByPermutingAFeature()
    {
        var ml = new MLContext(seed: 1);
        var (train, test, slots) = Iris(ml, ml.Transforms.CopyColumns("Label", "petal_width_cm"), Four[..3]);
        var options = new MlpOptions { HiddenLayers = [8], Activations = ["tanh"], Epochs = 300, LearningRate = 0.01 };
        var model = ml.Regression.Trainers.Backprop(options).Fit(train);
        var pfi = ml.Regression.PermutationFeatureImportance(model, test, permutationCount: 3);
        var loss = pfi.Select(m => m.RSquared.Mean).ToArray();
        Console.WriteLine("regression: " + string.Join(", ", slots.Zip(loss, (s, d) => $"{s} {d:F4}")));
        Assert.Equal(4, loss.Length);
        Assert.Equal(0.0, loss[3]);
        Assert.Equal(0.0, pfi[3].RootMeanSquaredError.Mean);
        Assert.Equal(2, Array.IndexOf(loss, loss.Min()));
        Assert.True(loss.Min() < -0.5, $"the largest loss of R² is {-loss.Min():F4}");
        var sdca = ml.Regression.Trainers.Sdca(new() { MaximumNumberOfIterations = 200, NumberOfThreads = 1 }).Fit(train);
        var theirs = ml.Regression.PermutationFeatureImportance(sdca, test, permutationCount: 3).Select(m => m.RSquared.Mean).ToArray();
        Console.WriteLine("regression, SDCA: " + string.Join(", ", slots.Zip(theirs, (s, d) => $"{s} {d:F4}")));
        Assert.Equal(0.0, theirs[3]);
        Assert.Equal(2, Array.IndexOf(theirs, theirs.Min()));

        // The overload that takes a whole chain looks for an interface internal to ML.NET, which no other library's transformer can have:
        // pass the trainer's transformer (a chain's LastTransformer), as above.
        var chain = new TransformerChain<BackpropTransformer>(model);
        Assert.ThrowsAny<ArgumentException>(() => ml.Regression.PermutationFeatureImportance((ITransformer)chain, test));
        Assert.Equal(4, ml.Regression.PermutationFeatureImportance(chain.LastTransformer, test).Length);
    }
}

using Backprop.Data;
using Backprop.Estimators;
using Backprop.Training.Weights;

namespace Backprop.Tests.Estimators;

public class WeightedEstimatorTests
{
    [Fact]
    public void The_estimators_take_class_weights_and_a_sample_weight_column_that_is_not_a_feature()
    {
        // One input; the weight column w is 0 for every row of class 0 but the first, so a classifier weighted by it
        // sees almost only class 1 and predicts class 1 for rows it would otherwise give class 0.
        var rows = Enumerable.Range(0, 40).Select(i => (x: i / 40.0, y: i < 20 ? 0 : 1, w: i < 20 ? (i == 0 ? 1 : 0) : 1));
        var table = CsvTable.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
            "x,w,y\n" + string.Join("\n", rows.Select(r => $"{r.x.ToString(System.Globalization.CultureInfo.InvariantCulture)},{r.w},{r.y}"))
                + "\n")), "weights.csv");
        var options = new MlpOptions { HiddenLayers = [], Epochs = 300, LearningRate = 0.05, BatchSize = null };
        var plain = new MlpClassifier(options).Fit(table, "y");
        var weighted = new MlpClassifier(options with { SampleWeightColumn = "w" }).Fit(table, "y");
        Assert.Equal(["x"], weighted.Preprocessor!.FeatureNames);
        int Ones(MlpEstimator m) => ((MlpClassifier)m).Predict(table).Count(p => p == "1");
        Assert.InRange(Ones(plain), 15, 25);
        Assert.True(Ones(weighted) > Ones(plain) + 5, $"{Ones(weighted)} vs {Ones(plain)}");
        // Class weights are row weights by class: class 0 weighted 0 is the weight column v = y, bit for bit — in the loss. (A weight
        // column also weighs the standardisation, as StandardScaler(sample_weight=…) does, and class weights do not: unstandardised here.)
        var byColumn = CsvTable.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
            "x,v,y\n" + string.Join("\n", rows.Select(r => $"{r.x.ToString(System.Globalization.CultureInfo.InvariantCulture)},{r.y},{r.y}"))
                + "\n")), "v.csv");
        var noWeights = CsvTable.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
            "x,y\n" + string.Join("\n", rows.Select(r => $"{r.x.ToString(System.Globalization.CultureInfo.InvariantCulture)},{r.y}"))
                + "\n")), "x.csv");
        var zeroForClass0 = ClassWeighting.Of(new Dictionary<string, double> { ["0"] = 0 });
        var byClass = new MlpClassifier(options with { Standardize = false, ClassWeight = zeroForClass0 }).Fit(noWeights, "y");
        var byRow = (MlpClassifier)new MlpClassifier(options with { Standardize = false, SampleWeightColumn = "v" })
            .Fit(byColumn, "y");
        for (int r = 0; r < 40; r++)
            Assert.Equal(byRow.PredictProbabilities([rows.ElementAt(r).x]), ((MlpClassifier)byClass).PredictProbabilities([rows.ElementAt(r).x]));
    }
}

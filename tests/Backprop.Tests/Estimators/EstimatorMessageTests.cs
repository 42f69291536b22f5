using System.Text;
using Backprop.Data;
using Backprop.Diagnostics;
using Backprop.Estimators;
using Backprop.Tensors;
using Backprop.Training.Weights;

namespace Backprop.Tests.Estimators;

/// <summary>A C# caller's mistakes in <see cref="MlpOptions"/> are refused naming the <see cref="MlpOptions"/> property, never a CLI
/// option.</summary>
public class EstimatorMessageTests
{
    private static readonly MlpOptions Quick = new() { HiddenLayers = [2], Epochs = 1 };

    private static CsvTable Table(string text, string name = "t.csv") => CsvTable.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), name);

    private static readonly CsvTable Ten = Table("x,y\n" + string.Concat(Enumerable.Range(1, 10).Select(i => $"{i},{(i % 2 == 0 ? "a" : "b")}\n")));

    private static string Refusal(Action fit)
    {
        string message = Assert.ThrowsAny<BackpropException>(fit).Message;
        Assert.DoesNotContain("--", message);
        return message;
    }

    [Theory]
    [InlineData(1.5, "MlpOptions.ValidationFraction: must be at least 0 and below 1, not 1.5")]
    [InlineData(-0.5, "MlpOptions.ValidationFraction: must be at least 0 and below 1, not -0.5")]
    // 10 rows, 95% held out: (int)(10 · 0.05) = 0 rows left to train on.
    [InlineData(0.95, "MlpOptions.ValidationFraction = 0.95 leaves no rows of the 10 to train on")]
    public void A_validation_fraction_out_of_range_names_the_option_the_caller_set(double fraction, string expected)
    {
        Assert.Equal(expected, Refusal(() => new MlpClassifier(Quick with { ValidationFraction = fraction }).Fit(Ten, "y")));
        // Stratified, the same refusal.
        Assert.Equal(expected, Refusal(() => new MlpClassifier(Quick with { ValidationFraction = fraction, Stratify = true }).Fit(Ten, "y")));
    }

    [Fact]
    public void A_stratified_regressor_is_refused_naming_MlpOptions_Stratify()
    {
        var table = Table("x,y\n1,1.5\n2,2.5\n3,3.5\n");
        Assert.Equal("t.csv: MlpOptions.Stratify keeps class proportions, but a regressor's target 'y' holds numbers to predict",
            Refusal(() => new MlpRegressor(Quick with { Stratify = true, ValidationFraction = 0.5 }).Fit(table, "y")));
    }

    [Fact]
    public void Class_and_sample_weights_are_refused_naming_the_options()
    {
        var weights = ClassWeighting.Of(new Dictionary<string, double> { ["c"] = 2 });
        Assert.Equal("MlpOptions.ClassWeight c=2: 'c' is not a class of the target (its classes: a, b)",
            Refusal(() => new MlpClassifier(Quick with { ClassWeight = weights }).Fit(Ten, "y")));
        // Row 2 (line 3, column 2) weighs −1.
        var weighted = Table("x,w,y\n1,1,a\n2,-1,b\n3,1,a\n4,1,b\n", "w.csv");
        Assert.Equal("w.csv:3:2: MlpOptions.SampleWeightColumn = w: -1 is negative: a weight must be a finite number ≥ 0",
            Refusal(() => new MlpClassifier(Quick with { SampleWeightColumn = "w" }).Fit(weighted, "y")));
        // Balanced weights of two classes when every training row is of the first (one 0/1 target column, all 0).
        Assert.Equal("MlpOptions.ClassWeight = ClassWeighting.Balanced: class 'b' has no training row, so its weight n/(K·0) has no value; "
            + "give the weights by class (ClassWeighting.Of)",
            Refusal(() => ClassWeighting.Balanced.Resolve(["a", "b"], new Matrix<double>(3, 1, [0, 0, 0]))));
    }
}

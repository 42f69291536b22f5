using System.Text;
using Backprop.Data;
using Backprop.Data.Preprocessing;

namespace Backprop.Tests.Data;

/// <summary>
/// With sample weights, each feature's mean and scale are weighted, as scikit-learn's
/// <c>StandardScaler().fit(X, sample_weight=w)</c> weighs them: checked against hand arithmetic.
/// </summary>
public class WeightedStatisticsTests
{
    private static CsvTable Table(string content) => CsvTable.Read(new MemoryStream(Encoding.UTF8.GetBytes(content)), "w.csv");

    private static NumericColumn Fitted(CsvTable table, string? weight) =>
        (NumericColumn)Preprocessor.Fit(table, new PreprocessingOptions
        {
            Targets = ["y"], Features = ["x"], Standardize = [], SampleWeight = weight, Excluded = weight is null ? [] : [weight],
        }, Enumerable.Range(0, table.RowCount).ToArray()).Inputs.Single();

    [Fact]
    public void A_row_of_weight_0_moves_nothing_and_a_weight_of_3_counts_as_three_rows()
    {
        // x = 1, 2, 10 with weights 1, 3, 0: mean (1 + 3·2) / 4 = 1.75; variance (1·0.75² + 3·0.25²) / 4 = 0.1875
        // (numpy: np.average([1,2,10], weights=[1,3,0]) = 1.75; np.sqrt(np.cov([1,2,10], aweights=[1,3,0], bias=True)) = 0.4330127).
        var weighted = Fitted(Table("x,w,y\n1,1,0\n2,3,1\n10,0,0\n"), "w");
        Assert.Equal(1.75, weighted.Mean);
        Assert.Equal(Math.Sqrt(0.1875), weighted.Scale, 1e-15);
        var repeated = Fitted(Table("x,y\n1,0\n2,1\n2,1\n2,1\n"), null);
        Assert.Equal(weighted.Mean, repeated.Mean);
        Assert.Equal(weighted.Scale, repeated.Scale, 1e-15);
        // Unweighted, the 10 counts: mean 13/3, variance ((10/3)² + (7/3)² + (17/3)²) / 3 = 438/27.
        var plain = Fitted(Table("x,w,y\n1,1,0\n2,3,1\n10,0,0\n"), null);
        Assert.Equal(13.0 / 3, plain.Mean, 1e-15);
    }

    [Fact]
    public void The_estimator_weighs_the_standardisation_by_its_sample_weight_column()
    {
        var table = Table("x,w,y\n1,1,0\n2,3,1\n10,0,0\n4,0,1\n");
        var options = new MlpOptions { HiddenLayers = [2], Epochs = 1, SampleWeightColumn = "w" };
        var fitted = new Backprop.Estimators.MlpRegressor(options).Fit(table, "y");
        var x = (NumericColumn)fitted.Preprocessor!.Inputs.Single();
        Assert.Equal(1.75, x.Mean);
        // The target too: y = 0, 1 weighted 1, 3 (the rows of weight 0 left out): mean 0.75, sd √(0.75·0.25) = 0.4330127.
        Assert.Equal(0.75, fitted.Preprocessor.Target.Mean![0]);
        Assert.Equal(Math.Sqrt(0.1875), fitted.Preprocessor.Target.Scale![0], 1e-15);
    }
}

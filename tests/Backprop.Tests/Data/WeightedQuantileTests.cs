using System.Text;
using Backprop.Data;
using Backprop.Data.Preprocessing;

namespace Backprop.Tests.Data;

/// <summary>
/// Weighted quantiles are numpy's quantiles of the rows repeated by weight (a weight of 0 drops the row); the figures are
/// numpy's: <c>np.quantile(np.repeat(values, weights), [0.25, 0.5, 0.75])</c> and <c>np.median</c> of the same.
/// </summary>
public class WeightedQuantileTests
{
    private static WeightedQuantile Of(double[] values, double[]? weights)
    {
        var table = CsvTable.Read(new MemoryStream(Encoding.UTF8.GetBytes("x\n" + string.Join("\n", values) + "\n")), "q.csv");
        return new WeightedQuantile(new CellReader(table, 0), Enumerable.Range(0, values.Length).ToArray(), weights);
    }

    [Theory]
    // np.repeat([5, 1, 3, 10, 7], [2, 0, 3, 1, 2]) = [3, 3, 3, 5, 5, 7, 7, 10]: quantiles [3, 5, 7], median 5
    [InlineData(new double[] { 5, 1, 3, 10, 7 }, new double[] { 2, 0, 3, 1, 2 }, 3, 5, 7, 5)]
    // np.repeat([5, 1, 3, 10], [1, 4, 0, 1]) = [1, 1, 1, 1, 5, 10]: quantiles [1, 1, 4], median 1
    [InlineData(new double[] { 5, 1, 3, 10 }, new double[] { 1, 4, 0, 1 }, 1, 1, 4, 1)]
    // np.repeat([5, 1, 10], [1, 2, 1]) = [1, 1, 5, 10]: quantiles [1, 3, 6.25], median 3 (the mean of the middle two)
    [InlineData(new double[] { 5, 1, 10 }, new double[] { 1, 2, 1 }, 1, 3, 6.25, 3)]
    public void Whole_weights_are_repeated_rows(double[] values, double[] weights, double q25, double q50, double q75, double median)
    {
        var q = Of(values, weights);
        Assert.Equal([q25, q50, q75], new[] { q.Of(0.25), q.Of(0.5), q.Of(0.75) });
        Assert.Equal(median, q.Median());
    }

    [Fact]
    public void Without_weights_they_are_the_unweighted_quantiles()
    {
        // np.quantile([1, 2, 3, 4, 5, 6], [0.25, 0.5, 0.75]) = [2.25, 3.5, 4.75]
        var q = Of([6, 1, 5, 2, 4, 3], null);
        Assert.Equal([2.25, 3.5, 4.75], new[] { q.Of(0.25), q.Of(0.5), q.Of(0.75) });
        Assert.Equal(3.5, q.Median());
        Assert.Equal((1.0, 6.0), q.Range);
    }
}

using Backprop.Data;
using Backprop.Estimators;
using Backprop.Estimators.Attribution;

namespace Backprop.Tests.Estimators.Attribution;

/// <summary>
/// Attributions of a one-layer model worked by hand: y = 3 · (2 · (a − 2)/4 − 3 · b + 0.5 · [c = u] − 1 · [c = v] + 1) + 10,
/// a standardised (mean 2, scale 4), b as it is, c one-hot (u, v), the target standardised (mean 10, scale 3).
/// So ∂y/∂a = 3 · 2/4 = 1.5, ∂y/∂b = −9, and the one-hot inputs move y by 1.5 (u) and −3 (v).
/// </summary>
public class HandAttributionTests
{
    private const string Json = """
        {"format": "backprop.mlp", "version": 1, "inputs": 4,
         "layers": [{"units": 1, "activation": "identity", "weights": [[2, -3, 0.5, -1]], "bias": [1]}],
         "preprocessing": {"inputs": [{"column": "a", "kind": "numeric", "mean": 2, "scale": 4},
           {"column": "b", "kind": "numeric", "mean": 0, "scale": 1}, {"column": "c", "kind": "one-hot", "categories": ["u", "v"]}],
           "target": {"columns": ["y"], "classes": null, "mean": [10], "scale": [3]}}}
        """;

    private static Model Model() => Backprop.Estimators.Model.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Json)), "hand.json");

    private static CsvTable Table() => CsvTable.Read(new MemoryStream("a,b,c\n6,1,u\n2,-1,v\n4,0,u\n"u8.ToArray()), "hand.csv");

    private static RowAttributions Of(AttributionMethod method, AttributionBaseline baseline) =>
        Model().Attribute(Table(), [0], new AttributionOptions { Method = method, Baseline = baseline });

    [Fact]
    public void The_gradient_is_the_slope_of_each_raw_column()
    {
        var a = Of(AttributionMethod.Gradient, AttributionBaseline.Mean);
        Assert.Equal(["a", "b", "c"], a.Columns);
        Assert.Equal(["y"], a.Outputs);
        Assert.Equal(11.5, a.Output(0, 0), 12); // 3 · (2·1 − 3 + 0.5 + 1) + 10
        Assert.Equal(1.5, a[0, 0, 0], 12);
        Assert.Equal(-9, a[0, 0, 1], 12);
        Assert.Equal(1.5, a[0, 0, 2], 12); // along the row's own category, u
        Assert.Equal(["6", "1", "u"], Enumerable.Range(0, 3).Select(c => a.Value(0, c)));
    }

    [Fact]
    public void Gradient_times_input_from_zeros_is_the_raw_value_times_the_slope()
    {
        var a = Of(AttributionMethod.GradientTimesInput, AttributionBaseline.Zeros);
        // a: 6 · 1.5 = 9; b: 1 · −9; c: (1 − 0) · 1.5. y(x₀) = 3 · (2 · (0 − 2)/4 + 1) + 10 = 10.
        Assert.Equal([9, -9, 1.5], Enumerable.Range(0, 3).Select(c => Math.Round(a[0, 0, c], 12)));
        Assert.Equal(10, a.BaselineOutputs[0], 12);
        Assert.Equal(["0", "0", "(none)"], a.BaselineValues);
        Assert.Equal(0, a.Gap(0, 0), 12); // linear: exact
    }

    [Fact]
    public void Gradient_times_input_from_the_mean_uses_the_category_frequencies()
    {
        var a = Of(AttributionMethod.GradientTimesInput, AttributionBaseline.Mean);
        // Means: a 4, b 0, c u 2/3 and v 1/3. a: (6 − 4) · 1.5 = 3; b: −9; c: (1 − 2/3) · 1.5 + (0 − 1/3) · (−3) = 1.5.
        Assert.Equal([3, -9, 1.5], Enumerable.Range(0, 3).Select(c => Math.Round(a[0, 0, c], 12)));
        // y(x₀) = 3 · (2 · 0.5 + 0.5 · 2/3 − 1/3 + 1) + 10 = 16, and the shares add up to 11.5 − 16.
        Assert.Equal(16, a.BaselineOutputs[0], 12);
        Assert.Equal(-4.5, a.Sum(0, 0), 12);
        Assert.Equal(["4", "0", "(frequencies)"], a.BaselineValues);
    }

    [Theory]
    [InlineData(IntegrationRule.Trapezoid, 1)]
    [InlineData(IntegrationRule.Midpoint, 3)]
    public void Integrated_gradients_of_a_linear_model_equal_gradient_times_input(IntegrationRule rule, int steps)
    {
        var ig = Model().Attribute(Table(), [0, 1], new AttributionOptions { Rule = rule, Steps = steps });
        var gxi = Model().Attribute(Table(), [0, 1], new AttributionOptions { Method = AttributionMethod.GradientTimesInput });
        for (int r = 0; r < 2; r++)
            for (int c = 0; c < 3; c++) Assert.Equal(gxi[r, 0, c], ig[r, 0, c], 12);
        // Row 1 (2, −1, v): a (2 − 4) · 1.5 = −3, b (−1 − 0) · (−9) = 9, c (0 − 2/3) · 1.5 + (1 − 1/3) · (−3) = −3.
        Assert.Equal([-3, 9, -3], Enumerable.Range(0, 3).Select(c => Math.Round(ig[1, 0, c], 12)));
        Assert.Equal(0, ig.LargestGap, 12);
    }

    [Fact]
    public void A_table_without_a_column_the_model_reads_is_refused_naming_it()
    {
        var table = CsvTable.Read(new MemoryStream("a,c\n6,u\n"u8.ToArray()), "short.csv");
        var e = Assert.ThrowsAny<Backprop.Diagnostics.BackpropException>(() => Model().Attribute(table));
        Assert.Contains("'b'", e.Message);
    }
}

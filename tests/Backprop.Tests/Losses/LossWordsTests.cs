using Backprop.Diagnostics;
using Backprop.Losses;

namespace Backprop.Tests.Losses;

/// <summary>The loss's one name, E with its formula, and the fixed notation of the tables.</summary>
public class LossWordsTests
{
    [Theory]
    [InlineData("squared", "sum", 0, null, "E = Σ ½(target - out)²")]
    [InlineData("squared", "mean", 0, null, "E = (1/m)·Σ ½(target - out)² (½·MSE)")]
    [InlineData("squared", null, 0, null, "E = (1/m)·Σ ½(target - out)² (½·MSE)")] // a file that does not record it: the default, mean
    [InlineData("cross-entropy", "MEAN", 0, "softmax", "E = -(1/m)·Σ target·ln(out) (cross-entropy)")]
    [InlineData("cross-entropy", "sum", 1, null, "E = -Σ [target·ln(out) + (1 - target)·ln(1 - out)] (cross-entropy) + λ/(2m)·Σ w² (λ = 1)")]
    [InlineData("their-hinge", "sum", 0, null, "E = Σ their-hinge(target, out)")]
    public void The_loss_is_E_with_its_formula(string loss, string? reduction, double l2, string? activation, string expected) =>
        Assert.Equal(expected, LossWords.Formula(loss, reduction, l2, activation));

    [Fact]
    public void Every_formula_uses_the_ascii_minus()
    {
        foreach (string loss in new[] { "squared", "cross-entropy" })
            foreach (var reduction in new[] { Reduction.Sum, Reduction.Mean })
                Assert.DoesNotContain("−", LossWords.Formula(loss, reduction, 0.5));
    }

    [Theory]
    [InlineData(0.5637393437, 10, "0.5637393437")] // as G10
    [InlineData(1.061827993, 10, "1.061827993")]
    [InlineData(1.2345e-7, 10, "0.00000012345")] // G10 writes 1.2345E-07
    [InlineData(-0.00012345678901, 4, "-0.0001235")]
    [InlineData(123456789012.4, 10, "123456789012")] // G10 writes 1.23456789E+11
    [InlineData(0, 10, "0")]
    public void Tables_keep_fixed_notation(double value, int digits, string expected) =>
        Assert.Equal(expected, FixedNotation.Significant(value, digits));
}

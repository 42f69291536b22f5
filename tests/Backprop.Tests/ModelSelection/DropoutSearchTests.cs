using Backprop.Diagnostics;
using Backprop.Estimators;
using Backprop.ModelSelection;

namespace Backprop.Tests.ModelSelection;

/// <summary>A search can vary the dropout rate, as it varies the other settings an estimator holds.</summary>
public class DropoutSearchTests
{
    [Theory]
    [InlineData("0", 0.0)]
    [InlineData("0.25", 0.25)]
    [InlineData(" 0.5 ", 0.5)]
    public void A_rate_sets_the_estimators_dropout(string value, double rate)
    {
        var options = SearchParameters.Apply(new MlpOptions(), "dropout", value);
        Assert.Equal([rate], options.Dropout);
        Assert.Equal(rate.ToString("G6", System.Globalization.CultureInfo.InvariantCulture), SearchParameters.Describe(options, "dropout"));
        Assert.True(SearchParameters.IsNumeric("dropout"));
        Assert.False(SearchParameters.IsWhole("dropout"));
    }

    [Theory]
    [InlineData("1", "grid: dropout=1: a rate must be at least 0 and below 1, not 1")]
    [InlineData("-0.1", "grid: dropout=-0.1: a rate must be at least 0 and below 1, not -0.1")]
    [InlineData("NaN", "grid: dropout=NaN: a rate must be at least 0 and below 1, not NaN")]
    [InlineData("half", "grid: dropout=half is not a number")]
    public void A_rate_outside_0_to_1_is_refused(string value, string message)
    {
        // The range is MlpOptions' rule (MlpOptions.Rules), worded as MlpOptions.Validate words it.
        var e = Assert.Throws<BackpropException>(() => SearchParameters.Apply(new MlpOptions(), "dropout", value));
        Assert.Equal(message, e.Message);
    }
}

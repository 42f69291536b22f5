using Backprop.Training.Schedules;

namespace Backprop.Tests.Training;

/// <summary>The library's schedules refuse settings outside their ranges, as the CLI's options do (docs/training.md).</summary>
public class ScheduleRangeTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void A_factor_outside_0_to_1_is_refused(double gamma)
    {
        Assert.Equal("gamma", Assert.Throws<ArgumentOutOfRangeException>(() => new StepSchedule(gamma, 10)).ParamName);
        Assert.Equal("gamma", Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialSchedule(gamma)).ParamName);
        Assert.Equal("gamma", Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Create("step", gamma)).ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void A_step_below_one_epoch_is_refused(int step) =>
        Assert.Equal("stepSize", Assert.Throws<ArgumentOutOfRangeException>(() => new StepSchedule(0.5, step)).ParamName);

    [Theory]
    [InlineData(-0.01)]
    [InlineData(double.PositiveInfinity)]
    public void A_negative_or_infinite_end_rate_is_refused(double minimum) =>
        Assert.Equal("minimum", Assert.Throws<ArgumentOutOfRangeException>(() => new CosineSchedule(minimum)).ParamName);

    [Fact]
    public void Settings_in_range_give_the_rates_of_the_formulas()
    {
        // η₀·γ^⌊(e−1)/s⌋ with η₀ = 0.2, γ = 0.5, s = 2: epochs 1–2 at 0.2, 3–4 at 0.1, 5 at 0.05.
        var step = new StepSchedule(0.5, 2);
        Assert.Equal([0.2, 0.2, 0.1, 0.1, 0.05], Enumerable.Range(1, 5).Select(e => step.Rate(e, 5, 0.2)));
        Assert.Equal(0.2 * 0.25, new ExponentialSchedule(0.5).Rate(3, 5, 0.2), 15);
    }
}

namespace Backprop.Training.Schedules;

/// <summary>
/// scikit-learn's "invscaling": η = η₀ / (t + 1)^power, where t is the number of training rows the epochs before this one
/// passed over ((epoch − 1) × rows; scikit-learn's <c>t_</c>, which a warm start carries on). η is set at the start of each
/// epoch and kept through its batches, as scikit-learn sets it at the end of the one before.
/// </summary>
/// <param name="power">The exponent (scikit-learn's <c>power_t</c>, 0.5 by default), a finite number ≥ 0.</param>
public sealed class InverseScalingSchedule(double power = 0.5) : LearningRateSchedule
{
    private int _rows = 1;

    /// <summary>The exponent of t + 1.</summary>
    public double Power { get; } = power >= 0 && double.IsFinite(power) ? power
        : throw new ArgumentOutOfRangeException(nameof(power), power,
            $"The invscaling schedule's power must be a finite number at least 0, not {F(power)}.");

    /// <inheritdoc />
    public override string Name => $"invscaling (power {F(Power)})";

    /// <inheritdoc />
    internal override void Begin(int rows) => _rows = Math.Max(1, rows);

    /// <inheritdoc />
    public override double Rate(int epoch, int epochs, double baseRate) => baseRate / Math.Pow((double)(epoch - 1) * _rows + 1, Power);
}

namespace Backprop.Training.Schedules;

/// <summary>
/// Keras's <c>ReduceLROnPlateau</c>: η is multiplied by <c>factor</c> (but not below <c>minimum</c>) each time the
/// monitored loss has not improved on its best by more than <c>minDelta</c> for <c>patience</c> epochs in a row; the
/// count then starts again. The monitored loss is the validation loss when the run has validation data (epochs that
/// do not measure it, with a validation frequency above 1, are skipped), else the training loss.
/// </summary>
/// <param name="factor">What η is multiplied by on a plateau, 0 &lt; factor &lt; 1 (Keras: 0.1).</param>
/// <param name="patience">Epochs without improvement before η is reduced, ≥ 1 (Keras: 10).</param>
/// <param name="minimum">η never falls below this (Keras's <c>min_lr</c>: 0).</param>
/// <param name="minDelta">The least fall below the best that counts as an improvement (Keras: 1e-4).</param>
public sealed class PlateauSchedule(double factor = 0.1, int patience = 10, double minimum = 0, double minDelta = 1e-4) : LearningRateSchedule
{
    private double _best = double.PositiveInfinity;
    private int _wait;
    private double? _rate;

    /// <summary>What η is multiplied by on a plateau.</summary>
    public double Factor { get; } = factor is > 0 and < 1 ? factor :
        throw new ArgumentOutOfRangeException(nameof(factor), factor, "the plateau factor must be greater than 0 and less than 1");

    /// <summary>Epochs without improvement before η is reduced.</summary>
    public int Patience { get; } = patience >= 1 ? patience :
        throw new ArgumentOutOfRangeException(nameof(patience), patience, "the plateau patience must be at least 1 epoch");

    /// <summary>The lowest η.</summary>
    public double Minimum { get; } = minimum >= 0 && double.IsFinite(minimum) ? minimum :
        throw new ArgumentOutOfRangeException(nameof(minimum), minimum, "the minimum learning rate must be a finite number ≥ 0");

    /// <inheritdoc />
    public override string Name => $"plateau (×{F(Factor)} after {Patience} epochs without improvement, down to {F(Minimum)})";

    /// <inheritdoc />
    public override double Rate(int epoch, int epochs, double baseRate) => _rate ??= baseRate;

    /// <inheritdoc />
    public override void Observe(double loss) => Watch(loss);

    /// <inheritdoc />
    public override void Observe(double loss, double? validationLoss, bool validates)
    {
        if (!validates) Watch(loss);
        else if (validationLoss is double held) Watch(held);
    }

    private void Watch(double monitored)
    {
        if (monitored < _best - minDelta)
        {
            _best = monitored;
            _wait = 0;
            return;
        }
        if (++_wait < Patience || _rate is not double rate) return;
        if (rate > Minimum) _rate = Math.Max(rate * Factor, Minimum);
        _wait = 0;
    }

    /// <summary>The best monitored loss (NaN before any), the epochs waited since, and η (NaN before the first epoch).</summary>
    public override double[] ExportState() => [double.IsPositiveInfinity(_best) ? double.NaN : _best, _wait, _rate ?? double.NaN];

    /// <inheritdoc />
    public override void ImportState(IReadOnlyList<double> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Count != 3) return;
        _best = double.IsNaN(state[0]) ? double.PositiveInfinity : state[0];
        _wait = (int)state[1];
        _rate = double.IsNaN(state[2]) ? null : state[2];
    }
}

using System.Globalization;

namespace Backprop.Training.Schedules;

/// <summary>The learning rate of each epoch. A schedule may keep state (the adaptive one does), so one instance serves one run.</summary>
public abstract class LearningRateSchedule
{
    /// <summary>The name used on the command line.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// The schedule's kind as <c>--lr-schedule</c> and the model file's training section name it (<c>constant</c>,
    /// <c>step</c>, <c>exponential</c>, <c>cosine</c>, <c>adaptive</c>, <c>plateau</c>): <see cref="Name"/> without its settings.
    /// </summary>
    public virtual string Kind => Name.Split(' ', 2)[0];

    /// <summary>η for <paramref name="epoch"/> (1 for the first) of <paramref name="epochs"/>, from the base rate η₀.</summary>
    public abstract double Rate(int epoch, int epochs, double baseRate);

    /// <summary>Told the training loss at the end of every epoch (the adaptive schedule reacts to it).</summary>
    public virtual void Observe(double loss) { }

    /// <summary>
    /// Told both losses at the end of every epoch: the training loss, the validation loss when this epoch measured one,
    /// and whether the run has validation data at all. Unless overridden, passes the training loss to <see cref="Observe(double)"/>.
    /// </summary>
    public virtual void Observe(double loss, double? validationLoss, bool validates) => Observe(loss);

    /// <summary>Told the number of training rows an epoch passes over, before the first epoch (the invscaling schedule counts them).</summary>
    internal virtual void Begin(int rows) { }

    /// <summary>Whatever the schedule remembers, for a checkpoint.</summary>
    public virtual double[] ExportState() => [];

    /// <summary>Restores what <see cref="ExportState"/> saved.</summary>
    public virtual void ImportState(IReadOnlyList<double> state) => ArgumentNullException.ThrowIfNull(state);

    /// <summary>
    /// <c>constant</c>; <c>step</c> (η₀·γ^⌊(epoch−1)/step⌋); <c>exponential</c> (η₀·γ^(epoch−1)); <c>cosine</c>
    /// (from η₀ down to η_min over the run); <c>adaptive</c> (η divided by 5 after two epochs in a row that do not
    /// lower the loss by 1e-4, see <see cref="AdaptiveSchedule"/>); <c>plateau</c> (Keras's ReduceLROnPlateau with its defaults, see
    /// <see cref="PlateauSchedule"/>); <c>invscaling</c> (η₀ / (t + 1)^<paramref name="power"/>, scikit-learn's, see
    /// <see cref="InverseScalingSchedule"/>).
    /// </summary>
    public static LearningRateSchedule Create(string name, double gamma = 0.1, int stepSize = 10, double minimum = 0, double power = 0.5)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
    {
        "constant" => new ConstantSchedule(),
        "step" => new StepSchedule(gamma, stepSize),
        "exponential" => new ExponentialSchedule(gamma),
        "cosine" => new CosineSchedule(minimum),
        "adaptive" => new AdaptiveSchedule(),
        "plateau" => new PlateauSchedule(),
        "invscaling" => new InverseScalingSchedule(power),
        _ => throw new ArgumentException(
            $"unknown learning-rate schedule '{name}' (expected {string.Join(", ", Names.SkipLast(1))} or {Names[^1]})", nameof(name)),
    };
    }

    /// <summary>The schedules' kinds, as <c>--lr-schedule</c> and the model file name them: the names <see cref="Create"/> takes.</summary>
    public static IReadOnlyList<string> Names { get; } = ["constant", "step", "exponential", "cosine", "adaptive", "plateau", "invscaling"];

    /// <inheritdoc />
    public override string ToString() => Name;

    internal static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary><paramref name="gamma"/> when it is a factor strictly between 0 and 1 (a schedule that shrinks η), else a refusal.</summary>
    private protected static double Shrinking(double gamma) => gamma > 0 && gamma < 1 ? gamma
        : throw new ArgumentOutOfRangeException(nameof(gamma), gamma,
            $"The schedule's factor γ must be greater than 0 and less than 1, not {F(gamma)}.");
}

/// <summary>The same rate every epoch.</summary>
public sealed class ConstantSchedule : LearningRateSchedule
{
    /// <inheritdoc />
    public override string Name => "constant";

    /// <inheritdoc />
    public override double Rate(int epoch, int epochs, double baseRate) => baseRate;
}

/// <summary>η₀·γ^⌊(epoch − 1)/step⌋: multiplied by γ every <c>step</c> epochs.</summary>
public sealed class StepSchedule(double gamma, int stepSize) : LearningRateSchedule
{
    private readonly double _gamma = Shrinking(gamma);
    private readonly int _stepSize = stepSize >= 1 ? stepSize
        : throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, $"The step schedule's step must be at least 1 epoch, not {stepSize}.");

    /// <inheritdoc />
    public override string Name => $"step (γ {F(_gamma)} every {_stepSize} epochs)";

    /// <inheritdoc />
    public override double Rate(int epoch, int epochs, double baseRate) => baseRate * Math.Pow(_gamma, (epoch - 1) / _stepSize);
}

/// <summary>η₀·γ^(epoch − 1).</summary>
public sealed class ExponentialSchedule(double gamma) : LearningRateSchedule
{
    private readonly double _gamma = Shrinking(gamma);

    /// <inheritdoc />
    public override string Name => $"exponential (γ {F(_gamma)})";

    /// <inheritdoc />
    public override double Rate(int epoch, int epochs, double baseRate) => baseRate * Math.Pow(_gamma, epoch - 1);
}

/// <summary>η_min + ½(η₀ − η_min)(1 + cos(π·(epoch − 1)/epochs)): from η₀ at the first epoch towards η_min at the last.</summary>
public sealed class CosineSchedule(double minimum) : LearningRateSchedule
{
    private readonly double _minimum = minimum >= 0 && double.IsFinite(minimum) ? minimum
        : throw new ArgumentOutOfRangeException(nameof(minimum), minimum,
            $"The cosine schedule's end rate must be a finite number ≥ 0, not {F(minimum)}.");

    /// <inheritdoc />
    public override string Name => $"cosine (to {F(_minimum)})";

    /// <inheritdoc />
    public override double Rate(int epoch, int epochs, double baseRate) =>
        _minimum + 0.5 * (baseRate - _minimum) * (1 + Math.Cos(Math.PI * (epoch - 1) / Math.Max(1, epochs)));
}

/// <summary>
/// scikit-learn's "adaptive": η stays as long as the training loss keeps falling, and is divided by 5 each time more than
/// <c>noChangeEpochs</c> epochs in a row fail to lower it below its best by <c>tolerance</c> (the count then starts again;
/// the best is the least loss seen). With <c>smallest</c>, a stall that finds η already at most that ends the run instead
/// (<see cref="Stopped"/>; scikit-learn: 1e-6). The defaults (1 epoch, i.e. two in a row, 1e-4, never stopping) are
/// scikit-learn's documented rule; <c>MlpOptions</c> with <c>NoChangeEpochs</c> given builds scikit-learn's actual one.
/// </summary>
/// <param name="noChangeEpochs">η falls when more than this many epochs in a row do not improve (scikit-learn's
/// <c>n_iter_no_change</c>), ≥ 1.</param>
/// <param name="tolerance">The least fall below the best loss that counts as an improvement (scikit-learn's <c>tol</c>), ≥ 0.</param>
/// <param name="smallest">A stall with η at most this stops training; null never.</param>
public sealed class AdaptiveSchedule(int noChangeEpochs = 1, double tolerance = 1e-4, double? smallest = null) : LearningRateSchedule
{
    private double? _best;
    private int _stalled;
    private double _factor = 1;
    private double _rate = double.NaN;
    private readonly int _epochs = noChangeEpochs >= 1 ? noChangeEpochs
        : throw new ArgumentOutOfRangeException(nameof(noChangeEpochs), noChangeEpochs, "The epochs without improvement must be at least 1.");
    private readonly double _tolerance = tolerance >= 0 && double.IsFinite(tolerance) ? tolerance
        : throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The loss tolerance must be a finite number at least 0.");

    /// <inheritdoc />
    public override string Name => "adaptive";

    /// <summary>True once a stall found η at most the smallest rate: training should stop.</summary>
    public bool Stopped { get; private set; }

    /// <summary>Whether this schedule ends a run (a smallest rate was given), and so takes the place of the training-loss stopping rule.</summary>
    public bool Stops => smallest is not null;

    /// <inheritdoc />
    public override double Rate(int epoch, int epochs, double baseRate) => _rate = baseRate * _factor;

    /// <inheritdoc />
    public override double[] ExportState() => [_best ?? double.NaN, _stalled, _factor];

    /// <inheritdoc />
    public override void ImportState(IReadOnlyList<double> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Count != 3) return;
        _best = double.IsNaN(state[0]) ? null : state[0];
        _stalled = (int)state[1];
        _factor = state[2];
    }

    /// <inheritdoc />
    public override void Observe(double loss)
    {
        if (_best is double best && loss > best - _tolerance) _stalled++;
        else _stalled = 0;
        if (_best is null || loss < _best) _best = loss;
        if (_stalled <= _epochs) return;
        if (smallest is double least && _rate <= least)
        {
            Stopped = true;
            return;
        }
        _factor /= 5;
        _rate /= 5;
        _stalled = 0;
    }
}

using Backprop.Data.Preprocessing;
using Backprop.Activations;
using Backprop.Diagnostics;
using Backprop.Losses;
using Backprop.Optimizers;
using Backprop.Training.Solvers;
using static Backprop.Runs.OptionRule;

namespace Backprop.Runs;

/// <summary>
/// The rules of a run's options, in one table (as scikit-learn's <c>_parameter_constraints</c>): each property's range,
/// the names that must be registered, the lengths of the per-layer lists, and the settings that exclude or need each
/// other. <see cref="Validate"/> checks them all, once, before anything is read or trained. The rules that need the
/// data (a class weight of a regression target, a share that leaves no rows) are the estimator's, in <c>Fit</c>.
/// </summary>
public sealed partial record MlpOptions
{
    /// <summary>Every property at its default, to tell a value given from one left alone.</summary>
    private static readonly MlpOptions Defaults = new();

    /// <summary>The rules, one row each: the property's path, what it must be, and the check.</summary>
    internal static IReadOnlyList<OptionRule> Rules { get; } =
    [
        // ---------------------------------------------------------------- the network
        Each(Setting.HiddenLayers, o => o.HiddenLayers.Select(w => (double)w), new(w => w >= 1, "at least 1"), "a width"),
        Exclusion(Setting.Activations, "one, or one per hidden layer", o => PerLayer(o.Activations.Count, o.HiddenLayers.Count, "activation", false)),
        Registered(Setting.Activations, o => o.Activations, ActivationRegistry.Contains, () => ActivationRegistry.Names, "activation"),
        Registered(Setting.OutputActivation, o => [o.OutputActivation], ActivationRegistry.Contains, () => ActivationRegistry.Names, "activation"),
        Exclusion(Setting.Initializer, "normal[:σ], uniform[:ε] or a named initialiser",
            o => Parses(o.Initializer, s => Initialization.Initializer.Parse(s))),
        Exclusion(Setting.Dropout, "none, one, or one per hidden layer", o => PerLayer(o.Dropout.Count, o.HiddenLayers.Count, "dropout", true)),
        Each(Setting.Dropout, o => o.Dropout, Fraction, "a rate"),

        // ---------------------------------------------------------------- the data
        Exclusion(Setting.MlpFeatures, "null, or column names, each once", o => Distinct(o.Features)),
        Exclusion(Setting.MlpOneHot, "column names, each once", o => Distinct(o.OneHot)),
        Exclusion(Setting.StandardizeColumns, "null, or column names, each once", o => Distinct(o.StandardizeColumns)),
        Exclusion(Setting.StandardizeColumns, $"only with {Setting.MlpStandardize.Name}", o => o.StandardizeColumns is not null && !o.Standardize
            ? $"names the columns to standardise, but {Setting.MlpStandardize.With(false)}" : null),
        Exclusion(Setting.RobustScale, "only with Standardize", o => o.RobustScale && !o.Standardize
            ? $"says how to standardise, but {Setting.MlpStandardize.With(false)}" : null),
        Exclusion(Setting.MlpClasses, "null, or two or more class names, each once", o => o.Classes is { Count: < 2 } few
            ? $"must declare at least 2 classes, not {few.Count}" : Distinct(o.Classes)),
        Exclusion(Setting.ScaleTarget, "true only for a regression target with a linear output", o => o.ScaleTarget != true ? null
            : o.Classify || o.Classes is not null
                ? $"scales a regression target, but {(o.Classify ? Setting.Classify.With(true) : Setting.MlpClasses)} makes it classes"
            : o.OutputActivation is string a && !a.Equals("identity", StringComparison.OrdinalIgnoreCase)
                && !a.Equals("linear", StringComparison.OrdinalIgnoreCase)
                ? $"turns the outputs back linearly, but {Setting.OutputActivation.With(a)} is not linear" : null),
        Defined(Setting.MlpMissing, o => o.Missing),
        Exclusion(Setting.MissingCategories, "Own or MostFrequent; MostFrequent only when Missing fills", o => !Enum.IsDefined(o.MissingCategories)
            ? $"must be one of {string.Join(", ", Enum.GetNames<CategoryGaps>())}, not {o.MissingCategories}"
            : o.MissingCategories != Defaults.MissingCategories && o.Missing is not (MissingValues.Mean or MissingValues.Median)
                ? $"says how gaps are filled, but {Setting.MlpMissing.With(o.Missing)} fills none" : null),
        Exclusion(Setting.MissingIndicator, "only when Missing fills", o => o.MissingIndicator && o.Missing is not (MissingValues.Mean or
            MissingValues.Median) ? $"marks filled gaps, but {Setting.MlpMissing.With(o.Missing)} fills none" : null),
        Defined(Setting.UnknownCategories, o => o.UnknownCategories),
        Exclusion(Setting.MlpDelimiter, "null, or one ASCII character other than a quote, a space or a line break",
            o => o.Delimiter is char d && (d is '"' or '\n' or '\r' or ' ' || d > 127)
                ? $"must be one ASCII character other than a quote, a space or a line break, not '{d}'" : null),
        Exclusion(Setting.MlpDecimalSeparator, ". or ,", o => o.DecimalSeparator is '.' or ',' ? null : $"must be . or , not '{o.DecimalSeparator}'"),
        AtLeast(Setting.MlpMaxCategories, o => o.MaxCategories, 2),
        NotEmpty(Setting.XName, o => o.MatInputs),
        NotEmpty(Setting.YName, o => o.MatLabels),
        Range(Setting.ValidationFraction, o => o.ValidationFraction, Fraction),
        NotEmpty(Setting.ValidationData, o => o.ValidationData),
        Exclusion(Setting.ValidationData, $"not with {Setting.ValidationFraction.Name}", o => o.ValidationData is not null && o.ValidationFraction > 0
            ? $"holds the held-out rows, so {Setting.ValidationFraction.With(Number(o.ValidationFraction ?? 0))} holds none out: give one of them"
            : null),
        NotEmpty(Setting.SampleWeight, o => o.SampleWeightColumn),
        Exclusion(Setting.ClassWeight, "balanced, or a finite weight at least 0 per class",
            o => o.ClassWeight?.Weights?.FirstOrDefault(w => !(w.Value >= 0) || !double.IsFinite(w.Value)) is { Key: not null } bad
                ? $"a class weight must be a finite number at least 0, not {bad.Key}={Number(bad.Value)}" : null),

        // ---------------------------------------------------------------- the training
        Registered(Setting.Loss, o => [o.Loss], LossRegistry.Contains, () => LossRegistry.Names, "loss"),
        Defined(Setting.Reduction, o => o.Reduction),
        Range(Setting.L2, o => o.L2, NotNegative),
        Range(Setting.L1, o => o.L1, NotNegative),
        Registered(Setting.Optimizer, o => [o.Optimizer], n => OptimizerRegistry.Contains(n) || FullBatchSolver.Find(n) is not null,
            () => [.. OptimizerRegistry.Names, "lbfgs", "cg"], "optimizer"),
        Range(Setting.LearningRate, o => o.LearningRate, Positive),
        Range(Setting.Momentum, o => o.Momentum, Fraction),
        Range(Setting.WeightDecay, o => o.WeightDecay, NotNegative),
        Exclusion(Setting.Schedule, "a learning-rate schedule", o => Parses(o.Schedule, s => Training.Schedules.LearningRateSchedule.Create(s))),
        Range(Setting.ScheduleGamma, o => o.ScheduleGamma, Factor),
        AtLeast(Setting.ScheduleStep, o => o.ScheduleStep, 1),
        Range(Setting.ScheduleMinimum, o => o.ScheduleMinimum, NotNegative),
        Range(Setting.PlateauFactor, o => o.PlateauFactor, Factor),
        AtLeast(Setting.PlateauPatience, o => o.PlateauPatience, 1),
        Range(Setting.PlateauMinimum, o => o.PlateauMinimum, NotNegative),
        Exclusion(Setting.SchedulePower, $"a finite number at least 0, its default unless {Setting.Schedule.Name} is invscaling",
            o => !NotNegative.Holds(o.SchedulePower) ? $"must be {NotNegative.Words}, not {Number(o.SchedulePower)}"
            : o.SchedulePower != Defaults.SchedulePower && !IsNamed(o.Schedule, "invscaling")
                ? $"applies to {Setting.Schedule.With("invscaling")}, not to {Setting.Schedule.With(o.Schedule)}" : null),
        ScheduleOnly(Setting.ScheduleGamma, o => o.ScheduleGamma != Defaults.ScheduleGamma, "step", "exponential"),
        ScheduleOnly(Setting.ScheduleStep, o => o.ScheduleStep != Defaults.ScheduleStep, "step"),
        ScheduleOnly(Setting.ScheduleMinimum, o => o.ScheduleMinimum != Defaults.ScheduleMinimum, "cosine"),
        ScheduleOnly(Setting.PlateauFactor, o => o.PlateauFactor != Defaults.PlateauFactor, "plateau"),
        ScheduleOnly(Setting.PlateauPatience, o => o.PlateauPatience != Defaults.PlateauPatience, "plateau"),
        ScheduleOnly(Setting.PlateauMinimum, o => o.PlateauMinimum != Defaults.PlateauMinimum, "plateau"),
        Exclusion(Setting.ScheduleMinimum, $"below {Setting.LearningRate.Name}", o => o.ScheduleMinimum >= o.LearningRate
            ? $"must be below {Setting.LearningRate} ({Number(o.LearningRate)}), not {Number(o.ScheduleMinimum)}" : null),
        Exclusion(Setting.Schedule, "constant with a full-batch solver", o => Solver(o) is { } s && !IsNamed(o.Schedule, "constant")
            ? $"{o.Schedule} does not apply to {s}: its line search chooses each step's length" : null),
        Exclusion(Setting.LearningRate, "the default with a full-batch solver", o => Solver(o) is { } s && o.LearningRate != Defaults.LearningRate
            ? $"does not apply to {s}: its line search chooses each step's length" : null),
        Exclusion(Setting.ClipNorm, "null with a full-batch solver", o => Solver(o) is { } s && o.ClipNorm is not null
            ? $"does not apply to {s}: its line search chooses how far to go along each direction" : null),
        Exclusion(Setting.Dropout, "none with a full-batch solver", o => Solver(o) is { } s && o.Dropout.Any(p => p > 0)
            ? $"does not apply to {s}: a new mask every evaluation would change the function its line search follows" : null),
        AtLeast(Setting.BatchSize, o => o.BatchSize, 1),
        AtLeast(Setting.Epochs, o => o.Epochs, 0),
        Exclusion(Setting.MaxFunctionEvaluations, "null, or at least 1 with a full-batch solver", o => o.MaxFunctionEvaluations is not int m ? null
            : m < 1 ? $"must be at least 1, not {m}"
            : Solver(o) is null
                ? $"caps a full-batch solver's evaluations (lbfgs, cg), but {Setting.Optimizer.With(o.Optimizer)} takes mini-batch steps"
            : null),
        AtLeast(Setting.Patience, o => o.Patience, 1),
        AtLeast(Setting.Ensemble, o => o.Ensemble, 1),
        Exclusion(Setting.Patience, "only with held-out rows", o => o.Patience is not null && o.ValidationFraction is not null
            && !(o.ValidationFraction > 0) && o.ValidationData is null
            ? $"needs held-out rows to watch: give {Setting.ValidationFraction} or {Setting.ValidationData}" : null),
        Range(Setting.MinDelta, o => o.MinDelta, NotNegative),
        Exclusion(Setting.Monitor, "Loss or Score; Score only with early stopping", o => !Enum.IsDefined(o.Monitor)
            ? $"must be one of {string.Join(", ", Enum.GetNames<EarlyStoppingMonitor>())}, not {o.Monitor}"
            : o.Monitor == EarlyStoppingMonitor.Score && o.Patience is null && o.ValidationFraction is not null
                ? $"says what early stopping watches, but {Setting.Patience} is not given" : null),
        AtLeast(Setting.ValidationFrequency, o => o.ValidationFrequency, 1),
        Range(Setting.Tolerance, o => o.Tolerance, NotNegative),
        Range(Setting.TargetLoss, o => o.TargetLoss, NotNegative),
        AtLeast(Setting.NoChangeEpochs, o => o.NoChangeEpochs, 1),
        Range(Setting.LossTolerance, o => o.LossTolerance, NotNegative),
        Exclusion(Setting.LossTolerance, $"its default unless {Setting.NoChangeEpochs.Name} is given", o => o.NoChangeEpochs is null
            && o.LossTolerance != Defaults.LossTolerance ? $"is the improvement {Setting.NoChangeEpochs} waits for, but it is not given" : null),
        Range(Setting.ClipNorm, o => o.ClipNorm, Positive),
        Defined(Setting.Precision, o => o.Precision),
        Exclusion(Setting.WarmStart, "not with the cosine schedule", o => o.WarmStart && IsNamed(o.Schedule, "cosine")
            ? $"continues a run past its last epoch, but {Setting.Schedule.With("cosine")} spans one run's {Setting.Epochs.Name}" : null),
    ];

    /// <summary>
    /// Checks every rule of <see cref="Rules"/>: throws a <see cref="BackpropException"/> whose message names the property
    /// (<c>MlpOptions.Dropout: a rate must be at least 0 and below 1, not 1.5</c>) at the first broken one.
    /// </summary>
    /// <exception cref="BackpropException">A property is out of its range, names what is not registered, or excludes another.</exception>
    public void Validate()
    {
        if (Broken() is { } broken) throw new BackpropException(broken);
    }

    /// <summary>The message of the first broken rule, or null when the options keep them all.</summary>
    internal string? Broken() => FirstBroken() is var (rule, problem) ? $"{rule.Path}: {problem}" : null;

    /// <summary>The first broken rule (of those about <paramref name="path"/>, when given) and its problem; null when none is broken.</summary>
    internal (OptionRule Rule, string Problem)? FirstBroken(Setting? path = null)
    {
        foreach (var rule in Rules)
            if ((path is null || rule.Path.Equals(path)) && rule.Problem(this) is string problem) return (rule, problem);
        return null;
    }

    private static string? PerLayer(int given, int layers, string noun, bool optional)
    {
        if (given == 0 && optional) return null;
        if (layers == 0 && optional) return $"the network has no hidden layer ({Setting.HiddenLayers} is empty), so it takes no {noun}";
        if (given == 1 || given == layers) return null;
        return $"give one {noun} for every hidden layer or {layers} (one per layer), not {given}";
    }

    private static string? Distinct(IReadOnlyList<string>? names)
    {
        if (names is null) return null;
        if (names.FirstOrDefault(n => n.Trim().Length == 0) is string empty) return $"names an empty column \"{empty}\"";
        return names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1) is { } twice ? $"names '{twice.Key}' twice" : null;
    }

    /// <summary>The problem <paramref name="parse"/> finds with <paramref name="text"/> (its message), or null.</summary>
    private static string? Parses(string? text, Action<string> parse)
    {
        if (text is null) return null;
        try
        {
            parse(text);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "");
        }
    }

    private static OptionRule ScheduleOnly(Setting path, Func<MlpOptions, bool> given, params string[] schedules) =>
        Exclusion(path, $"its default unless {Setting.Schedule.Name} is {string.Join(" or ", schedules)}",
            o => given(o) && !schedules.Any(s => IsNamed(o.Schedule, s))
                ? $"applies to {Setting.Schedule.With(string.Join(" or ", schedules))}, not to {Setting.Schedule.With(o.Schedule)}" : null);

    private static string? Solver(MlpOptions o) => FullBatchSolver.Find(o.Optimizer)?.Name;

    private static bool IsNamed(string name, string expected) => string.Equals(name, expected, StringComparison.OrdinalIgnoreCase);
}

using Backprop.Runs;
using Backprop.Data.Csv;
using Backprop.Estimators.Preparation;
using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Training.Solvers;
using Backprop.Serialization;
using Backprop.Training;
using Backprop.Training.Schedules;

namespace Backprop.Estimators;

/// <summary>
/// The one mapping from an <see cref="MlpOptions"/> to the internal settings the pipeline runs on: how the table is read
/// (<see cref="CsvReadOptions"/>), prepared (<see cref="PreprocessingOptions"/>, <see cref="PreparationOptions"/>),
/// which network is built (<see cref="NetworkSpec"/>) and how it is trained (<see cref="TrainingOptions"/>).
/// </summary>
internal static class RunMapping
{
    /// <summary>How the table files are read.</summary>
    public static CsvReadOptions Csv(MlpOptions o) =>
        new() { Delimiter = o.Delimiter, DecimalSeparator = o.DecimalSeparator, MaxCategories = o.MaxCategories };

    /// <summary>Which columns are the targets and the features and how they are encoded.</summary>
    /// <param name="o">The run.</param>
    /// <param name="targets">The target columns.</param>
    /// <param name="classify">Whether a numeric target is class labels: true, false, or null to decide from the options.</param>
    /// <param name="start">The model a run starts from (its features are kept when it has no preprocessing), or null.</param>
    public static PreprocessingOptions Preprocessing(MlpOptions o, IReadOnlyList<string> targets, bool? classify, ModelDocument? start)
    {
        bool byOptions = o.Classify || o.Classes is not null || (IsCrossEntropy(o.Loss) && targets.Count == 1);
        if (o.SampleWeightColumn is string weight && targets.Contains(weight))
            throw new BackpropException($"{Setting.MlpSampleWeight.With(weight)}: the column is a target; the weights need a column of their own");
        return new PreprocessingOptions
        {
            Targets = targets,
            Features = o.Features ?? (start?.Preprocessing is null ? start?.Features : null),
            OneHot = o.OneHot,
            Standardize = o.Standardize ? o.StandardizeColumns ?? [] : null,
            Robust = o.RobustScale,
            ClassifyNumericTarget = classify ?? byOptions,
            ScaleTarget = o.ScaleTarget ?? (!IsCrossEntropy(o.Loss) && o.OutputActivation is null or "identity" or "linear"),
            Missing = o.Missing,
            CategoryGaps = o.MissingCategories,
            MissingIndicator = o.MissingIndicator,
            UnknownCategories = o.UnknownCategories,
            Classes = o.Classes,
            Excluded = o.SampleWeightColumn is string column ? [column] : [],
            SampleWeight = o.SampleWeightColumn,
        };
    }

    /// <summary>How a file is read, split and encoded.</summary>
    public static PreparationOptions Preparation(MlpOptions o, PreprocessingOptions preprocessing, FitControl control, ModelDocument? start,
        RowStorage? storage) => new()
    {
        Preprocessing = preprocessing, Csv = Csv(o), ValidationSplit = o.ValidationFraction ?? 0, Shuffle = o.Shuffle, Seed = o.Seed,
        DefaultSplit = o.ValidationFraction is null && o.ValidationData is null,
        TestPath = control.TestData, Fitted = start?.Preprocessing, XName = o.MatInputs, YName = o.MatLabels,
        WeightColumn = o.SampleWeightColumn, Stratify = o.Stratify, Storage = storage, Redraws = o.Ensemble > 1,
        ReadTable = control.ReadTable ?? new PreparationOptions { Preprocessing = preprocessing }.ReadTable,
        OpenTable = control.OpenTable ?? new PreparationOptions { Preprocessing = preprocessing }.OpenTable,
        Cancellation = control.PreparationCancellation ?? control.Cancellation,
        SplitSetting = Setting.ValidationFraction, WeightSetting = Setting.MlpSampleWeight,
    };

    /// <summary>The network of a new run.</summary>
    public static NetworkSpec Network(MlpOptions o) => new()
    {
        HiddenLayers = o.HiddenLayers,
        Activations = o.Activations,
        OutputActivation = o.OutputActivation,
        Initializer = o.Initializer is string init ? Named(Setting.Initializer, () => Initialization.Initializer.Parse(init)) : null,
        Bias = o.Bias,
        Dropout = o.Dropout.Count > 0 ? o.Dropout : null,
    };

    /// <summary>
    /// The network settings of <paramref name="o"/> that differ from the defaults, to compare with a resumed run's (the
    /// rest are not compared).
    /// </summary>
    public static NetworkSpec GivenNetwork(MlpOptions o)
    {
        var d = new MlpOptions();
        var all = Network(o);
        return new NetworkSpec
        {
            HiddenLayers = o.HiddenLayers.SequenceEqual(d.HiddenLayers) ? null : all.HiddenLayers,
            Activations = o.Activations.SequenceEqual(d.Activations) ? null : all.Activations,
            OutputActivation = all.OutputActivation,
            Initializer = all.Initializer,
            Bias = o.Bias ? null : false,
            Dropout = all.Dropout,
        };
    }

    /// <summary>The loss asked for, or null for the target's default.</summary>
    public static Loss? Loss(MlpOptions o) => o.Loss is string name ? Named(Setting.Loss, () => Losses.Loss.Get(name)) : null;

    /// <summary>The full-batch solver asked for, or null for a mini-batch optimiser.</summary>
    public static FullBatchSolver? Solver(MlpOptions o) => FullBatchSolver.Find(o.Optimizer);

    /// <summary>The training settings; <paramref name="loss"/> is the one the data called for when none was asked.</summary>
    public static TrainingOptions Training(MlpOptions o, Loss loss, int? checkpointEvery)
    {
        var solver = Solver(o);
        if (solver is not null && o.LearningRate != new MlpOptions().LearningRate)
            throw new BackpropException($"{Setting.LearningRate} does not apply to {solver.Name}: its line search chooses each step's length");
        if (o.ScheduleMinimum >= o.LearningRate)
            throw new BackpropException(
                $"{Setting.ScheduleMinimum} must be below {Setting.LearningRate} ({Fmt(o.LearningRate)}), not {Fmt(o.ScheduleMinimum)}");
        return new TrainingOptions
        {
            Objective = new Objective(loss, o.Reduction, o.L2, o.L1),
            LearningRate = o.LearningRate,
            Epochs = o.Epochs,
            Shuffle = o.ShuffleEachEpoch,
            // A full-batch solver takes the whole data set unless another batch size than the default is asked (and then refuses it).
            BatchSize = solver is not null && o.BatchSize == new MlpOptions().BatchSize ? null : o.BatchSize,
            Seed = o.Seed,
            Tolerance = o.Tolerance,
            TargetLoss = o.TargetLoss,
            NoChangeEpochs = o.NoChangeEpochs,
            MaxFunctionEvaluations = o.MaxFunctionEvaluations,
            LossTolerance = o.LossTolerance,
            CollectDiagnostics = o.Diagnostics,
            Optimizer = solver is not null ? new Optimizers.GradientDescent()
                : Named(Setting.Optimizer, () => Optimizers.Optimizer.Create(o.Optimizer, o.Momentum, o.WeightDecay)),
            Schedule = Schedule(o),
            Solver = solver,
            ClipNorm = o.ClipNorm,
            Patience = o.Patience,
            ValidationFrequency = o.ValidationFrequency,
            MinDelta = o.MinDelta,
            MonitorScore = o.Monitor == Runs.EarlyStoppingMonitor.Score,
            CheckpointEvery = checkpointEvery,
        };
    }

    /// <summary>The learning-rate schedule.</summary>
    public static LearningRateSchedule Schedule(MlpOptions o)
    {
        bool plateau = o.Schedule.Equals("plateau", StringComparison.OrdinalIgnoreCase);
        var d = new MlpOptions();
        if (!plateau && (o.PlateauFactor != d.PlateauFactor || o.PlateauPatience != d.PlateauPatience || o.PlateauMinimum != d.PlateauMinimum))
        {
            var setting = o.PlateauFactor != d.PlateauFactor ? Setting.PlateauFactor
                : o.PlateauPatience != d.PlateauPatience ? Setting.PlateauPatience : Setting.PlateauMinimum;
            throw new BackpropException($"{setting} applies to {Setting.Schedule.With("plateau")}, not to {Setting.Schedule.With(o.Schedule)}");
        }
        // With NoChangeEpochs, adaptive is scikit-learn's: η / 5 where that rule would stop, and a stop once η is at most 1e-6.
        if (o.Schedule.Equals("adaptive", StringComparison.OrdinalIgnoreCase) && o.NoChangeEpochs is int stalled)
            return new AdaptiveSchedule(stalled, o.LossTolerance, AdaptiveSmallestRate);
        return plateau ? new PlateauSchedule(o.PlateauFactor, o.PlateauPatience, o.PlateauMinimum)
            : Named(Setting.Schedule, () => LearningRateSchedule.Create(o.Schedule, o.ScheduleGamma, o.ScheduleStep, o.ScheduleMinimum,
                o.SchedulePower));
    }

    /// <summary>The η at which scikit-learn's adaptive schedule stops the fit instead of lowering it again.</summary>
    public const double AdaptiveSmallestRate = 1e-6;

    /// <summary>What the model file records of the data and the split.</summary>
    public static TrainingRun Run(MlpOptions o, PreparedData data, string? source) => new()
    {
        Schedule = o.Schedule, ValidationSplit = data.SplitFraction, Shuffle = o.Shuffle,
        Data = source is null ? null : Path.GetFileName(source), Rows = data.TrainCount + data.ValidationCount,
        SampleWeight = o.SampleWeightColumn,
        ValidationData = o.ValidationData is string held ? Path.GetFileName(held) : null,
    };

    private static bool IsCrossEntropy(string? loss)
    {
        if (loss is null) return false;
        try { return Losses.Loss.Get(loss) is CrossEntropy; }
        catch (ArgumentException) { return false; }
    }

    /// <summary>Runs <paramref name="make"/>, turning its <see cref="ArgumentException"/> into one naming <paramref name="setting"/>.</summary>
    private static T Named<T>(Setting setting, Func<T> make)
    {
        try { return make(); }
        catch (ArgumentException e) { throw new BackpropException($"{setting}: {e.Message.Split(" (Parameter")[0]}"); }
    }

    private static string Fmt(double v) => v.ToString("G10", System.Globalization.CultureInfo.InvariantCulture);
}

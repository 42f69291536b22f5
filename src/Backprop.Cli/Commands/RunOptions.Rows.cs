using System.CommandLine;
using Backprop.Activations;
using Backprop.Estimators;
using Backprop.Optimizers;

namespace Backprop.Cli.Commands;

internal static partial class RunOptions
{
    /// <summary>The rows of the data, the network and the training: what <c>train</c>, <c>cv</c> and <c>search</c> share.</summary>
    public static RunOption[] Shared => Table.Shared;

    /// <summary>The rows only <c>train</c> has: the rest of the run's settings, its control and its printing.</summary>
    public static RunOption[] TrainOnly => Table.TrainOnly;

    /// <summary>Every row of <c>train</c>.</summary>
    public static RunOption[] All => Table.All;

    /// <summary>
    /// The rows, which option sets which <see cref="MlpOptions"/> or <see cref="FitControl"/> property and how its text is
    /// read. A class of its own so that the rows are built once the options they name exist: the order of static fields
    /// across the files of a partial class is not defined.
    /// </summary>
    private static class Table
    {
        /// <summary>The rows of the data, the network and the training: what <c>train</c>, <c>cv</c> and <c>search</c> share.</summary>
        public static readonly RunOption[] Shared =
        [
            RunOption.Command(Data),
            RunOption.Command(Target),
            RunOption.Of(Classify, nameof(MlpOptions.Classify), (o, v) => o with { Classify = v }),
            RunOption.Of(Classes, nameof(MlpOptions.Classes), (o, v) => o with { Classes = v is null ? null : Parse.Entries("--classes", v) }),
            RunOption.Of(Standardize, nameof(MlpOptions.Standardize), (o, v) => Standardized(o, v)),
            RunOption.Of(new Option<bool?>("--scale-target")
                {
                    Description = "standardise a regression target for training and turn predictions back (default for a linear output); false: off",
                }, nameof(MlpOptions.ScaleTarget), (o, v) => o with { ScaleTarget = v }),
            RunOption.Of(ValidationSplit, nameof(MlpOptions.ValidationFraction), (o, v) => o with { ValidationFraction = v }),
            RunOption.Of(Stratify, nameof(MlpOptions.Stratify), (o, v) => o with { Stratify = v }),
            RunOption.Of(Shuffle, nameof(MlpOptions.Shuffle), (o, v) => o with { Shuffle = v }),
            RunOption.Of(new Option<bool>("--shuffle-each-epoch")
                {
                    Description = "a new order of the rows for every epoch's batches (default; false keeps the rows' order), "
                        + "as scikit-learn's shuffle",
                    DefaultValueFactory = _ => D.ShuffleEachEpoch,
                }, nameof(MlpOptions.ShuffleEachEpoch), (o, v) => o with { ShuffleEachEpoch = v }),
            RunOption.Of(Layers, nameof(MlpOptions.HiddenLayers), (o, v) => v is null ? o : o with { HiddenLayers = Parse.Layers(v) }),
            RunOption.Of(Activation, nameof(MlpOptions.Activations), (o, v) =>
                o with { Activations = Parse.Entries("--activation", v).Select(a => Parse.Activation("--activation", a)).ToArray() }),
            RunOption.Of(Optimizer, nameof(MlpOptions.Optimizer), (o, v) => o with { Optimizer = OptimizerName(v, o) }),
            RunOption.Of(L2, nameof(MlpOptions.L2), (o, v) => o with { L2 = v }),
            RunOption.Of(L1, nameof(MlpOptions.L1), (o, v) => o with { L1 = v }),
            RunOption.Of(LearningRate, nameof(MlpOptions.LearningRate), (o, v) => o with { LearningRate = v }),
            RunOption.Of(Epochs, nameof(MlpOptions.Epochs), (o, v) => o with { Epochs = v }),
            RunOption.Of(BatchSize, nameof(MlpOptions.BatchSize), (o, v) => o with { BatchSize = Parse.BatchSize(v) }),
            RunOption.Of(Patience, nameof(MlpOptions.Patience), (o, v) => o with { Patience = v }),
            RunOption.Of(Seed, nameof(MlpOptions.Seed), (o, v) => o with { Seed = v }),
            RunOption.Of(Ensemble, nameof(MlpOptions.Ensemble), (o, v) => o with { Ensemble = v }),
            RunOption.Command(Json),
            RunOption.Of(DataOptions.Delimiter, nameof(MlpOptions.Delimiter), (o, _) => o),
            RunOption.Of(DataOptions.Decimal, nameof(MlpOptions.DecimalSeparator), (o, _) => o),
            RunOption.Of(DataOptions.MaxCategories, nameof(MlpOptions.MaxCategories), (o, _) => o),
        ];

        /// <summary>The rows only <c>train</c> has: the rest of the run's settings, its control and its printing.</summary>
        public static readonly RunOption[] TrainOnly =
        [
            RunOption.Of(Features, nameof(MlpOptions.Features), (o, v) => o with { Features = v is null ? null : Parse.List("--features", v) }),
            RunOption.Of(OneHot, nameof(MlpOptions.OneHot), (o, v) => o with { OneHot = Parse.List("--one-hot", v) }),
            RunOption.Of(ValidationFrequency, nameof(MlpOptions.ValidationFrequency), (o, v) => o with { ValidationFrequency = v }),
            RunOption.Of(XVariable, nameof(MlpOptions.MatInputs), (o, v) => o with { MatInputs = v }),
            RunOption.Of(YVariable, nameof(MlpOptions.MatLabels), (o, v) => o with { MatLabels = v }),
            RunOption.Of(OutputActivation, nameof(MlpOptions.OutputActivation), (o, v) =>
                o with { OutputActivation = v is null ? null : Parse.Activation("--output-activation", v) }),
            RunOption.Of(Init, nameof(MlpOptions.Initializer), (o, v) => o with { Initializer = v is null ? null : Checked(v, Parse.Initializer) }),
            RunOption.Of(NoBias, nameof(MlpOptions.Bias), (o, v) => o with { Bias = !v }),
            RunOption.Of(DropoutOption.Option, nameof(MlpOptions.Dropout), (o, v) => o with { Dropout = v is null ? [] : DropoutOption.Rates(v) }),
            RunOption.Of(Loss, nameof(MlpOptions.Loss), (o, v) => o with { Loss = v is null ? null : Parse.Loss(v).Name }),
            RunOption.Of(Reduction, nameof(MlpOptions.Reduction), (o, v) => o with { Reduction = Parse.Reduction(v) }),
            RunOption.Of(Tolerance, nameof(MlpOptions.Tolerance), (o, v) => o with { Tolerance = v }),
            RunOption.Of(TargetLoss, nameof(MlpOptions.TargetLoss), (o, v) => o with { TargetLoss = v }),
            RunOption.Of(new Option<int?>("--no-change-epochs")
                {
                    Description = "stop when the training loss has not beaten its best by --loss-tolerance for more than N epochs in a row "
                        + "(scikit-learn's n_iter_no_change)",
                }, nameof(MlpOptions.NoChangeEpochs), (o, v) => o with { NoChangeEpochs = v }),
            RunOption.Of(new Option<double>("--loss-tolerance")
                {
                    Description = "the least fall of the training loss that counts as an improvement for --no-change-epochs (scikit-learn's tol)",
                    DefaultValueFactory = _ => D.LossTolerance,
                }, nameof(MlpOptions.LossTolerance), (o, v) => o with { LossTolerance = v }),
            RunOption.Of(Precision, nameof(MlpOptions.Precision), (o, v) =>
                o with { Precision = Parse.IsDouble(v) ? Runs.Precision.Double : Runs.Precision.Float }),
            RunOption.Of(new Option<bool>("--warm-start")
                {
                    Description = "with --model: continue that model's training state too (optimiser, schedule, shuffling, history) "
                        + "for --epochs more epochs, on this data",
                }, nameof(MlpOptions.WarmStart), (o, v) => o with { WarmStart = v }),
            RunOption.Of(Momentum, nameof(MlpOptions.Momentum), (o, v) => o with { Momentum = v }),
            RunOption.Of(WeightDecay, nameof(MlpOptions.WeightDecay), (o, v) => o with { WeightDecay = v }),
            RunOption.Of(Schedule, nameof(MlpOptions.Schedule), (o, v) => o with { Schedule = v }),
            RunOption.Of(Gamma, nameof(MlpOptions.ScheduleGamma), (o, v) => o with { ScheduleGamma = v }),
            RunOption.Of(StepSize, nameof(MlpOptions.ScheduleStep), (o, v) => o with { ScheduleStep = v }),
            RunOption.Of(MinimumRate, nameof(MlpOptions.ScheduleMinimum), (o, v) => o with { ScheduleMinimum = v }),
            RunOption.Of(FitOptions.PlateauFactor, nameof(MlpOptions.PlateauFactor), (o, v) => o with { PlateauFactor = v }),
            RunOption.Of(FitOptions.PlateauPatience, nameof(MlpOptions.PlateauPatience), (o, v) => o with { PlateauPatience = v }),
            RunOption.Of(FitOptions.MinLr, nameof(MlpOptions.PlateauMinimum), (o, v) => o with { PlateauMinimum = v }),
            RunOption.Of(new Option<double>("--lr-power")
                {
                    Description = "the invscaling schedule's exponent: η = η₀ / (t + 1)^power, t the rows of the epochs before "
                        + "(scikit-learn's power_t)",
                    DefaultValueFactory = _ => D.SchedulePower,
                }, nameof(MlpOptions.SchedulePower), (o, v) => o with { SchedulePower = v }),
            RunOption.Of(new Option<int?>("--max-evaluations")
                {
                    Description = "lbfgs and cg: stop once the objective has been evaluated this many times (scikit-learn's max_fun)",
                }, nameof(MlpOptions.MaxFunctionEvaluations), (o, v) => o with { MaxFunctionEvaluations = v }),
            RunOption.Of(ClipNorm, nameof(MlpOptions.ClipNorm), (o, v) => o with { ClipNorm = v }),
            RunOption.Of(MinDelta, nameof(MlpOptions.MinDelta), (o, v) => o with { MinDelta = v }),
            RunOption.Of(new Option<string>("--monitor")
                {
                    Description = "what --patience watches on the held-out rows: loss, or score (accuracy for classes, R² for numbers)",
                    DefaultValueFactory = _ => "loss",
                }.Values(["loss", "score"]), nameof(MlpOptions.Monitor), (o, v) => o with { Monitor = Parse.Monitor(v) }),
            RunOption.Of(Diagnostics, nameof(MlpOptions.Diagnostics), (o, v) => o with { Diagnostics = v }),
            RunOption.Of(DataOptions.Missing, nameof(MlpOptions.Missing), (o, _) => o),
            RunOption.Of(new Option<string>("--missing-categories")
                {
                    Description = "gaps in a categorical column, when --missing fills: own (a category of their own, the default) or most-frequent",
                    DefaultValueFactory = _ => "own",
                }.Values(["own", "most-frequent"]), nameof(MlpOptions.MissingCategories),
                (o, v) => o with { MissingCategories = Parse.CategoryGaps(v) }),
            RunOption.Of(new Option<bool>("--missing-indicator")
                {
                    Description = "one more input per numeric column with gaps in training, 1 where the value was missing (when --missing fills)",
                    DefaultValueFactory = _ => D.MissingIndicator,
                }, nameof(MlpOptions.MissingIndicator), (o, v) => o with { MissingIndicator = v }),
            RunOption.Of(new Option<string>("--unknown")
                {
                    Description = "a category not seen in training, at prediction: ignore (none of the known ones, noted; the default) or error",
                    DefaultValueFactory = _ => "ignore",
                }.Values(["ignore", "error"]), nameof(MlpOptions.UnknownCategories), (o, v) => o with { UnknownCategories = Parse.Unknown(v) }),
            RunOption.Of(FitOptions.ClassWeight, nameof(MlpOptions.ClassWeight), (o, v) => o with { ClassWeight = FitOptions.ClassWeighting(v) }),
            RunOption.Of(FitOptions.SampleWeight, nameof(MlpOptions.SampleWeightColumn), (o, v) => o with { SampleWeightColumn = v }),
            RunOption.Of(FitOptions.ValidationData, nameof(MlpOptions.ValidationData), (o, v) => o with { ValidationData = v }),
            RunOption.OfControl(TestData, nameof(FitControl.TestData), (c, v) => c with { TestData = v }),
            RunOption.OfControl(Model, nameof(FitControl.StartFrom), (c, v) => c with { StartFrom = v }),
            RunOption.OfControl(Out, nameof(FitControl.SavePath), (c, v) => c with { SavePath = v }),
            RunOption.OfControl(Resume, nameof(FitControl.Resume), (c, v) => c with { Resume = v }),
            RunOption.OfControl(CheckpointEvery, nameof(FitControl.CheckpointEvery), (c, v) => c with { CheckpointEvery = v }),
            RunOption.OfControl(Log, nameof(FitControl.LogPath), (c, v) => c with { LogPath = v }),
            RunOption.OfControl(MemoryBudget, nameof(FitControl.MemoryBudget), (c, v) =>
                c with { MemoryBudget = v is null ? null : Backprop.Data.MemoryBudget.Parse(v) }),
            RunOption.OfControl(CacheDir, nameof(FitControl.CacheFolder), (c, v) => c with { CacheFolder = v }),
            RunOption.OfControl(KeepCache, nameof(FitControl.KeepCache), (c, v) => c with { KeepCache = v }),
            RunOption.Command(Quiet),
            RunOption.Command(FitOptions.Verbose),
            RunOption.Command(Plots),
        ];

        /// <summary>Every row of <c>train</c>.</summary>
        public static readonly RunOption[] All = [.. Shared, .. TrainOnly];
    }

    /// <summary>The CSV reading rows set together: one <see cref="Data.Csv.CsvReadOptions"/> read as the other commands read it.</summary>
    public static MlpOptions WithCsv(ParseResult parse, MlpOptions o, bool missing)
    {
        var csv = DataOptions.Csv(parse);
        o = o with { Delimiter = csv.Delimiter, DecimalSeparator = csv.DecimalSeparator, MaxCategories = csv.MaxCategories };
        return missing ? o with { Missing = DataOptions.MissingPolicy(parse) } : o;
    }

    /// <summary>--standardize: on by default (every numeric column), <c>none</c> for off, or a list of columns.</summary>
    private static MlpOptions Standardized(MlpOptions o, string? text) =>
        string.IsNullOrWhiteSpace(text) ? o with { Standardize = true, StandardizeColumns = null }
        : text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase) ? o with { Standardize = false, StandardizeColumns = null }
        : text.Trim().Equals("robust", StringComparison.OrdinalIgnoreCase)
            ? o with { Standardize = true, StandardizeColumns = null, RobustScale = true }
        : o with { Standardize = true, StandardizeColumns = Parse.List("--standardize", text) };

    private static string Checked<T>(string text, Func<string, T> parse)
    {
        _ = parse(text);
        return text;
    }

    private static string OptimizerName(string name, MlpOptions o)
    {
        _ = Parse.Optimizer(name, o.Momentum, o.WeightDecay); // refuses an unknown name, naming --optimizer
        return name.ToLowerInvariant();
    }
}

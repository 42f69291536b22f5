using Backprop.Cli;
using Backprop.Diagnostics;
using Backprop.Estimators;
using Backprop.Training.Weights;

namespace Backprop.Tests.Estimators;

/// <summary>
/// <see cref="MlpOptions.Validate"/>: every rule of the table refuses a bad value with a message naming the property's
/// path (and, in the CLI, its option), every rule is broken by one of the cases below, and the edge values are accepted.
/// </summary>
public sealed class OptionValidationTests
{
    private static readonly MlpOptions O = new();

    /// <summary>A bad value for each rule, and the whole message it must give.</summary>
    public static TheoryData<string, string> Refused() => new()
    {
        { "HiddenLayers0", "MlpOptions.HiddenLayers: a width must be at least 1, not 0" },
        { "Activations3", "MlpOptions.Activations: give one activation for every hidden layer or 2 (one per layer), not 3" },
        { "ActivationsNone", "MlpOptions.Activations: give one activation for every hidden layer or 2 (one per layer), not 0" },
        { "ActivationName", "MlpOptions.Activations: 'relux' is not a registered activation (registered: " },
        { "OutputActivationName", "MlpOptions.OutputActivation: 'nope' is not a registered activation (registered: " },
        { "Initializer", "MlpOptions.Initializer: unknown initialisation 'zeros' (expected " },
        { "Dropout3", "MlpOptions.Dropout: give one dropout for every hidden layer or 2 (one per layer), not 3" },
        { "DropoutNoLayer", "MlpOptions.Dropout: the network has no hidden layer (MlpOptions.HiddenLayers is empty), so it takes no dropout" },
        { "Dropout1.5", "MlpOptions.Dropout: a rate must be at least 0 and below 1, not 1.5" },
        { "Dropout1", "MlpOptions.Dropout: a rate must be at least 0 and below 1, not 1" },
        { "DropoutNegative", "MlpOptions.Dropout: a rate must be at least 0 and below 1, not -0.1" },
        { "FeaturesTwice", "MlpOptions.Features: names 'a' twice" },
        { "OneHotEmpty", "MlpOptions.OneHot: names an empty column \" \"" },
        { "StandardizeColumnsTwice", "MlpOptions.StandardizeColumns: names 'a' twice" },
        { "StandardizeColumnsOff", "MlpOptions.StandardizeColumns: names the columns to standardise, but MlpOptions.Standardize = false" },
        { "RobustScaleOff", "MlpOptions.RobustScale: says how to standardise, but MlpOptions.Standardize = false" },
        { "ScaleTargetClasses", "MlpOptions.ScaleTarget: scales a regression target, but MlpOptions.Classify = true makes it classes" },
        { "ScaleTargetSigmoid", "MlpOptions.ScaleTarget: turns the outputs back linearly, but MlpOptions.OutputActivation = sigmoid is not linear" },
        { "ClassesOne", "MlpOptions.Classes: must declare at least 2 classes, not 1" },
        { "Missing", "MlpOptions.Missing: must be one of Error, Drop, Mean, Median, not 7" },
        { "MissingCategoriesUndefined", "MlpOptions.MissingCategories: must be one of Own, MostFrequent, not 5" },
        { "MissingCategoriesNoFill",
            "MlpOptions.MissingCategories: says how gaps are filled, but MlpOptions.Missing = MissingValues.Drop fills none" },
        { "MissingIndicatorNoFill", "MlpOptions.MissingIndicator: marks filled gaps, but MlpOptions.Missing = MissingValues.Error fills none" },
        { "UnknownCategories", "MlpOptions.UnknownCategories: must be one of Ignore, Error, not 9" },
        { "Delimiter", "MlpOptions.Delimiter: must be one ASCII character other than a quote, a space or a line break, not ' '" },
        { "Decimal", "MlpOptions.DecimalSeparator: must be . or , not ';'" },
        { "MaxCategories", "MlpOptions.MaxCategories: must be at least 2, not 1" },
        { "MatInputs", "MlpOptions.MatInputs: must not be empty, not \"\"" },
        { "MatLabels", "MlpOptions.MatLabels: must not be empty, not \" \"" },
        { "ValidationFraction1", "MlpOptions.ValidationFraction: must be at least 0 and below 1, not 1" },
        { "ValidationFractionNaN", "MlpOptions.ValidationFraction: must be at least 0 and below 1, not NaN" },
        { "ValidationDataEmpty", "MlpOptions.ValidationData: must not be empty, not \"\"" },
        {
            "ValidationDataAndFraction",
            "MlpOptions.ValidationData: holds the held-out rows, so MlpOptions.ValidationFraction = 0.2 holds none out: give one of them"
        },
        { "SampleWeightEmpty", "MlpOptions.SampleWeightColumn: must not be empty, not \"\"" },
        { "ClassWeightNegative", "MlpOptions.ClassWeight: a class weight must be a finite number at least 0, not b=-1" },
        { "Loss", "MlpOptions.Loss: 'hinge' is not a registered loss (registered: " },
        { "Reduction", "MlpOptions.Reduction: must be one of Sum, Mean, not 9" },
        { "L2", "MlpOptions.L2: must be a finite number at least 0, not -0.001" },
        { "L1", "MlpOptions.L1: must be a finite number at least 0, not -0.001" },
        { "Optimizer", "MlpOptions.Optimizer: 'sgdx' is not a registered optimizer (registered: " },
        { "LearningRate0", "MlpOptions.LearningRate: must be a finite number greater than 0, not 0" },
        { "LearningRateInfinite", "MlpOptions.LearningRate: must be a finite number greater than 0, not Infinity" },
        { "Momentum", "MlpOptions.Momentum: must be at least 0 and below 1, not 1" },
        { "WeightDecay", "MlpOptions.WeightDecay: must be a finite number at least 0, not -1" },
        { "Schedule", "MlpOptions.Schedule: unknown learning-rate schedule 'linear' (expected " },
        { "ScheduleGamma", "MlpOptions.ScheduleGamma: must be greater than 0 and below 1, not 1" },
        { "ScheduleStep", "MlpOptions.ScheduleStep: must be at least 1, not 0" },
        { "ScheduleMinimum", "MlpOptions.ScheduleMinimum: must be a finite number at least 0, not -1" },
        { "PlateauFactor", "MlpOptions.PlateauFactor: must be greater than 0 and below 1, not 0" },
        { "PlateauPatience", "MlpOptions.PlateauPatience: must be at least 1, not 0" },
        { "PlateauMinimum", "MlpOptions.PlateauMinimum: must be a finite number at least 0, not -0.5" },
        { "GammaWithCosine", "MlpOptions.ScheduleGamma: applies to MlpOptions.Schedule = step or exponential, not to MlpOptions.Schedule = cosine" },
        { "StepWithExponential", "MlpOptions.ScheduleStep: applies to MlpOptions.Schedule = step, not to MlpOptions.Schedule = exponential" },
        { "MinimumWithStep", "MlpOptions.ScheduleMinimum: applies to MlpOptions.Schedule = cosine, not to MlpOptions.Schedule = step" },
        { "PlateauFactorWithStep", "MlpOptions.PlateauFactor: applies to MlpOptions.Schedule = plateau, not to MlpOptions.Schedule = step" },
        {
            "PlateauPatienceWithConstant",
            "MlpOptions.PlateauPatience: applies to MlpOptions.Schedule = plateau, not to MlpOptions.Schedule = constant"
        },
        {
            "PlateauMinimumWithAdaptive",
            "MlpOptions.PlateauMinimum: applies to MlpOptions.Schedule = plateau, not to MlpOptions.Schedule = adaptive"
        },
        { "SchedulePower", "MlpOptions.SchedulePower: must be a finite number at least 0, not -0.5" },
        {
            "SchedulePowerWithAdaptive",
            "MlpOptions.SchedulePower: applies to MlpOptions.Schedule = invscaling, not to MlpOptions.Schedule = adaptive"
        },
        { "MinimumAboveRate", "MlpOptions.ScheduleMinimum: must be below MlpOptions.LearningRate (0.001), not 0.001" },
        { "SolverSchedule", "MlpOptions.Schedule: step does not apply to lbfgs: its line search chooses each step's length" },
        { "SolverRate", "MlpOptions.LearningRate: does not apply to cg: its line search chooses each step's length" },
        { "SolverClip", "MlpOptions.ClipNorm: does not apply to lbfgs: its line search chooses how far to go along each direction" },
        {
            "SolverDropout",
            "MlpOptions.Dropout: does not apply to lbfgs: a new mask every evaluation would change the function its line search follows"
        },
        { "BatchSize", "MlpOptions.BatchSize: must be at least 1, not 0" },
        { "Epochs", "MlpOptions.Epochs: must be at least 0, not -1" },
        { "MaxFunctionEvaluations0", "MlpOptions.MaxFunctionEvaluations: must be at least 1, not 0" },
        {
            "MaxFunctionEvaluationsAdam",
            "MlpOptions.MaxFunctionEvaluations: caps a full-batch solver's evaluations (lbfgs, cg), but MlpOptions.Optimizer = adamw takes "
                + "mini-batch steps"
        },
        { "Patience0", "MlpOptions.Patience: must be at least 1, not 0" },
        { "Ensemble0", "MlpOptions.Ensemble: must be at least 1, not 0" },
        {
            "PatienceNothingHeld",
            "MlpOptions.Patience: needs held-out rows to watch: give MlpOptions.ValidationFraction or MlpOptions.ValidationData"
        },
        { "MinDelta", "MlpOptions.MinDelta: must be a finite number at least 0, not -0.01" },
        { "MonitorScoreWithoutPatience", "MlpOptions.Monitor: says what early stopping watches, but MlpOptions.Patience is not given" },
        { "ValidationFrequency", "MlpOptions.ValidationFrequency: must be at least 1, not 0" },
        { "Tolerance", "MlpOptions.Tolerance: must be a finite number at least 0, not -1E-05" },
        { "TargetLoss", "MlpOptions.TargetLoss: must be a finite number at least 0, not -1" },
        { "NoChangeEpochs", "MlpOptions.NoChangeEpochs: must be at least 1, not 0" },
        { "LossTolerance", "MlpOptions.LossTolerance: must be a finite number at least 0, not -0.001" },
        { "LossToleranceAlone", "MlpOptions.LossTolerance: is the improvement MlpOptions.NoChangeEpochs waits for, but it is not given" },
        { "ClipNorm", "MlpOptions.ClipNorm: must be a finite number greater than 0, not 0" },
        { "Precision", "MlpOptions.Precision: must be one of Double, Float, not 5" },
        {
            "WarmStartCosine",
            "MlpOptions.WarmStart: continues a run past its last epoch, but MlpOptions.Schedule = cosine spans one run's MlpOptions.Epochs"
        },
    };

    private static readonly Dictionary<string, MlpOptions> Bad = new()
    {
        ["HiddenLayers0"] = O with { HiddenLayers = [4, 0] },
        ["Activations3"] = O with { HiddenLayers = [4, 4], Activations = ["relu", "tanh", "relu"] },
        ["ActivationsNone"] = O with { HiddenLayers = [4, 4], Activations = [] },
        ["ActivationName"] = O with { Activations = ["relux"] },
        ["OutputActivationName"] = O with { OutputActivation = "nope" },
        ["Initializer"] = O with { Initializer = "zeros" },
        ["Dropout3"] = O with { HiddenLayers = [4, 4], Dropout = [0.1, 0.2, 0.3] },
        ["DropoutNoLayer"] = O with { HiddenLayers = [], Dropout = [0.1] },
        ["Dropout1.5"] = O with { Dropout = [1.5] },
        ["Dropout1"] = O with { HiddenLayers = [4, 4], Dropout = [0.5, 1] },
        ["DropoutNegative"] = O with { Dropout = [-0.1] },
        ["FeaturesTwice"] = O with { Features = ["a", "b", "a"] },
        ["OneHotEmpty"] = O with { OneHot = [" "] },
        ["StandardizeColumnsTwice"] = O with { StandardizeColumns = ["a", "a"] },
        ["StandardizeColumnsOff"] = O with { StandardizeColumns = ["a"], Standardize = false },
        ["RobustScaleOff"] = O with { RobustScale = true, Standardize = false },
        ["ScaleTargetClasses"] = O with { ScaleTarget = true, Classify = true },
        ["ScaleTargetSigmoid"] = O with { ScaleTarget = true, OutputActivation = "sigmoid" },
        ["ClassesOne"] = O with { Classes = ["a"] },
        ["Missing"] = O with { Missing = (Backprop.Data.Preprocessing.MissingValues)7 },
        ["MissingCategoriesUndefined"] = O with { MissingCategories = (Backprop.Data.Preprocessing.CategoryGaps)5 },
        ["MissingCategoriesNoFill"] = O with
        {
            Missing = Backprop.Data.Preprocessing.MissingValues.Drop, MissingCategories = Backprop.Data.Preprocessing.CategoryGaps.MostFrequent,
        },
        ["MissingIndicatorNoFill"] = O with { Missing = Backprop.Data.Preprocessing.MissingValues.Error, MissingIndicator = true },
        ["UnknownCategories"] = O with { UnknownCategories = (Backprop.Data.Preprocessing.UnknownCategories)9 },
        ["Delimiter"] = O with { Delimiter = ' ' },
        ["Decimal"] = O with { DecimalSeparator = ';' },
        ["MaxCategories"] = O with { MaxCategories = 1 },
        ["MatInputs"] = O with { MatInputs = "" },
        ["MatLabels"] = O with { MatLabels = " " },
        ["ValidationFraction1"] = O with { ValidationFraction = 1 },
        ["ValidationFractionNaN"] = O with { ValidationFraction = double.NaN },
        ["ValidationDataEmpty"] = O with { ValidationData = "" },
        ["ValidationDataAndFraction"] = O with { ValidationData = "held.csv", ValidationFraction = 0.2 },
        ["SampleWeightEmpty"] = O with { SampleWeightColumn = "" },
        ["ClassWeightNegative"] = O with { ClassWeight = ClassWeighting.Of(new Dictionary<string, double> { ["a"] = 2, ["b"] = -1 }) },
        ["Loss"] = O with { Loss = "hinge" },
        ["Reduction"] = O with { Reduction = (Backprop.Losses.Reduction)9 },
        ["L2"] = O with { L2 = -0.001 },
        ["L1"] = O with { L1 = -0.001 },
        ["Optimizer"] = O with { Optimizer = "sgdx" },
        ["LearningRate0"] = O with { LearningRate = 0 },
        ["LearningRateInfinite"] = O with { LearningRate = double.PositiveInfinity },
        ["Momentum"] = O with { Momentum = 1 },
        ["WeightDecay"] = O with { WeightDecay = -1 },
        ["Schedule"] = O with { Schedule = "linear" },
        ["ScheduleGamma"] = O with { Schedule = "step", ScheduleGamma = 1 },
        ["ScheduleStep"] = O with { Schedule = "step", ScheduleStep = 0 },
        ["ScheduleMinimum"] = O with { Schedule = "cosine", ScheduleMinimum = -1 },
        ["PlateauFactor"] = O with { Schedule = "plateau", PlateauFactor = 0 },
        ["PlateauPatience"] = O with { Schedule = "plateau", PlateauPatience = 0 },
        ["PlateauMinimum"] = O with { Schedule = "plateau", PlateauMinimum = -0.5 },
        ["GammaWithCosine"] = O with { Schedule = "cosine", ScheduleGamma = 0.5 },
        ["StepWithExponential"] = O with { Schedule = "exponential", ScheduleStep = 5 },
        ["MinimumWithStep"] = O with { Schedule = "step", ScheduleMinimum = 0.0001 },
        ["PlateauFactorWithStep"] = O with { Schedule = "step", PlateauFactor = 0.5 },
        ["PlateauPatienceWithConstant"] = O with { PlateauPatience = 3 },
        ["PlateauMinimumWithAdaptive"] = O with { Schedule = "adaptive", PlateauMinimum = 0.0001 },
        ["SchedulePower"] = O with { Schedule = "invscaling", SchedulePower = -0.5 },
        ["SchedulePowerWithAdaptive"] = O with { Schedule = "adaptive", SchedulePower = 0.25 },
        ["MinimumAboveRate"] = O with { Schedule = "cosine", ScheduleMinimum = 0.001 },
        ["SolverSchedule"] = O with { Optimizer = "lbfgs", Schedule = "step" },
        ["SolverRate"] = O with { Optimizer = "cg", LearningRate = 0.1 },
        ["SolverClip"] = O with { Optimizer = "lbfgs", ClipNorm = 1 },
        ["SolverDropout"] = O with { Optimizer = "lbfgs", Dropout = [0.2] },
        ["BatchSize"] = O with { BatchSize = 0 },
        ["Epochs"] = O with { Epochs = -1 },
        ["MaxFunctionEvaluations0"] = O with { Optimizer = "lbfgs", BatchSize = null, MaxFunctionEvaluations = 0 },
        ["MaxFunctionEvaluationsAdam"] = O with { MaxFunctionEvaluations = 10 },
        ["Patience0"] = O with { Patience = 0, ValidationFraction = 0.2 },
        ["Ensemble0"] = O with { Ensemble = 0 },
        ["PatienceNothingHeld"] = O with { Patience = 5, ValidationFraction = 0 },
        ["MinDelta"] = O with { MinDelta = -0.01 },
        ["MonitorScoreWithoutPatience"] = O with { ValidationFraction = 0.2, Monitor = EarlyStoppingMonitor.Score },
        ["ValidationFrequency"] = O with { ValidationFrequency = 0 },
        ["Tolerance"] = O with { Tolerance = -1e-5 },
        ["TargetLoss"] = O with { TargetLoss = -1 },
        ["NoChangeEpochs"] = O with { NoChangeEpochs = 0 },
        ["LossTolerance"] = O with { NoChangeEpochs = 5, LossTolerance = -1e-3 },
        ["LossToleranceAlone"] = O with { LossTolerance = 0.01 },
        ["ClipNorm"] = O with { ClipNorm = 0 },
        ["Precision"] = O with { Precision = (Precision)5 },
        ["WarmStartCosine"] = O with { WarmStart = true, Schedule = "cosine" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_bad_value_is_refused_with_a_message_naming_the_property(string label, string message)
    {
        var error = Assert.Throws<BackpropException>(() => Bad[label].Validate());
        if (message.EndsWith("(registered: ") || message.EndsWith("(expected ")) Assert.StartsWith(message, error.Message);
        else Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Every_rule_of_the_table_is_broken_by_a_case_and_every_case_breaks_one_rule()
    {
        var broken = Bad.Values.Select(o => MlpOptions.Rules.First(r => r.Problem(o) is not null)).ToHashSet();
        var unbroken = MlpOptions.Rules.Where(r => !broken.Contains(r)).Select(r => $"{r.Path.Name}: {r.Must}").ToList();
        Assert.True(unbroken.Count == 0, "no case breaks " + string.Join("; ", unbroken));
        Assert.Equal(Refused().Count, Bad.Count);
        Assert.Equal(72, MlpOptions.Rules.Count);
    }

    [Fact]
    public void The_CLI_prints_the_option_of_the_property()
    {
        using var names = SettingNames.Use(OptionNames.Instance);
        Assert.Equal("--dropout: a rate must be at least 0 and below 1, not 1.5",
            Assert.Throws<BackpropException>(() => Bad["Dropout1.5"].Validate()).Message);
        Assert.Equal("--plateau-factor: applies to --lr-schedule plateau, not to --lr-schedule cosine",
            Assert.Throws<BackpropException>(() => (O with { Schedule = "cosine", PlateauFactor = 0.5 }).Validate()).Message);
        Assert.Equal("--patience: needs held-out rows to watch: give --validation-split or --validation-data",
            Assert.Throws<BackpropException>(() => Bad["PatienceNothingHeld"].Validate()).Message);
    }

    /// <summary>The edges of every range, and the exclusions' allowed combinations.</summary>
    public static TheoryData<string> EdgeLabels() => [.. Edges.Keys];

    private static readonly Dictionary<string, MlpOptions> Edges = new()
    {
        ["defaults"] = O,
        ["no hidden layer"] = O with { HiddenLayers = [], Activations = ["relu"], Dropout = [] },
        ["width 1, one activation per layer"] = O with { HiddenLayers = [1, 1], Activations = ["tanh", "relu"] },
        ["dropout 0 and just below 1, per layer"] = O with { HiddenLayers = [3, 3], Dropout = [0, 0.9999999] },
        ["one dropout for both layers"] = O with { HiddenLayers = [3, 3], Dropout = [0.5] },
        ["registered names in any case"] = O with { Activations = ["ReLU"], OutputActivation = "softmax", Loss = "squared", Optimizer = "GD" },
        ["initialisers"] = O with { Initializer = "normal:0.5" },
        ["standardise some columns"] = O with { StandardizeColumns = ["a"] },
        ["two classes"] = O with { Classes = ["a", "b"] },
        ["tab, comma decimal, 2 categories"] = O with { Delimiter = '\t', DecimalSeparator = ',', MaxCategories = 2 },
        ["fraction 0 and just below 1"] = O with { ValidationFraction = 0.999999, Stratify = true, Patience = 1 },
        ["validation data with patience"] = O with { ValidationData = "held.csv", Patience = 3 },
        ["class weights 0 and balanced"] = O with { ClassWeight = ClassWeighting.Of(new Dictionary<string, double> { ["a"] = 0 }) },
        ["balanced"] = O with { ClassWeight = ClassWeighting.Balanced },
        ["zeros where 0 is allowed"] = O with { L2 = 0, Momentum = 0, WeightDecay = 0, MinDelta = 0, Tolerance = 0, TargetLoss = 0, Epochs = 0 },
        ["smallest positive"] = O with { LearningRate = double.Epsilon, ClipNorm = double.Epsilon, BatchSize = 1, ValidationFrequency = 1 },
        ["full batch"] = O with { BatchSize = null },
        ["step schedule with its parameters"] = O with { Schedule = "step", ScheduleGamma = 0.999, ScheduleStep = 1 },
        ["exponential with γ"] = O with { Schedule = "Exponential", ScheduleGamma = 1e-9 },
        ["cosine with a minimum just below η"] = O with { Schedule = "cosine", ScheduleMinimum = 0.00099 },
        ["plateau with its parameters"] = O with { Schedule = "plateau", PlateauFactor = 0.999, PlateauPatience = 1, PlateauMinimum = 1 },
        ["a solver with what it honours"] = O with { Optimizer = "lbfgs", Dropout = [0], L2 = 0.1, BatchSize = null },
        ["float"] = O with { Precision = Precision.Float },
        ["invscaling with power 0"] = O with { Schedule = "InvScaling", SchedulePower = 0 },
        ["a solver with a cap of 1 evaluation"] = O with { Optimizer = "cg", MaxFunctionEvaluations = 1 },
        ["adaptive with scikit-learn's stall"] = O with { Schedule = "adaptive", NoChangeEpochs = 10, LossTolerance = 0.5 },
    };

    [Theory]
    [MemberData(nameof(EdgeLabels))]
    public void The_edge_values_are_accepted(string label) => Edges[label].Validate();
}

using System.Collections;
using System.Reflection;
using Backprop.Data.Preprocessing;
using Backprop.Estimators;
using Backprop.Training.Weights;

namespace Backprop.Tests.Estimators;

/// <summary>
/// <see cref="MlpOptions"/> with every property at a value other than its default (<see cref="Options"/>), and the
/// reflection checks that keep it so: a property added to <see cref="MlpOptions"/> and not set here fails
/// <see cref="EnsureEveryPropertyIsSet"/>, so the tests that round-trip and compare options cover it.
/// </summary>
internal static class EveryOption
{
    public static readonly MlpOptions Options = new()
    {
        HiddenLayers = [5, 3],
        Activations = ["tanh", "relu"],
        OutputActivation = "sigmoid",
        Initializer = "uniform:0.3",
        Bias = false,
        Dropout = [0.25, 0.5],
        Features = ["a", "b", "c"],
        OneHot = ["b"],
        Standardize = false,
        StandardizeColumns = ["a"],
        RobustScale = true,
        Classify = true,
        ScaleTarget = false,
        Classes = ["1", "2", "3"],
        Missing = MissingValues.Median,
        MissingCategories = CategoryGaps.MostFrequent,
        MissingIndicator = true,
        UnknownCategories = UnknownCategories.Error,
        Delimiter = ';',
        DecimalSeparator = ',',
        MaxCategories = 12,
        MatInputs = "inputs",
        MatLabels = "labels",
        ValidationFraction = 0.3,
        ValidationData = "held/out.csv",
        Stratify = true,
        Shuffle = false,
        ShuffleEachEpoch = false,
        SampleWeightColumn = "w",
        ClassWeight = ClassWeighting.Of(new Dictionary<string, double> { ["1"] = 2, ["3"] = 0.5 }),
        Loss = "squared",
        Reduction = Backprop.Losses.Reduction.Sum,
        L2 = 0.0125,
        L1 = 0.0025,
        Optimizer = "momentum",
        LearningRate = 0.1 + 0.2, // 0.30000000000000004: written and read bit for bit
        Momentum = 0.8,
        WeightDecay = 0.02,
        Schedule = "plateau",
        ScheduleGamma = 0.5,
        ScheduleStep = 4,
        ScheduleMinimum = 1e-6,
        PlateauFactor = 0.25,
        PlateauPatience = 3,
        PlateauMinimum = 1e-5,
        SchedulePower = 0.25,
        BatchSize = null,
        Epochs = 77,
        MaxFunctionEvaluations = 123,
        Patience = 6,
        MinDelta = 1e-4,
        Monitor = EarlyStoppingMonitor.Score,
        ValidationFrequency = 2,
        Tolerance = 1e-7,
        TargetLoss = 0.05,
        NoChangeEpochs = 8,
        LossTolerance = 1e-3,
        ClipNorm = 2.5,
        Diagnostics = true,
        Seed = ulong.MaxValue,
        Precision = Precision.Float,
        WarmStart = true,
        Ensemble = 3,
    };

    public static IEnumerable<PropertyInfo> Properties => typeof(MlpOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance);

    /// <summary>Fails naming every property that <see cref="Options"/> leaves at its default.</summary>
    public static void EnsureEveryPropertyIsSet()
    {
        var defaults = new MlpOptions();
        var unset = Properties.Where(p => Same(p.GetValue(defaults), p.GetValue(Options))).Select(p => p.Name).ToList();
        Assert.True(unset.Count == 0,
            $"EveryOption.Options leaves {string.Join(", ", unset)} at the default: set it, so that saving and comparing it are tested");
    }

    /// <summary>Equal values: lists element by element, class weights by their weights, doubles bit for bit.</summary>
    public static bool Same(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (string x, string y) => x == y,
        (double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y),
        (ClassWeighting x, ClassWeighting y) => x.IsBalanced == y.IsBalanced
            && (x.Weights is null ? y.Weights is null : y.Weights is not null && x.Weights.Count == y.Weights.Count
                && x.Weights.All(w => y.Weights.TryGetValue(w.Key, out double v) && Same(w.Value, v))),
        (IEnumerable x, IEnumerable y) => x.Cast<object?>().Count() == y.Cast<object?>().Count()
            && x.Cast<object?>().Zip(y.Cast<object?>()).All(p => Same(p.First, p.Second)),
        _ => Equals(a, b),
    };
}

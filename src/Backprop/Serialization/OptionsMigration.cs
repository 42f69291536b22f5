using Backprop.Runs;
using System.Globalization;
using System.Text.RegularExpressions;
using Backprop.Data.Preprocessing;
using Backprop.Training.Weights;

namespace Backprop.Serialization;

/// <summary>
/// The <see cref="MlpOptions"/> of a model file written before the <c>options</c> section, rebuilt from what its layers,
/// preprocessing and training section record (<c>docs/model-format.md</c>, "Migration"). What a file does not record
/// keeps its default; what it records as used rather than as given (features, one-hot columns, classes) is taken as used.
/// </summary>
internal static partial class OptionsMigration
{
    /// <summary>The options of <paramref name="model"/>, and the properties its training section recorded as given.</summary>
    public static (MlpOptions Options, IReadOnlyList<string> Recorded) Of(ModelDocument model)
    {
        var recorded = new List<string>();
        var hidden = model.DenseLayers.SkipLast(1).ToList();
        var rates = HiddenDropout(model);
        var pre = model.Preprocessing;
        var numeric = pre?.Inputs.OfType<NumericColumn>().ToList() ?? [];
        var standardized = numeric.Where(c => c.Standardized).Select(c => c.Name).ToList();
        var options = new MlpOptions
        {
            HiddenLayers = hidden.Select(l => l.Units).ToArray(),
            Activations = hidden.Count == 0 ? new MlpOptions().Activations : OneOrEach(hidden.Select(l => l.Activation).ToList()),
            Bias = model.DenseLayers.All(l => l.Bias is not null),
            Dropout = rates.All(r => r == 0) ? [] : OneOrEach(rates),
            Features = pre?.Inputs.Select(c => c.Name).ToArray(),
            OneHot = pre?.Inputs.OfType<CategoricalColumn>().Where(c => c.Categories.All(IsNumber)).Select(c => c.Name).ToArray() ?? [],
            Standardize = standardized.Count > 0,
            StandardizeColumns = standardized.Count > 0 && standardized.Count < numeric.Count ? standardized : null,
            Classes = pre?.Target.Classes,
            Classify = pre?.Target.Classes is { } classes && classes.All(IsNumber),
            Missing = numeric.Any(c => c.Fill is not null) ? MissingValues.Mean : MissingValues.Error,
            ScaleTarget = pre?.Target.Mean is not null,
            RobustScale = numeric.Any(c => c.Clip),
        };
        recorded.AddRange(["HiddenLayers", "Activations", "Bias", "Dropout"]);
        string output = model.DenseLayers[^1].Activation;
        if (model.Training is not { } t)
            return (options with { OutputActivation = output }, [.. recorded, "OutputActivation"]);

        var loss = t.Loss is string name && Losses.LossRegistry.Contains(name) ? Losses.LossRegistry.Get(name) : null;
        options = options with
        {
            // A loss or output activation that is the target's default was (most likely) not given: null, as a new run leaves it.
            Loss = loss is not null && pre is not null && Training.TrainingDefaults.Loss(pre.Target).Name == loss.Name ? null : t.Loss,
            OutputActivation = loss is not null && pre is not null && Training.TrainingDefaults.OutputActivation(pre.Target, loss) == output
                ? null : output,
            Reduction = t.Reduction == "sum" ? Losses.Reduction.Sum : Losses.Reduction.Mean,
            L2 = t.L2,
            Optimizer = t.Optimizer ?? options.Optimizer,
            // A full-batch solver's line search chooses its steps: the learning rate a file records for it is not the run's.
            LearningRate = t.LearningRate > 0 && Training.Solvers.FullBatchSolver.Find(t.Optimizer ?? "") is null ? t.LearningRate
                : options.LearningRate,
            BatchSize = t.BatchSize,
            Epochs = t.Epochs,
            Seed = t.Seed ?? options.Seed,
            Precision = t.Precision == "float" ? Precision.Float : Precision.Double,
            ValidationFraction = t.ValidationSplit,
            // The rows were shuffled (or not) before the split even when none was held out: their order is the run's.
            Shuffle = t.Shuffle,
        };
        // A hand-written training section may leave out the loss, the reduction and the optimiser: what it does not record
        // is not compared on resuming.
        recorded.AddRange(new[] { "OutputActivation", t.Loss is null ? null : "Loss", t.Reduction is null ? null : "Reduction", "L2",
            t.Optimizer is null ? null : "Optimizer", "LearningRate", "BatchSize", "Precision", "ValidationFraction" }.OfType<string>());
        if (t.Seed is not null) recorded.Add("Seed");
        recorded.Add("Shuffle");
        options = Schedule(options, t.Settings?.Schedule ?? t.Schedule, recorded);
        if (t.Settings is not { } s) return (options, recorded);
        options = options with
        {
            ClipNorm = s.ClipNorm, Patience = s.Patience, MinDelta = s.MinDelta, ValidationFrequency = s.ValidationFrequency,
            SampleWeightColumn = s.SampleWeight, ValidationData = s.ValidationData, ClassWeight = ClassWeights(s.ClassWeights, pre),
        };
        recorded.AddRange(["ClipNorm", "Patience", "MinDelta", "ValidationFrequency", "SampleWeightColumn", "ValidationData", "ClassWeight"]);
        return (options, recorded);
    }

    /// <summary>The dropout rate after each hidden layer (0 where there is none).</summary>
    private static List<double> HiddenDropout(ModelDocument model)
    {
        var rates = new List<double>();
        for (int l = 0; l < model.Layers.Count - 1; l++)
            if (model.Layers[l].IsDense) rates.Add(model.Layers[l + 1] is { IsDense: false } next ? next.Rate ?? 0 : 0);
        return rates;
    }

    private static IReadOnlyList<T> OneOrEach<T>(IReadOnlyList<T> values) => values.Distinct().Count() == 1 ? [values[0]] : values;

    private static bool IsNumber(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    /// <summary>Class weights by class index, named by the target's classes (the classes a weight goes with).</summary>
    private static ClassWeighting? ClassWeights(IReadOnlyList<double>? weights, Preprocessor? pre) =>
        weights is null || pre?.Target.Classes is not { } classes || classes.Count != weights.Count ? null
            : ClassWeighting.Of(classes.Select((c, k) => (c, k)).ToDictionary(p => p.c, p => weights[p.k]));

    /// <summary>
    /// The schedule and its parameters from the schedule's name as <c>training.settings.schedule</c> records it
    /// (<c>step (γ 0.5 every 10 epochs)</c>), or its kind alone as <c>training.schedule</c> does in older files.
    /// </summary>
    private static MlpOptions Schedule(MlpOptions options, string schedule, List<string> recorded)
    {
        recorded.Add("Schedule");
        string kind = schedule.Split(' ', 2)[0];
        options = options with { Schedule = kind };
        static double N(Group g) => double.Parse(g.Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (StepName().Match(schedule) is { Success: true } step)
        {
            recorded.AddRange(["ScheduleGamma", "ScheduleStep"]);
            return options with { ScheduleGamma = N(step.Groups[1]), ScheduleStep = int.Parse(step.Groups[2].Value, CultureInfo.InvariantCulture) };
        }
        if (ExponentialName().Match(schedule) is { Success: true } exponential)
        {
            recorded.Add("ScheduleGamma");
            return options with { ScheduleGamma = N(exponential.Groups[1]) };
        }
        if (CosineName().Match(schedule) is { Success: true } cosine)
        {
            recorded.Add("ScheduleMinimum");
            return options with { ScheduleMinimum = N(cosine.Groups[1]) };
        }
        if (PlateauName().Match(schedule) is { Success: true } plateau)
        {
            recorded.AddRange(["PlateauFactor", "PlateauPatience", "PlateauMinimum"]);
            return options with
            {
                PlateauFactor = N(plateau.Groups[1]), PlateauPatience = int.Parse(plateau.Groups[2].Value, CultureInfo.InvariantCulture),
                PlateauMinimum = N(plateau.Groups[3]),
            };
        }
        return options;
    }

    private const string Number = @"([-+0-9.Ee]+)";

    [GeneratedRegex(@"^step \(γ " + Number + @" every (\d+) epochs\)$")]
    private static partial Regex StepName();

    [GeneratedRegex(@"^exponential \(γ " + Number + @"\)$")]
    private static partial Regex ExponentialName();

    [GeneratedRegex(@"^cosine \(to " + Number + @"\)$")]
    private static partial Regex CosineName();

    [GeneratedRegex(@"^plateau \(×" + Number + @" after (\d+) epochs without improvement, down to " + Number + @"\)$")]
    private static partial Regex PlateauName();
}

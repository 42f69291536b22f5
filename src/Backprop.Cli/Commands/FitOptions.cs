using System.CommandLine;
using System.Globalization;
using System.Numerics;
using Backprop.Data.Csv;
using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;
using Backprop.Estimators.Preparation;
using Backprop.Training;
using Backprop.Training.Schedules;
using Backprop.Training.Weights;

namespace Backprop.Cli.Commands;

/// <summary>
/// The train options of Keras's <c>fit</c> and scikit-learn's weights: class and sample weights, a validation file, the
/// plateau schedule and how much progress to print. TrainCommand adds them and asks this class for their values.
/// </summary>
internal static class FitOptions
{
    public static readonly Option<string?> ClassWeight = new("--class-weight") { Description = "how much each class counts in the loss: balanced (scikit-learn's n/(K·nₖ) from the training rows) or CLASS=W,… (other classes weigh 1)" };
    public static readonly Option<string?> SampleWeight = new("--sample-weight") { Description = "a column holding each row's weight in the loss (not a feature): the loss is Σ wℓ over Σ w, as scikit-learn's sample_weight" };
    public static readonly Option<string?> ValidationData = new("--validation-data") { Description = "a file with the same columns to validate on, prepared with the training rows' fitted preprocessing (Keras's validation_data); not with --validation-split" };
    public static readonly Option<double> PlateauFactor = new("--plateau-factor") { Description = "--lr-schedule plateau: multiply η by this when the monitored loss stops improving", DefaultValueFactory = _ => 0.1 };
    public static readonly Option<int> PlateauPatience = new("--plateau-patience") { Description = "--lr-schedule plateau: epochs without improvement (by 1e-4) before η is reduced", DefaultValueFactory = _ => 10 };
    public static readonly Option<double> MinLr = new("--min-lr") { Description = "--lr-schedule plateau: η never falls below this", DefaultValueFactory = _ => 0 };
    public static readonly Option<int?> Verbose = new("--verbose") { Description = "0: only the summary; 1: a live bar under one kept line per epoch (in a terminal, the default there); 2: one line per epoch, no bar (the default when output is not a terminal)" };

    static FitOptions()
    {
        OptionRange.Factor(PlateauFactor);
        OptionRange.AtLeast(PlateauPatience, 1);
        OptionRange.NotNegative(MinLr);
        OptionRange.AtLeast(Verbose, 0, 2);
        Verbose.Values(["0", "1", "2"]); // once, here: the options are shared by every tree CliApp builds
    }

    /// <summary>Adds these options to <c>train</c>.</summary>
    public static void AddTo(Command command)
    {
        foreach (var option in new Option[] { ClassWeight, SampleWeight, ValidationData, PlateauFactor, PlateauPatience, MinLr, Verbose })
            command.Options.Add(option);
    }

    /// <summary>evaluate's --class-weight (its own description: balanced there counts the evaluated rows).</summary>
    public static readonly Option<string?> EvaluateClassWeight = new("--class-weight") { Description = "weigh each class in the loss: balanced (n/(K·nₖ) from the evaluated rows) or CLASS=W,… (other classes weigh 1)" };

    /// <summary>evaluate's --sample-weight.</summary>
    public static readonly Option<string?> EvaluateSampleWeight = new("--sample-weight") { Description = "a column holding each row's weight in the loss (Σ wℓ over Σ w); not a feature" };

    /// <summary>Columns that are not features: the sample-weight column.</summary>
    public static IReadOnlyList<string> Excluded(ParseResult parse, IReadOnlyList<string> targets)
    {
        if (parse.GetValue(SampleWeight) is not string column) return [];
        if (targets.Contains(column)) throw new BackpropException($"--sample-weight {column}: the column is a target; the weights need a column of their own");
        return [column];
    }

    /// <summary>0, 1 or 2 as Keras's <c>verbose</c>: given, or 0 with --quiet, or 1 in a terminal and 2 elsewhere.</summary>
    public static int Verbosity(ParseResult parse, bool quiet, bool terminal)
    {
        int? given = parse.GetValue(Verbose);
        if (quiet && given is > 0) throw new BackpropException($"--quiet is --verbose 0: give one of them, not --quiet with --verbose {given}");
        return quiet ? 0 : given ?? (terminal ? 1 : 2);
    }

    /// <summary>--validation-split and --validation-data exclude each other.</summary>
    public static void EnsureOneValidation(ParseResult parse, Option<double> validationSplit)
    {
        if (parse.GetValue(ValidationData) is string file && parse.GetResult(validationSplit) is { Implicit: false })
            throw new BackpropException($"give --validation-split or --validation-data, not both (--validation-split {parse.GetValue(validationSplit).ToString(CultureInfo.InvariantCulture)}, --validation-data {file})");
    }

    /// <summary>The plateau schedule when <paramref name="schedule"/> is <c>plateau</c>; null otherwise (and its options refused).</summary>
    public static LearningRateSchedule? Plateau(ParseResult parse, string schedule)
    {
        bool plateau = schedule.Equals("plateau", StringComparison.OrdinalIgnoreCase);
        foreach (var option in new Option[] { PlateauFactor, PlateauPatience, MinLr })
            if (!plateau && parse.GetResult(option) is { Implicit: false })
                throw new BackpropException($"{option.Name} applies to --lr-schedule plateau, not to --lr-schedule {schedule}");
        return plateau ? new PlateauSchedule(parse.GetValue(PlateauFactor), parse.GetValue(PlateauPatience), parse.GetValue(MinLr)) : null;
    }

    /// <summary>--class-weight as given: balanced, or CLASS=W entries.</summary>
    public static ClassWeighting? ClassWeighting(string? text)
    {
        if (text is null) return null;
        if (text.Trim().Equals("balanced", StringComparison.OrdinalIgnoreCase)) return Training.Weights.ClassWeighting.Balanced;
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string entry in Parse.Entries("--class-weight", text))
        {
            int equals = entry.LastIndexOf('=');
            if (equals <= 0 || equals == entry.Length - 1)
                throw new BackpropException($"--class-weight: '{entry}' is not CLASS=W (give balanced, or e.g. --class-weight yes=3,no=1)");
            string name = entry[..equals].Trim(), number = entry[(equals + 1)..].Trim();
            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double w))
                throw new BackpropException($"--class-weight {entry}: '{number}' is not a number");
            if (!(w >= 0) || !double.IsFinite(w))
                throw new BackpropException($"--class-weight {entry}: a class weight must be a finite number ≥ 0");
            if (!weights.TryAdd(name, w)) throw new BackpropException($"--class-weight: class '{name}' is given twice");
        }
        return Training.Weights.ClassWeighting.Of(weights);
    }

    /// <summary>One weight per class index for <paramref name="data"/>'s classes, from <paramref name="text"/> (null when not given).</summary>
    public static double[]? ClassWeights(string? text, Preprocessor preprocessor, Data.Dataset data)
    {
        if (ClassWeighting(text) is not { } weighting) return null;
        if (preprocessor.Target.Classes is not { } classes)
            throw new BackpropException($"--class-weight {text}: the target is not a class label (a text target, or a numeric one with --classify)");
        return weighting.Resolve(classes, data.Targets);
    }

    /// <summary>The options with the run's class and sample weights for the training and validation rows.</summary>
    public static TrainingOptions Weighted(ParseResult parse, TrainingOptions options, PreparedData data) => options with
    {
        ClassWeights = ClassWeights(parse.GetValue(ClassWeight), data.Preprocessor, data.Train!), // train refuses weights for rows on disk
        SampleWeights = data.TrainWeights,
        ValidationSampleWeights = data.ValidationWeights,
    };

    /// <summary>The row weights of a held-out set under <paramref name="options"/>, for its loss in the summary; null when unweighted.</summary>
    public static Tensors.Matrix<double>? HeldOutWeights(TrainingOptions options, Data.Dataset data, IReadOnlyList<double>? sampleWeights) =>
        RowWeights.Of(data.Targets, sampleWeights, options.ClassWeights, "held-out");

    /// <summary>
    /// <paramref name="data"/> with the --validation-data file as its validation rows, encoded by the training rows'
    /// preprocessing, with their sample weights; unchanged without the option.
    /// </summary>
    public static PreparedData WithValidationFile<T>(ParseResult parse, PreparedData data, CsvReadOptions csv, string xName, string yName)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (parse.GetValue(ValidationData) is not string path) return data;
        var pre = data.Preprocessor;
        if (ArrayData.Is(path))
        {
            if (parse.GetValue(SampleWeight) is string column) throw new BackpropException($"--sample-weight {column}: images and MAT-files have no columns", path);
            return data with { Validation = ArrayData.Encode(path, ArrayData.Load(path, xName, yName), pre) };
        }
        var table = TableInput.Read(path, csv with { CategoricalColumns = pre.CategoricalColumns });
        var weights = parse.GetValue(SampleWeight) is string weightColumn ? SampleWeightColumn.Read(table, weightColumn) : null;
        return data with { Validation = pre.Encode<T>(table), ValidationWeights = weights };
    }
}

using System.Globalization;
using System.Text;
using Backprop.Diagnostics;
using Backprop.Training.Weights;

namespace Backprop.Cli;

/// <summary>
/// The CLI's names for the library's settings (<see cref="Setting"/>): while a command runs (<see cref="CliApp.Run"/>
/// installs them), a message the library throws names the option the user typed — <c>--validation-split 0.99 leaves
/// no rows</c>, <c>give --missing drop</c> — where a C# caller reads <c>PreparationOptions.ValidationSplit</c> and
/// <c>PreprocessingOptions.Missing = MissingValues.Drop</c>.
/// </summary>
internal sealed class OptionNames : SettingNames
{
    /// <summary>The names, installed once per command.</summary>
    public static OptionNames Instance { get; } = new();

    /// <summary>The option of each setting (an alias of a setting is named by its root's entry).</summary>
    internal static readonly IReadOnlyDictionary<Setting, string> Options = new Dictionary<Setting, string>
    {
        [Setting.Delimiter] = "--delimiter",
        [Setting.DecimalSeparator] = "--decimal",
        [Setting.MaxCategories] = "--max-categories",
        [Setting.Targets] = "--target",
        [Setting.Features] = "--features",
        [Setting.ClassifyNumericTarget] = "--classify",
        [Setting.Classes] = "--classes",
        [Setting.Missing] = "--missing",
        [Setting.ValidationSplit] = "--validation-split",
        [Setting.Shuffle] = "--shuffle",
        [Setting.ScaleTarget] = "--scale-target",
        [Setting.RobustScale] = "--standardize",
        [Setting.Stratify] = "--stratify",
        [Setting.SampleWeight] = "--sample-weight",
        [Setting.ClassWeight] = "--class-weight",
        [Setting.ClassWeightByClass] = "CLASS=W,…", // --class-weight's per-class form, as its help spells it
        [Setting.XName] = "--x-var",
        [Setting.YName] = "--y-var",
        [Setting.CachePath] = "--cache-dir",
        [Setting.MemoryBudget] = "--memory-budget",
        [Setting.Folds] = "--folds",
        [Setting.Grid] = "--grid",
        [Setting.RandomSpace] = "--random",
        [Setting.RandomCount] = "--random",
        [Setting.Scoring] = "--scoring",
        [Setting.ProgressPath] = "--out",
        [Setting.Epochs] = "--epochs",
        [Setting.Seed] = "--seed",
        [Setting.BatchSize] = "--batch-size",
        [Setting.Optimizer] = "--optimizer",
        [Setting.LearningRate] = "--lr",
        [Setting.Schedule] = "--lr-schedule",
        [Setting.Loss] = "--loss",
        [Setting.Reduction] = "--reduction",
        [Setting.L2] = "--l2",
        [Setting.L1] = "--l1",
        [Setting.Precision] = "--precision",
        [Setting.WarmStart] = "--warm-start",
        [Setting.Rows] = "--data",
        [Setting.StartModel] = "--model",
        [Setting.ExplainSteps] = "--steps",
        [Setting.ExplainLayer] = "--layer",
        [Setting.ExplainSample] = "--sample",
        [Setting.ExplainBeta1] = "--beta1",
        [Setting.ExplainBeta2] = "--beta2",
        [Setting.ExplainRho] = "--rho",
        [Setting.ExplainEpsilon] = "--epsilon",
        [Setting.HiddenLayers] = "--layers",
        [Setting.Activations] = "--activation",
        [Setting.OutputActivation] = "--output-activation",
        [Setting.NoBias] = "--no-bias",
        [Setting.Dropout] = "--dropout",
        [Setting.Patience] = "--patience",
        [Setting.ValidationData] = "--validation-data",
        [Setting.Standardize] = "--standardize",
        [Setting.OneHot] = "--one-hot",
        [Setting.ClipNorm] = "--clip-norm",
        [Setting.MinDelta] = "--min-delta",
        [Setting.Monitor] = "--monitor",
        [Setting.ValidationFrequency] = "--validation-freq",
        [Setting.StandardizeColumns] = "--standardize",
        [Setting.Initializer] = "--init",
        [Setting.Momentum] = "--momentum",
        [Setting.WeightDecay] = "--weight-decay",
        [Setting.ScheduleGamma] = "--lr-gamma",
        [Setting.ScheduleStep] = "--lr-step",
        [Setting.ScheduleMinimum] = "--lr-min",
        [Setting.PlateauFactor] = "--plateau-factor",
        [Setting.PlateauPatience] = "--plateau-patience",
        [Setting.PlateauMinimum] = "--min-lr",
        [Setting.Tolerance] = "--tolerance",
        [Setting.TargetLoss] = "--target-loss",
        [Setting.Diagnostics] = "--diagnostics",
        [Plotting.Rendering.PlotSettings.MaxEdges] = "--max-edges",
        [Plotting.Rendering.PlotSettings.DigitCount] = "--count",
        [Plotting.Rendering.PlotSettings.PicturePath] = "--out",
    };

    private OptionNames()
    {
    }

    /// <summary>The option, or the library's name of a setting the CLI has no option for.</summary>
    public override string Name(Setting setting) =>
        Options.TryGetValue(setting, out string? option) ? option : Commands.RunOption.OptionOf(setting) ?? base.Name(setting);

    /// <summary>The option and its value as typed: <c>--missing drop</c>; a flag alone for true (<c>--shuffle</c>).</summary>
    public override string Assignment(Setting setting, object value) => value is true ? Name(setting) : $"{Name(setting)} {Value(value)}";

    /// <summary>A value as the shell takes it: enum members in kebab case, a character quoted when the shell would read it, <c>balanced</c> or
    /// <c>CLASS=W,…</c> class weights.</summary>
    protected override string Value(object value) => value switch
    {
        Enum member => Kebab(member.ToString()),
        char c => char.IsAsciiLetterOrDigit(c) || ".,-_/:=+".Contains(c) ? c.ToString() : $"'{c}'",
        ClassWeighting { IsBalanced: true } => "balanced",
        ClassWeighting weights => string.Join(",", weights.Weights!.Select(w => $"{w.Key}={w.Value.ToString("G10", CultureInfo.InvariantCulture)}")),
        _ => base.Value(value),
    };

    /// <summary>A saved or given value as the options say it: <c>--no-bias on</c>, <c>--standardize robust</c>, enum members in kebab case.</summary>
    protected internal override string? Shown(Setting setting, object? value) => value switch
    {
        bool b when setting.Equals(Setting.Bias) => b ? "off" : "on",
        bool b when setting.Equals(Setting.RobustScale) => b ? "robust" : "by mean and standard deviation",
        bool b when setting.Equals(Setting.Standardize) => b ? "on" : "none",
        Enum member => Kebab(member.ToString()),
        _ => null,
    };

    private static string Kebab(string name)
    {
        var text = new StringBuilder();
        foreach (char c in name)
        {
            if (char.IsUpper(c) && text.Length > 0) text.Append('-');
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}

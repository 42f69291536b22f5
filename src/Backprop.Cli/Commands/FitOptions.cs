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
    public static readonly Option<string?> ClassWeight =
        new("--class-weight") { Description =
            "how much each class counts in the loss: balanced (scikit-learn's n/(K·nₖ) from the training rows) or CLASS=W,… (other classes weigh 1)"
                };
    public static readonly Option<string?> SampleWeight =
        new("--sample-weight") { Description =
            "a column holding each row's weight in the loss (not a feature): the loss is Σ wℓ over Σ w, as scikit-learn's sample_weight" };
    public static readonly Option<string?> ValidationData =
        new("--validation-data") { Description =
            "a file with the same columns to validate on, prepared with the training rows' fitted preprocessing (Keras's validation_data); not " +
                "with --validation-split" };
    public static readonly Option<double> PlateauFactor =
        new("--plateau-factor") { Description = "--lr-schedule plateau: multiply η by this when the monitored loss stops improving",
            DefaultValueFactory = _ => 0.1 };
    public static readonly Option<int> PlateauPatience =
        new("--plateau-patience") { Description = "--lr-schedule plateau: epochs without improvement (by 1e-4) before η is reduced",
            DefaultValueFactory = _ => 10 };
    public static readonly Option<double> MinLr =
        new("--min-lr") { Description = "--lr-schedule plateau: η never falls below this", DefaultValueFactory = _ => 0 };
    public static readonly Option<int?> Verbose =
        new("--verbose") { Description =
            "0: only the summary; 1: a live bar under one kept line per epoch (in a terminal, the default there); 2: one line per epoch, no bar " +
                "(the default when output is not a terminal)" };

    static FitOptions()
    {
        OptionRange.Factor(PlateauFactor);
        OptionRange.AtLeast(PlateauPatience, 1);
        OptionRange.NotNegative(MinLr);
        OptionRange.AtLeast(Verbose, 0, 2);
        Verbose.Values(["0", "1", "2"]); // once, here: the options are shared by every tree CliApp builds
    }

    /// <summary>evaluate's --class-weight (its own description: balanced there counts the evaluated rows).</summary>
    public static readonly Option<string?> EvaluateClassWeight =
        new("--class-weight") { Description =
            "weigh each class in the loss: balanced (n/(K·nₖ) from the evaluated rows) or CLASS=W,… (other classes weigh 1)" };

    /// <summary>evaluate's --sample-weight.</summary>
    public static readonly Option<string?> EvaluateSampleWeight =
        new("--sample-weight") { Description = "a column holding each row's weight in the loss (Σ wℓ over Σ w); not a feature" };

    /// <summary>0, 1 or 2 as Keras's <c>verbose</c>: given, or 0 with --quiet, or 1 in a terminal and 2 elsewhere.</summary>
    public static int Verbosity(ParseResult parse, bool quiet, bool terminal)
    {
        int? given = parse.GetValue(Verbose);
        if (quiet && given is > 0) throw new BackpropException($"--quiet is --verbose 0: give one of them, not --quiet with --verbose {given}");
        return quiet ? 0 : given ?? (terminal ? 1 : 2);
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
}

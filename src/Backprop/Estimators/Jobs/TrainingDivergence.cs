using System.Globalization;
using Backprop.Data;
using Backprop.Diagnostics;
using Backprop.Serialization;
using Backprop.Training;

namespace Backprop.Estimators.Jobs;

/// <summary>
/// A run whose loss stopped being finite: where its last good weights go (never over an existing file: beside
/// <c>--out</c> as <c>NAME.diverged.json</c>, or <c>--out</c> itself when it does not exist yet), and what to change,
/// from the scale of the data: inputs or targets of a million and more overflow whatever the learning rate.
/// </summary>
internal sealed class TrainingDivergence
{
    private readonly TrainingResult _result;
    private readonly string? _outPath;

    /// <summary>Whether the run diverged: stopped on a non-finite loss, or ended with a non-finite loss on the training rows.</summary>
    public static bool Happened(TrainingResult result) =>
        result.StopReason == StopReason.Diverged || !double.IsFinite(result.FinalLoss) || !double.IsFinite(result.FinalRmse);

    /// <summary>The divergence of <paramref name="result"/>, to be saved beside <paramref name="outPath"/> and never over one of
    /// <paramref name="inputs"/>.</summary>
    /// <remarks>With no <paramref name="outPath"/> (a run that writes no file) the weights are kept in memory only.</remarks>
    public TrainingDivergence(TrainingResult result, string? outPath, IEnumerable<string?> inputs)
    {
        (_result, _outPath) = (result, outPath);
        Kept = result with { History = result.History.Where(h => double.IsFinite(h.Loss) && double.IsFinite(h.Rmse)).ToList(), StopReason =
            StopReason.Diverged };
        if (outPath is null) return;
        string candidate = File.Exists(outPath) ? DivergedPath(outPath) : outPath;
        KeptPath = inputs.Any(i => i is not null && OutputPath.SameFile(candidate, i)) ? null : candidate;
    }

    /// <summary>The run as it is saved: its finite epochs, stopped by divergence.</summary>
    public TrainingResult Kept { get; }

    /// <summary>Where the weights are saved; null when that file would be one of the inputs.</summary>
    public string? KeptPath { get; }

    /// <summary><c>model.json</c> → <c>model.diverged.json</c>, in the same folder.</summary>
    public static string DivergedPath(string outPath) =>
        Path.Combine(Path.GetDirectoryName(outPath) ?? "", Path.GetFileNameWithoutExtension(outPath) + ".diverged" + Path.GetExtension(outPath));

    /// <summary>The one line that says what happened, where the weights are and what to change.</summary>
    public string Describe(DataScale scale, double learningRate)
    {
        int good = Kept.History.Count == 0 ? 1 : Math.Max(1, Kept.History[^1].Epoch);
        string what = _result.StopReason == StopReason.Diverged
            ? $"training diverged at epoch {_result.Epochs} (the loss became {Fmt(_result.History[^1].Loss)}); the last good weights (from the " +
                $"start of epoch {good})"
            : $"training diverged: after epoch {_result.Epochs} the loss on the training rows is {Fmt(_result.FinalLoss)} (the last steps sent the " +
                $"weights out of range); those weights";
        string where = _outPath is null ? " are kept in the estimator (no file was asked for)"
            : KeptPath is null ? " are not saved (the file for them is an input)"
            : $" are saved in {KeptPath}" + (KeptPath != _outPath ? $" ({_outPath} is left as it was)" : "");
        return $"{what}{where}; {Advice(scale, learningRate)}";
    }

    /// <summary>The likely cause and its fix, from the data's scale and the learning rate.</summary>
    public static string Advice(DataScale scale, double learningRate)
    {
        var causes = new List<string>();
        var fixes = new List<string>();
        if (scale.LargeInputs)
        {
            causes.Add($"the inputs reach {Sci(scale.Input)} (column '{scale.InputColumn}')");
            fixes.Add($"standardise the inputs ({Setting.Standardize}) or remove the outlying rows");
        }
        if (scale.LargeTargets)
        {
            causes.Add($"the targets reach {Sci(scale.Target)} (column '{scale.TargetColumn}')");
            fixes.Add($"scale the targets down (divide them by {Sci(Math.Pow(10, Math.Floor(Math.Log10(scale.Target))))})");
        }
        if (causes.Count > 0) return $"{string.Join(" and ", causes)}, so the data's scale is the likely cause: {string.Join(" and ", fixes)}";
        return $"the inputs and targets are within ±{Sci(Math.Max(scale.Input, scale.Target))}, so the learning rate is the likely cause: lower " +
            $"{Setting.LearningRate} (now {Fmt(learningRate)}) and try again";
    }

    private static string Sci(double v) => double.IsFinite(v) ? v.ToString(v is >= 1e-3 and < 1e6 ? "0.###" : "0.##e+0", CultureInfo.InvariantCulture)
        : v.ToString(CultureInfo.InvariantCulture);

    private static string Fmt(double v) => v.ToString("G10", CultureInfo.InvariantCulture);
}

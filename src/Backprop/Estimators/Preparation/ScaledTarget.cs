using System.Globalization;
using System.Numerics;
using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;

namespace Backprop.Estimators.Preparation;

/// <summary>
/// The target standardisation of prepared data (<see cref="PreprocessingOptions.ScaleTarget"/>): fitted on the training
/// rows, weighted by their sample weights, when the target is numbers and no fitted preprocessing was given (a start or
/// resumed model keeps its own, whether it has one or not); and the note that tells how a numeric target was taken.
/// </summary>
internal static class ScaledTarget
{
    /// <summary><paramref name="data"/> with its target's mean and scale, when <paramref name="options"/> ask for them, and its note.</summary>
    public static PreparedData Fit<T>(PreparedData data, PreparationOptions options) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var pre = data.Preprocessor;
        if (pre.Target.Classes is { } classes)
            return classes.Count * 2 > data.TrainCount && pre.Target.Columns.Count == 1 ? data with { Warnings = [.. data.Warnings,
                $"the target '{Shown.Value(pre.Target.Columns[0])}' has {classes.Count} classes for {data.TrainCount} training rows, most of them " +
                $"one row each: if its values are amounts to predict, leave out {Setting.ClassifyNumericTarget}"] } : data;
        if (options.Fitted is null && options.Preprocessing.ScaleTarget && pre.Target.Mean is null)
            data = data with { Preprocessor = pre with { Target = TargetScaling.Fit(pre.Target, data.TrainRows<T>(), data.TrainWeights) } };
        return data with { Notes = [.. data.Notes, Note<T>(data)] };
    }

    private static string Note<T>(PreparedData data) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var target = data.Preprocessor.Target;
        string note;
        if (target.Columns.Count == 1)
        {
            var values = new List<double>();
            TargetScaling.Visit(data.TrainRows<T>(), (_, t) => values.Add(double.CreateChecked(t[0])));
            note = TargetKind.Note(target.Columns[0], values);
        }
        else note = $"the targets {string.Join(", ", target.Columns.Select(c => $"'{Shown.Value(c)}'"))} are predicted as numbers (regression)";
        if (target is { Mean: { } mean, Scale: { } scale })
            note += $"; standardised for training (mean {Join(mean)}, scale {Join(scale)}), so the epochs' loss and rmse are in its standard " +
                $"deviations ({Setting.ScaleTarget.With(false)} trains on it as it is)";
        return note;
    }

    private static string Join(IReadOnlyList<double> values) => string.Join(", ", values.Select(v => v.ToString("G4", CultureInfo.InvariantCulture)));
}

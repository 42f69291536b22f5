using Backprop.Runs;
using System.Collections;
using System.Globalization;
using Backprop.Diagnostics;
using Backprop.Estimators;
using Backprop.Serialization;
using Backprop.Training.Weights;

namespace Backprop.Estimators.Jobs;

/// <summary>
/// A resumed run's options against the saved run's, property by property: a resumed run must end as the uninterrupted
/// run would, so every property must be the saved one but those in <see cref="MayChange"/>.
/// </summary>
internal static partial class ResumeCheck
{
    /// <summary>
    /// The properties a resumed run may give otherwise: <see cref="MlpOptions.Epochs"/> (to run longer; the checkpoint's
    /// epoch is checked separately) and <see cref="MlpOptions.Diagnostics"/> (what is recorded, not what is trained).
    /// </summary>
    public static IReadOnlyList<string> MayChange { get; } = [nameof(MlpOptions.Epochs), nameof(MlpOptions.Diagnostics)];

    /// <summary>
    /// Every property of <paramref name="given"/> that is not <paramref name="saved"/>'s, except <see cref="MayChange"/>,
    /// with both values in words, in the order of <see cref="MlpOptions"/>. <see cref="MlpOptions.ValidationData"/> is
    /// compared by file name (the run may be resumed from another folder).
    /// </summary>
    /// <param name="saved">The saved run's options (<see cref="Serialization.ModelDocument.Options"/>).</param>
    /// <param name="given">The options of the run that continues it.</param>
    /// <param name="compared">
    /// The properties to compare (those an older file recorded: <see cref="Serialization.ModelDocument.MigratedOptions"/>); null for all.
    /// </param>
    public static IReadOnlyList<OptionDifference> Differences(MlpOptions saved, MlpOptions given, IReadOnlyCollection<string>? compared = null)
    {
        ArgumentNullException.ThrowIfNull(saved);
        ArgumentNullException.ThrowIfNull(given);
        var differences = new List<OptionDifference>();
        foreach (var property in OptionCatalog.Properties)
        {
            if (MayChange.Contains(property.Name) || compared is not null && !compared.Contains(property.Name)) continue;
            // A full-batch solver's line search chooses its steps: the learning rate means nothing to it.
            if (property.Name == nameof(MlpOptions.LearningRate) && Training.Solvers.FullBatchSolver.Find(given.Optimizer) is not null) continue;
            var setting = OptionCatalog.Of(property.Name);
            string was = Words(setting, property.GetValue(saved)), now = Words(setting, property.GetValue(given));
            if (property.Name == nameof(MlpOptions.ValidationData)) (was, now) = (FileName(saved.ValidationData), FileName(given.ValidationData));
            if (was != now) differences.Add(new OptionDifference(setting, was, now));
        }
        return differences;
    }

    /// <summary>
    /// Refuses (naming <paramref name="path"/>) to continue a run saved with <paramref name="saved"/> with
    /// <paramref name="given"/> when <see cref="Differences"/> finds any: <c>m.json: MlpOptions.LearningRate is 0.01 in the
    /// saved run, 0.001 now: resume with the options it was started with</c> (the CLI names its options instead).
    /// </summary>
    /// <exception cref="BackpropException">A property differs.</exception>
    public static void EnsureSameOptions(MlpOptions saved, MlpOptions given, string path, IReadOnlyCollection<string>? compared = null)
    {
        var differences = Differences(saved, given, compared);
        if (differences.Count > 0)
            throw new BackpropException($"{string.Join("; ", differences)}: resume with the options it was started with", path);
    }

    /// <summary>
    /// <see cref="EnsureSameOptions(MlpOptions, MlpOptions, string, IReadOnlyCollection{string}?)"/> for the documents of
    /// the saved run and of the run that continues it: each one's options section, or for a document without one (a file
    /// written before it, a run given no <see cref="MlpOptions"/>) the options rebuilt from what it records, compared where
    /// both record them.
    /// </summary>
    /// <exception cref="BackpropException">A property differs.</exception>
    public static void EnsureSameOptions(ModelDocument saved, ModelDocument continued, string path)
    {
        var (was, wasRecorded) = saved.Options is { } options ? (options, saved.MigratedOptions) : OptionsMigration.Of(saved);
        var (now, nowRecorded) = continued.Options is { } given ? (given, null) : OptionsMigration.Of(continued);
        // Rebuilt from the continued run's document, the network's properties are the saved network's: not compared.
        if (continued.Options is null) nowRecorded = [.. nowRecorded!.Except(NetworkProperties)];
        var compared = wasRecorded is null ? nowRecorded : nowRecorded is null ? wasRecorded : [.. wasRecorded.Intersect(nowRecorded)];
        EnsureSameOptions(was, now, path, compared);
    }

    private static readonly string[] NetworkProperties = [nameof(MlpOptions.HiddenLayers), nameof(MlpOptions.Activations),
        nameof(MlpOptions.OutputActivation), nameof(MlpOptions.Bias), nameof(MlpOptions.Dropout)];

    /// <summary>A value in words: <c>none</c> for null, lists in brackets, numbers exactly (shortest round trip), class weights as given.</summary>
    private static string Show(object? value) => value switch
    {
        null => "none",
        string text => text,
        double v => v.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        ClassWeighting { IsBalanced: true } => "balanced",
        ClassWeighting weights => string.Join(",",
            weights.Weights!.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => $"{w.Key}={Show(w.Value)}")),
        IEnumerable list => "[" + string.Join(",", list.Cast<object?>().Select(Show)) + "]",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>A value as the caller names it (<see cref="SettingNames.Shown"/>), else in the library's words.</summary>
    private static string Words(Setting setting, object? value) => SettingNames.Current.Shown(setting, value) ?? Show(value);

    private static string FileName(string? path) => path is null ? "none" : Path.GetFileName(path);
}

/// <summary>A property of the options that a resumed run gives otherwise than the saved run.</summary>
/// <param name="Setting">The property (named as the caller names it: <c>MlpOptions.LearningRate</c>, or the CLI's option).</param>
/// <param name="Saved">Its value in the saved run, in words.</param>
/// <param name="Given">Its value now.</param>
internal sealed record OptionDifference(Setting Setting, string Saved, string Given)
{
    /// <summary><c>MlpOptions.LearningRate is 0.01 in the saved run, 0.001 now</c>.</summary>
    public override string ToString() => $"{Setting} is {Saved} in the saved run, {Given} now";
}

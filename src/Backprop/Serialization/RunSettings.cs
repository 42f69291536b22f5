using System.Globalization;
using Backprop.Training;

namespace Backprop.Serialization;

/// <summary>
/// The settings of a run that change its weights but that the rest of the training section does not hold: the
/// schedule's parameters, gradient clipping, early stopping, how often the held-out rows are measured, and the class
/// and sample weights and validation file. A model file records them (<c>training.settings</c>) so that a resumed run
/// given other values is refused instead of silently becoming another run; null means "none" for each.
/// </summary>
internal sealed record RunSettings
{
    /// <summary>The learning-rate schedule with its parameters, e.g. <c>step (γ 0.5 every 10 epochs)</c>.</summary>
    public string Schedule { get; init; } = "constant";

    /// <summary>The gradient norm clipped to; null for none.</summary>
    public double? ClipNorm { get; init; }

    /// <summary>Early stopping's patience in epochs; null for none.</summary>
    public int? Patience { get; init; }

    /// <summary>The least fall of the held-out loss that counts as an improvement.</summary>
    public double MinDelta { get; init; }

    /// <summary>The held-out rows are measured every this many epochs.</summary>
    public int ValidationFrequency { get; init; } = 1;

    /// <summary>A weight per class index; null for none.</summary>
    public IReadOnlyList<double>? ClassWeights { get; init; }

    /// <summary>The column of sample weights; null for none.</summary>
    public string? SampleWeight { get; init; }

    /// <summary>The file of held-out rows (without its folder), when they came from a file of their own; null otherwise.</summary>
    public string? ValidationData { get; init; }

    /// <summary>The settings of a run with <paramref name="options"/> on <paramref name="run"/>'s data.</summary>
    public static RunSettings Of(TrainingOptions options, TrainingRun? run) => new()
    {
        Schedule = options.Schedule.Name, ClipNorm = options.ClipNorm, Patience = options.Patience, MinDelta = options.MinDelta,
        ValidationFrequency = options.ValidationFrequency, ClassWeights = options.ClassWeights?.ToArray(),
        SampleWeight = run?.SampleWeight, ValidationData = run?.ValidationData,
    };

    /// <summary>Each setting of this run that <paramref name="now"/> has otherwise, as (setting, was, now) in words.</summary>
    public IEnumerable<(Diagnostics.Setting Setting, string Was, string Now)> Differences(RunSettings now)
    {
        static string N(double? v) => v is double d ? d.ToString("G10", CultureInfo.InvariantCulture) : "none";
        static string W(IReadOnlyList<double>? w) => w is null ? "none"
            : string.Join(",", w.Select(x => x.ToString("G10", CultureInfo.InvariantCulture)));
        var pairs = new (Diagnostics.Setting, string, string)[]
        {
            (Diagnostics.Setting.Schedule, Schedule, now.Schedule),
            (Diagnostics.Setting.ClipNorm, N(ClipNorm), N(now.ClipNorm)),
            (Diagnostics.Setting.Patience, Patience?.ToString(CultureInfo.InvariantCulture) ?? "none",
                now.Patience?.ToString(CultureInfo.InvariantCulture) ?? "none"),
            (Diagnostics.Setting.MinDelta, N(MinDelta), N(now.MinDelta)),
            (Diagnostics.Setting.ValidationFrequency, ValidationFrequency.ToString(CultureInfo.InvariantCulture),
                now.ValidationFrequency.ToString(CultureInfo.InvariantCulture)),
            (Diagnostics.Setting.ClassWeight, W(ClassWeights), W(now.ClassWeights)),
            (Diagnostics.Setting.SampleWeight, SampleWeight ?? "none", now.SampleWeight ?? "none"),
            (Diagnostics.Setting.ValidationData, ValidationData ?? "none", now.ValidationData ?? "none"),
        };
        return pairs.Where(p => p.Item2 != p.Item3);
    }
}

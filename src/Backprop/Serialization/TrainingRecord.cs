using Backprop.Data.Preprocessing;
using Backprop.Layers;
using Backprop.Training;

namespace Backprop.Serialization;

/// <summary>
/// What a run leaves in its model file: the network, how its table was prepared, and the training summary with every
/// epoch's history. The CLI's <c>train</c> and the library's estimators write the same file through it.
/// </summary>
internal static class TrainingRecord
{
    /// <summary>
    /// A held-out measure of every epoch of <paramref name="history"/>: one entry per epoch, NaN where an epoch was not
    /// measured (<see cref="TrainingOptions.ValidationFrequency"/>), empty when none was.
    /// </summary>
    public static double[] PerEpoch(IReadOnlyList<EpochRecord> history, Func<ValidationRecord, double?> measure) =>
        history.Any(h => h.Validation is { } v && measure(v) is not null)
            ? history.Select(h => h.Validation is { } v ? measure(v) ?? double.NaN : double.NaN).ToArray()
            : [];

    /// <summary>The summary of a run with <paramref name="options"/> whose epochs are <paramref name="history"/>; <paramref name="result"/> is null
    /// for a checkpoint taken mid-run.</summary>
    public static TrainingSummary Summary(TrainingOptions options, IReadOnlyList<EpochRecord> history, TrainingResult? result)
    {
        return new TrainingSummary
        {
            Loss = options.Objective.Loss.Name,
            Reduction = options.Objective.Reduction.ToString().ToLowerInvariant(),
            L2 = options.Objective.L2,
            Optimizer = options.Solver?.Name ?? options.Optimizer.Name,
            LearningRate = options.LearningRate,
            BatchSize = options.BatchSize,
            Seed = options.Seed,
            Schedule = options.Schedule.Kind,
            Epochs = history.Count,
            StopReason = result?.StopReason.ToString() ?? "Checkpoint",
            FinalLoss = result is { FinalLoss: var final } && double.IsFinite(final) ? final : null,
            LossHistory = history.Select(h => h.Loss).ToArray(),
            RmseHistory = history.Select(h => h.Rmse).ToArray(),
            ValidationLossHistory = PerEpoch(history, v => v.Loss),
            ValidationRmseHistory = PerEpoch(history, v => v.Rmse),
            ValidationAccuracyHistory = PerEpoch(history, v => v.Accuracy),
            GradientNormHistory = GradientNorms(history),
        };
    }

    /// <summary>
    /// Per layer, each epoch's gradient norm as <see cref="TrainingOptions.CollectDiagnostics"/> measured it (NaN for an epoch not
    /// measured); empty when no epoch was.
    /// </summary>
    public static double[][] GradientNorms(IReadOnlyList<EpochRecord> history)
    {
        int layers = history.Count == 0 ? 0 : history.Max(h => h.Layers?.Count ?? 0);
        return Enumerable.Range(0, layers).Select(l => history.Select(h => h.Layers is { } d && l < d.Count ? d[l].GradientNorm : double.NaN)
            .ToArray()).ToArray();
    }

    /// <summary>
    /// Epoch <paramref name="epoch"/>'s diagnostics as a file keeps them (<see cref="GradientNorms"/>): the gradient norms alone (the
    /// weight norms and dead units are not saved, so NaN and null); null when the epoch was not measured.
    /// </summary>
    internal static IReadOnlyList<LayerDiagnostics>? LayersAt(double[][] norms, int epoch) =>
        norms.Length == 0 || norms.All(n => double.IsNaN(n[epoch])) ? null
            : norms.Select((n, l) => new LayerDiagnostics(l, n[epoch], double.NaN, null)).ToList();

    /// <summary>
    /// The epochs <paramref name="summary"/> records, as training gave them (the inverse of <see cref="Summary"/>): the loss
    /// and RMSE of each, the held-out measures of the epochs that were measured, and the gradient norms of the epochs
    /// <c>--diagnostics</c> measured. The learning rates are not saved, so they are NaN.
    /// </summary>
    public static IReadOnlyList<EpochRecord> History(TrainingSummary summary)
    {
        static double At(double[] values, int e) => e < values.Length ? values[e] : double.NaN;
        var history = new List<EpochRecord>(summary.LossHistory.Length);
        for (int e = 0; e < summary.LossHistory.Length; e++)
        {
            double loss = At(summary.ValidationLossHistory, e);
            var held = double.IsNaN(loss) ? null
                : new ValidationRecord(loss, At(summary.ValidationRmseHistory, e), At(summary.ValidationAccuracyHistory, e) is var a
                    && !double.IsNaN(a) ? a : null);
            history.Add(new EpochRecord(e + 1, summary.LossHistory[e], At(summary.RmseHistory, e), LayersAt(summary.GradientNormHistory, e),
                held));
        }
        return history;
    }

    /// <summary>The model file of a finished run of <paramref name="network"/> on a table prepared by <paramref name="preprocessor"/>.</summary>
    /// <param name="network">The trained network.</param>
    /// <param name="preprocessor">How the table's columns became its inputs and outputs.</param>
    /// <param name="options">The run's settings.</param>
    /// <param name="result">What the run returned (history, stop, training state).</param>
    /// <param name="data">The data file's name, so that a report can find the held-out rows again.</param>
    /// <param name="rows">Rows used, training and held out.</param>
    /// <param name="validationSplit">The share held out (the last rows after a shuffle from the seed).</param>
    /// <param name="sampleWeight">The column of sample weights; null for none.</param>
    /// <param name="validationData">The name of a table of held-out rows of its own; null for none.</param>
    public static ModelDocument Build(Network<double> network, Preprocessor preprocessor, TrainingOptions options, TrainingResult result,
        string? data, int rows, double validationSplit, string? sampleWeight = null, string? validationData = null) =>
        new TrainingRun { Data = data, Rows = rows, ValidationSplit = validationSplit, Shuffle = validationSplit > 0, SampleWeight = sampleWeight,
            ValidationData = validationData }
            .Document(network, preprocessor, options, result, result.Checkpoint);
}

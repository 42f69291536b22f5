using System.Globalization;
using Backprop.Diagnostics;
using Backprop.Estimators;
using Backprop.MLNet.Scoring;
using Backprop.Training;
using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace Backprop.MLNet.Training;

/// <summary>What the three trainers share: check the columns, fit Backprop's estimator on the rows (seeded, logged and cancelled through the
/// trainer's host in the caller's MLContext), build the scoring chain.</summary>
internal static class TrainerCore
{
    /// <summary>The slots of a Boolean label: false, then true.</summary>
    public static readonly IReadOnlyList<string> BooleanSlots = ["false", "true"];

    public static BackpropTransformer Fit(TrainerHost host, IDataView input, TrainerSettings settings, TrainerTask task)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (labelColumn, featureColumn) = (settings.Label, settings.Features);
        ColumnCheck.Check(input.Schema, featureColumn, labelColumn, task);
        host.CheckAlive();
        var keys = task == TrainerTask.Multiclass ? LabelKeys.Of(input.Schema[labelColumn]) : null;
        if (keys is not null && keys.Count > ScoringColumns.MaxClasses)
            throw new ArgumentOutOfRangeException("inputSchema",
                $"Label column '{labelColumn}' has {keys.Count} classes; Backprop.MLNet takes up to {ScoringColumns.MaxClasses}.");
        var slots = task == TrainerTask.Binary ? BooleanSlots : keys?.Names;
        var options = settings.Mlp;
        if (slots is not null)
        {
            // The label's type declares the classes, as it gives ML.NET's own trainers their scores: every key value (or
            // both Boolean values) gets an output unit, those the training rows never show too.
            if (options.Classes is { } given && !given.SequenceEqual(slots, StringComparer.Ordinal))
                throw new ArgumentException($"MlpOptions.Classes ({string.Join(", ", given)}) differs from the classes of label column " +
                    $"'{labelColumn}' ({string.Join(", ", slots)}): leave it null, the label's " +
                    $"{(keys is null ? "type declares" : "key values declare")} them.", nameof(options));
            options = options with { Classes = slots };
        }
        options = options with { Seed = host.Seed(options, settings.Seed) };
        bool classifies = task != TrainerTask.Regression;
        MlpEstimator estimator = classifies ? new MlpClassifier(options) : new MlpRegressor(options);
        var table = TrainingTable.Read(input, featureColumn, labelColumn, slots, task == TrainerTask.Binary);
        using (var channel = host.Start("Training"))
        {
            channel.Info(MessageSensitivity.None, $"Backprop: {table.RowCount} rows, {options.Epochs} epochs, hidden layers " +
                $"[{string.Join(", ", options.HiddenLayers ?? [])}], seed {options.Seed}");
            using var stop = new CancellationTokenSource();
            var control = new FitControl
            {
                Cancellation = stop.Token,
                OnEpoch = (record, _) =>
                {
                    channel.Info(MessageSensitivity.None, Describe(record));
                    if (host.IsCancelled) stop.Cancel();
                },
                OnBatch = (_, _, _) =>
                {
                    if (host.IsCancelled) stop.Cancel();
                },
            };
            try
            {
                estimator.Fit(table, TrainingTable.Target, null, control);
            }
            catch (BackpropException e)
            {
                throw new ArgumentException($"Backprop cannot train on this data: {e.Message}", nameof(input), e);
            }
            if (stop.IsCancellationRequested)
            {
                channel.Info(MessageSensitivity.None, $"Backprop: cancelled after epoch {estimator.History.Count}");
                throw new OperationCanceledException("Operation was canceled.");
            }
            channel.Info(MessageSensitivity.None, $"Backprop: trained {estimator.History.Count} epochs");
        }
        string stored = StoredModel.Write(task, slots ?? [], estimator.Model!);
        StoredModel.Read(stored); // every class has its slot
        var chain = ScoringChain.Build(new MLContext(), featureColumn, stored, task, keys).Fit(input);
        return new BackpropTransformer(chain, featureColumn, estimator.Model!, estimator.History);
    }

    /// <summary>An epoch's progress message: its number, its training loss and its held-out loss and accuracy when there are held-out rows.</summary>
    private static string Describe(EpochRecord record)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"epoch {record.Epoch}: loss {record.Loss:G6}");
        if (record.Validation is { } held)
            text += string.Create(CultureInfo.InvariantCulture, $", held-out loss {held.Loss:G6}")
                + (held.Accuracy is { } a ? string.Create(CultureInfo.InvariantCulture, $", accuracy {a:F4}") : "");
        return text;
    }

    public static SchemaShape OutputSchema(SchemaShape input, TrainerSettings settings, TrainerTask task)
    {
        ArgumentNullException.ThrowIfNull(input);
        ColumnCheck.Check(input, settings.Features, settings.Label, task);
        // The shape of what the scoring chain adds does not depend on the model or the number of classes.
        return ScoringChain.Build(new MLContext(), settings.Features, "", task, task == TrainerTask.Multiclass ? LabelKeys.Placeholder(2) : null)
            .GetOutputSchema(input);
    }
}

using System.Globalization;
using Backprop.Training;

namespace Backprop.Serialization;

/// <summary>
/// The checkpoint section: where the run stands and everything it needs to go on. Every field is named, and a value
/// that is unknown or was not measured is <c>null</c> (the history's learning rate of an epoch without one, its held-out
/// measures of an epoch not measured, the schedule's best loss before any, early stopping's best before any).
/// </summary>
internal static partial class ModelWriter
{
    private static void Checkpoint(JsonText json, TrainingCheckpoint c, bool single)
    {
        json.BeginObject("checkpoint");
        json.Number("epoch", c.Epoch);
        json.Number("nextBatch", c.NextBatch);
        json.Strings("shuffleState", c.ShuffleState.Select(w => w.ToString("x16", CultureInfo.InvariantCulture)));
        json.Number("lossSum", c.LossSum);
        json.Number("squaredErrorSum", c.SquaredErrorSum);
        json.BeginObject("optimizer");
        json.String("name", c.Optimizer.Optimizer);
        json.Number("steps", c.Optimizer.Steps);
        json.BeginArray("slots");
        foreach (var slot in c.Optimizer.Slots)
        {
            json.BeginObject();
            json.String("slot", slot.Slot);
            json.Number("parameter", slot.Parameter);
            Numbers(json, "values", slot.Values, single);
            json.EndObject();
        }
        json.EndArray();
        json.EndObject();
        json.NumbersOrNulls("schedule", c.Schedule);
        History(json, c.History);
        json.Number("bestEpoch", c.BestEpoch);
        NumberOrNull(json, "bestValidationLoss", c.BestValidationLoss);
        if (c.BestWeights is { } weights) Numbers(json, "bestWeights", weights, single); else json.Null("bestWeights");
        json.EndObject();
    }

    /// <summary>The finished epochs' records, one array per measure, one entry per epoch.</summary>
    private static void History(JsonText json, IReadOnlyList<EpochRecord> history)
    {
        json.BeginObject("history");
        json.Numbers("epoch", history.Select(h => (double)h.Epoch));
        json.Numbers("loss", history.Select(h => h.Loss));
        json.Numbers("rmse", history.Select(h => h.Rmse));
        json.NumbersOrNulls("learningRate", history.Select(h => h.LearningRate));
        json.NumbersOrNulls("validationLoss", history.Select(h => h.Validation?.Loss ?? double.NaN));
        json.NumbersOrNulls("validationRmse", history.Select(h => h.Validation?.Rmse ?? double.NaN));
        json.NumbersOrNulls("validationAccuracy", history.Select(h => h.Validation?.Accuracy ?? double.NaN));
        if (history.Any(h => h.Validation?.R2 is not null))
            json.NumbersOrNulls("validationR2", history.Select(h => h.Validation?.R2 ?? double.NaN));
        if (TrainingRecord.GradientNorms(history) is { Length: > 0 } norms) PerLayer(json, "gradientNorms", norms);
        json.EndObject();
    }
}

using System.Text.Json;

namespace Backprop.Serialization;

/// <summary>
/// The checkpoint section, each field of its type and the ranges that need nothing else; whether it fits the network,
/// the data and the settings it is resumed with is <see cref="Training.CheckpointValidation"/>'s to check.
/// </summary>
internal sealed partial class ModelReader
{
    private Training.TrainingCheckpoint? Checkpoint(JsonElement root)
    {
        if (!root.TryGetProperty("checkpoint", out var c) || c.ValueKind == JsonValueKind.Null) return null;
        if (c.ValueKind != JsonValueKind.Object) throw Error("checkpoint", "must be an object");
        int epoch = Integer(c, "epoch", "checkpoint.epoch"), nextBatch = Integer(c, "nextBatch", "checkpoint.nextBatch");
        var words = Texts(Required(c, "shuffleState", "checkpoint.shuffleState", JsonValueKind.Array), "checkpoint.shuffleState", distinct: false)
            .Select((w, i) => ulong.TryParse(w, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out ulong v)
                ? v : throw Error($"checkpoint.shuffleState[{i}]", "must be 16 hexadecimal digits")).ToArray();
        if (words.Length != 6) throw Error("checkpoint.shuffleState", "must hold 6 words");
        var o = Required(c, "optimizer", "checkpoint.optimizer", JsonValueKind.Object);
        var slots = new List<Optimizers.OptimizerSlot>();
        int k = 0;
        foreach (var slot in Required(o, "slots", "checkpoint.optimizer.slots", JsonValueKind.Array).EnumerateArray())
        {
            string path = $"checkpoint.optimizer.slots[{k++}]";
            if (slot.ValueKind != JsonValueKind.Object) throw Error(path, $"must be an object, not {Describe(slot)}");
            slots.Add(new Optimizers.OptimizerSlot(Required(slot, "slot", $"{path}.slot", JsonValueKind.String).GetString()!,
                Integer(slot, "parameter", $"{path}.parameter"), Numbers(Required(slot, "values", $"{path}.values", JsonValueKind.Array), $"{path}.values")));
        }
        var stepsElement = Required(o, "steps", "checkpoint.optimizer.steps", JsonValueKind.Number);
        if (!stepsElement.TryGetInt64(out long steps) || steps < 0)
            throw Error("checkpoint.optimizer.steps", $"must be a whole number ≥ 0, not {stepsElement.GetRawText()}");
        var optimizer = new Optimizers.OptimizerState(Required(o, "name", "checkpoint.optimizer.name", JsonValueKind.String).GetString()!, steps, slots);
        var schedule = Numbers(Required(c, "schedule", "checkpoint.schedule", JsonValueKind.Array), "checkpoint.schedule").Select(v => v == double.MaxValue ? double.NaN : v).ToArray();
        var history = new List<Training.EpochRecord>();
        k = 0;
        foreach (var row in Required(c, "history", "checkpoint.history", JsonValueKind.Array).EnumerateArray())
        {
            var v = Numbers(row, $"checkpoint.history[{k++}]");
            if (v.Length != 7) throw Error($"checkpoint.history[{k - 1}]", "must hold 7 numbers");
            history.Add(new Training.EpochRecord((int)v[0], v[1], v[2], null,
                v[4] < 0 ? null : new Training.ValidationRecord(v[4], v[5], v[6] < 0 ? null : v[6]), v[3] < 0 ? double.NaN : v[3]));
        }
        double bestLoss = c.TryGetProperty("bestValidationLoss", out var b) && b.ValueKind != JsonValueKind.Null
            ? Finite(c, "bestValidationLoss", "checkpoint.bestValidationLoss") : double.PositiveInfinity;
        double[]? bestWeights = c.TryGetProperty("bestWeights", out var w) && w.ValueKind != JsonValueKind.Null ? Numbers(w, "checkpoint.bestWeights") : null;
        return new Training.TrainingCheckpoint(epoch, nextBatch, words, Finite(c, "lossSum", "checkpoint.lossSum"), Finite(c, "squaredErrorSum", "checkpoint.squaredErrorSum"),
            optimizer, schedule, history, Integer(c, "bestEpoch", "checkpoint.bestEpoch"), bestLoss, bestWeights);
    }
}

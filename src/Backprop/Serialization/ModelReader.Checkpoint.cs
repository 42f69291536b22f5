using System.Text.Json;

namespace Backprop.Serialization;

/// <summary>
/// The checkpoint section, each field of its type and the ranges that need nothing else; whether it fits the network,
/// the data and the settings it is resumed with is <see cref="Training.CheckpointValidation"/>'s to check.
/// </summary>
internal sealed partial class ModelReader
{
    /// <summary>
    /// The history as it is written: one array per measure (<c>epoch</c>, <c>loss</c>, <c>rmse</c>, <c>learningRate</c>,
    /// <c>validationLoss</c>, <c>validationRmse</c>, <c>validationAccuracy</c>, optionally <c>validationR2</c>),
    /// one entry per epoch, null where absent.
    /// </summary>
    private List<Training.EpochRecord> NamedHistory(JsonElement h, int layers)
    {
        double[] Column(string name, bool nulls) => nulls
            ? PerEntry(Required(h, name, $"checkpoint.history.{name}", JsonValueKind.Array), $"checkpoint.history.{name}")
            : Numbers(Required(h, name, $"checkpoint.history.{name}", JsonValueKind.Array), $"checkpoint.history.{name}");
        var epochs = Column("epoch", false);
        var columns = new[] { ("loss", Column("loss", false)), ("rmse", Column("rmse", false)), ("learningRate", Column("learningRate", true)),
            ("validationLoss", Column("validationLoss", true)), ("validationRmse", Column("validationRmse", true)),
                ("validationAccuracy", Column("validationAccuracy", true)) };
        // Files written before held-out R² was kept have none.
        var r2 = h.TryGetProperty("validationR2", out var r) && r.ValueKind != JsonValueKind.Null ? Column("validationR2", true)
            : Enumerable.Repeat(double.NaN, epochs.Length).ToArray();
        columns = [.. columns, ("validationR2", r2)];
        foreach (var (name, values) in columns)
            if (values.Length != epochs.Length)
                throw Error($"checkpoint.history.{name}", $"holds {values.Length} values but checkpoint.history.epoch holds {epochs.Length}");
        var norms = PerLayer(h, "gradientNorms", "checkpoint.history", layers);
        for (int l = 0; l < norms.Length; l++)
            if (norms[l].Length != epochs.Length)
                throw Error($"checkpoint.history.gradientNorms[{l}]",
                    $"holds {norms[l].Length} values but checkpoint.history.epoch holds {epochs.Length}");
        var history = new List<Training.EpochRecord>();
        for (int k = 0; k < epochs.Length; k++)
        {
            if (epochs[k] != Math.Floor(epochs[k]) || epochs[k] < 1 || epochs[k] > int.MaxValue)
                throw Error($"checkpoint.history.epoch[{k}]", $"must be a whole number ≥ 1, not {epochs[k]}");
            double vLoss = columns[3].Item2[k], vRmse = columns[4].Item2[k], vAccuracy = columns[5].Item2[k];
            if (double.IsNaN(vLoss) != double.IsNaN(vRmse))
                throw Error($"checkpoint.history.validationRmse[{k}]",
                    "must be null exactly where validationLoss is (an epoch measured on held-out data has both)");
            history.Add(new Training.EpochRecord((int)epochs[k], columns[0].Item2[k], columns[1].Item2[k], TrainingRecord.LayersAt(norms, k),
                double.IsNaN(vLoss) ? null : new Training.ValidationRecord(vLoss, vRmse, double.IsNaN(vAccuracy) ? null : vAccuracy)
                    { R2 = double.IsNaN(columns[6].Item2[k]) ? null : columns[6].Item2[k] },
                    columns[2].Item2[k]));
        }
        return history;
    }

    /// <summary>The history as files written before named fields held it: one <c>[epoch, loss, rmse, rate, validation loss, rmse, accuracy]</c> per
    /// epoch, −1 where absent.</summary>
    private List<Training.EpochRecord> PositionalHistory(JsonElement rows)
    {
        var history = new List<Training.EpochRecord>();
        int k = 0;
        foreach (var row in rows.EnumerateArray())
        {
            var v = Numbers(row, $"checkpoint.history[{k++}]");
            if (v.Length != 7) throw Error($"checkpoint.history[{k - 1}]", "must hold 7 numbers");
            history.Add(new Training.EpochRecord((int)v[0], v[1], v[2], null,
                v[4] < 0 ? null : new Training.ValidationRecord(v[4], v[5], v[6] < 0 ? null : v[6]), v[3] < 0 ? double.NaN : v[3]));
        }
        return history;
    }

    /// <summary>An array of finite numbers and nulls (read as NaN).</summary>
    private double[] PerEntry(JsonElement array, string path)
    {
        var values = new double[array.GetArrayLength()];
        int i = 0;
        foreach (var e in array.EnumerateArray())
        {
            if (e.ValueKind == JsonValueKind.Null) values[i] = double.NaN;
            else if (e.ValueKind != JsonValueKind.Number || !e.TryGetDouble(out values[i]) || !double.IsFinite(values[i]))
                throw Error($"{path}[{i}]", $"must be a finite number or null, not {Describe(e)}");
            i++;
        }
        return values;
    }

    private Training.TrainingCheckpoint? Checkpoint(JsonElement root, int layers)
    {
        if (!root.TryGetProperty("checkpoint", out var c) || c.ValueKind == JsonValueKind.Null) return null;
        if (c.ValueKind != JsonValueKind.Object) throw Error("checkpoint", "must be an object");
        int epoch = Integer(c, "epoch", "checkpoint.epoch"), nextBatch = Integer(c, "nextBatch", "checkpoint.nextBatch");
        var words = Texts(Required(c, "shuffleState", "checkpoint.shuffleState", JsonValueKind.Array), "checkpoint.shuffleState", distinct: false)
            .Select((w, i) => ulong.TryParse(w, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture,
                out ulong v)
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
                Integer(slot, "parameter", $"{path}.parameter"),
                    Numbers(Required(slot, "values", $"{path}.values", JsonValueKind.Array), $"{path}.values")));
        }
        var stepsElement = Required(o, "steps", "checkpoint.optimizer.steps", JsonValueKind.Number);
        if (!stepsElement.TryGetInt64(out long steps) || steps < 0)
            throw Error("checkpoint.optimizer.steps", $"must be a whole number ≥ 0, not {stepsElement.GetRawText()}");
        var optimizer = new Optimizers.OptimizerState(Required(o, "name", "checkpoint.optimizer.name", JsonValueKind.String).GetString()!,
            steps, slots);
        // Null for a value that is not known yet (the adaptive schedule's best loss before the first epoch); files written
        // before nulls were used hold double.MaxValue there.
        var schedule = PerEntry(Required(c, "schedule", "checkpoint.schedule", JsonValueKind.Array), "checkpoint.schedule")
            .Select(v => v == double.MaxValue ? double.NaN : v).ToArray();
        var history = Required(c, "history", "checkpoint.history", JsonValueKind.Object, JsonValueKind.Array) is {
            ValueKind: JsonValueKind.Array } rows
            ? PositionalHistory(rows) : NamedHistory(c.GetProperty("history"), layers);
        double bestLoss = c.TryGetProperty("bestValidationLoss", out var b) && b.ValueKind != JsonValueKind.Null
            ? Finite(c, "bestValidationLoss", "checkpoint.bestValidationLoss") : double.PositiveInfinity;
        double[]? bestWeights = c.TryGetProperty("bestWeights", out var w) && w.ValueKind != JsonValueKind.Null
            ? Numbers(w, "checkpoint.bestWeights") : null;
        return new Training.TrainingCheckpoint(epoch, nextBatch, words, Finite(c, "lossSum", "checkpoint.lossSum"),
            Finite(c, "squaredErrorSum", "checkpoint.squaredErrorSum"),
            optimizer, schedule, history, Integer(c, "bestEpoch", "checkpoint.bestEpoch"), bestLoss, bestWeights);
    }
}

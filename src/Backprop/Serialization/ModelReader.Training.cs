using System.Text.Json;

namespace Backprop.Serialization;

/// <summary>
/// The training section: what the run was, and its histories, one entry per epoch. A field may be missing (older files,
/// hand-written models), but one that is present must hold a value of its kind and range, as <c>train</c> writes it.
/// </summary>
internal sealed partial class ModelReader
{
    private TrainingSummary? Training(JsonElement root, int layerCount)
    {
        if (!root.TryGetProperty("training", out var t) || t.ValueKind == JsonValueKind.Null) return null;
        if (t.ValueKind != JsonValueKind.Object) throw Error("training", $"must be an object, not {Describe(t)}");
        bool Has(string name) => t.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;
        string Text(string name, string fallback, params string[] allowed)
        {
            if (!Has(name)) return fallback;
            string text = Required(t, name, $"training.{name}", JsonValueKind.String).GetString()!;
            if (allowed.Length > 0 && !allowed.Contains(text, StringComparer.OrdinalIgnoreCase))
                throw Error($"training.{name}", $"\"{text}\" is not one of {string.Join(", ", allowed)}");
            return allowed.Length > 0 ? allowed.First(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase)) : text;
        }
        // A loss or optimiser registered here reads as its registered name; one that is not (a user's own, registered in
        // the program that trained the model) as written: predicting needs neither, and what does checks (RecordedTraining).
        string? Registered(string name, string kind, Func<string, string?> canonical)
        {
            if (!Has(name)) return null; // not recorded: unknown, not a default
            string text = Required(t, name, $"training.{name}", JsonValueKind.String).GetString()!;
            if (text.Trim().Length == 0) throw Error($"training.{name}", $"must name {kind}, not \"{text}\"");
            return canonical(text) ?? text;
        }
        double Number(string name, double minimum, bool above = false)
        {
            if (!Has(name)) return 0;
            double v = Finite(t, name, $"training.{name}");
            if (above ? v <= minimum : v < minimum)
                throw Error($"training.{name}", $"must be {(above ? "greater than" : "at least")} {minimum}, not {v}");
            return v;
        }
        int Whole(string name, int minimum)
        {
            if (!Has(name)) return 0;
            int v = Integer(t, name, $"training.{name}");
            if (v < minimum) throw Error($"training.{name}", $"must be at least {minimum}, not {v}");
            return v;
        }
        double[] History(string name) => Has(name) ? Numbers(Required(t, name, $"training.{name}", JsonValueKind.Array), $"training.{name}") : [];
        // One entry per epoch; null (read as NaN) for an epoch whose held-out data was not measured (--validation-freq).
        double[] PerEpoch(string name)
        {
            if (!Has(name)) return [];
            var array = Required(t, name, $"training.{name}", JsonValueKind.Array);
            var values = new double[array.GetArrayLength()];
            int i = 0;
            foreach (var e in array.EnumerateArray())
            {
                if (e.ValueKind == JsonValueKind.Null) values[i] = double.NaN;
                else if (e.ValueKind != JsonValueKind.Number || !e.TryGetDouble(out values[i]) || !double.IsFinite(values[i]))
                    throw Error($"training.{name}[{i}]", $"must be a finite number or null, not {Describe(e)}");
                i++;
            }
            return values;
        }

        int? batchSize = null;
        if (Has("batchSize") && t.GetProperty("batchSize").ValueKind == JsonValueKind.String)
            Text("batchSize", "full", "full");
        else if (Has("batchSize")) batchSize = Whole("batchSize", 1);
        ulong? seed = null; // a hand-written training section may leave it out: then it is unknown, not 0
        if (Has("seed"))
        {
            if (!Required(t, "seed", "training.seed", JsonValueKind.Number).TryGetUInt64(out ulong given))
                throw Error("training.seed", $"must be a whole number from 0 to {ulong.MaxValue}, not {t.GetProperty("seed").GetRawText()}");
            seed = given;
        }
        bool shuffle = false;
        if (Has("shuffle"))
        {
            var s = t.GetProperty("shuffle");
            if (s.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                throw Error("training.shuffle", $"must be true or false, not {Describe(s)}");
            shuffle = s.GetBoolean();
        }
        double split = Number("validationSplit", 0);
        if (split >= 1) throw Error("training.validationSplit", $"must be below 1, not {split}");

        var summary = new TrainingSummary
        {
            Loss = Registered("loss", "a loss", RecordedTraining.LossName),
            Reduction = Has("reduction") ? Text("reduction", "", "sum", "mean") : null,
            L2 = Number("l2", 0),
            Optimizer = Registered("optimizer", "an optimiser", RecordedTraining.OptimizerName),
            LearningRate = Number("learningRate", 0, above: true),
            BatchSize = batchSize,
            Seed = seed,
            Schedule = Text("schedule", "constant", [.. Backprop.Training.Schedules.LearningRateSchedule.Names]),
            ValidationSplit = split,
            Shuffle = shuffle,
            Data = Has("data") ? Text("data", "") : null,
            Rows = Has("rows") ? Whole("rows", 1) : null,
            Settings = Settings(t),
            Precision = Text("precision", "double", "double", "float"),
            Epochs = Whole("epochs", 0),
            // "" (which no train wrote, but a re-saved hand-written file may hold) is unknown, as null is.
            StopReason = Has("stopReason") && t.GetProperty("stopReason").ValueKind == JsonValueKind.String && t.GetProperty("stopReason").GetString()
                == "" ? null
                : Has("stopReason") ? Text("stopReason", "", StopReasons) : null,
            FinalLoss = Has("finalLoss") ? Finite(t, "finalLoss", "training.finalLoss") : null,
            LossHistory = History("lossHistory"),
            RmseHistory = History("rmseHistory"),
            ValidationLossHistory = PerEpoch("validationLossHistory"),
            ValidationRmseHistory = PerEpoch("validationRmseHistory"),
            ValidationAccuracyHistory = PerEpoch("validationAccuracyHistory"),
            GradientNormHistory = PerLayer(t, "gradientNormHistory", "training", layerCount),
        };
        CheckLengths(summary, Has("epochs") ? summary.Epochs : summary.LossHistory.Length);
        return summary;
    }

    /// <summary>What <c>stopReason</c> may say: why a run ended, or <c>Checkpoint</c> for a model saved while it ran.</summary>
    private static readonly string[] StopReasons = [.. Enum.GetNames<Training.StopReason>(), "Checkpoint"];

    /// <summary>Every history has one entry per epoch (the RMSE history may lack the last, when only it overflowed).</summary>
    private void CheckLengths(TrainingSummary t, int epochs)
    {
        int losses = t.LossHistory.Length;
        if (losses > 0 && losses != epochs)
            throw Error("training.lossHistory", $"holds {losses} values but the run has {epochs} epochs (training.epochs)");
        if (t.RmseHistory.Length > 0 && (t.RmseHistory.Length > losses || t.RmseHistory.Length < losses - 1))
            throw Error("training.rmseHistory", $"holds {t.RmseHistory.Length} values but lossHistory holds {losses}");
        foreach (var (name, values) in new[] { ("validationLossHistory", t.ValidationLossHistory), ("validationRmseHistory", t.ValidationRmseHistory),
            ("validationAccuracyHistory", t.ValidationAccuracyHistory) })
            if (values.Length > 0 && values.Length != epochs)
                throw Error($"training.{name}", $"holds {values.Length} values but the run has {epochs} epochs (training.epochs)");
        for (int l = 0; l < t.GradientNormHistory.Length; l++)
            if (t.GradientNormHistory[l].Length != epochs)
                throw Error($"training.gradientNormHistory[{l}]", $"holds {t.GradientNormHistory[l].Length} values but the run has {epochs} epochs " +
                    "(training.epochs)");
        foreach (double a in t.ValidationAccuracyHistory)
            if (a is < 0 or > 1) throw Error("training.validationAccuracyHistory", $"holds {a}, but an accuracy is between 0 and 1");
    }
}

using System.Text.Json;

namespace Backprop.Serialization;

/// <summary>
/// <c>training.settings</c>: what else changes a run's weights (<see cref="RunSettings"/>). Absent in files written before
/// it was recorded (then a resumed run compares none of it); present, every field is read strictly, <c>null</c> for "none".
/// </summary>
internal sealed partial class ModelReader
{
    private RunSettings? Settings(JsonElement training)
    {
        if (!training.TryGetProperty("settings", out var s) || s.ValueKind == JsonValueKind.Null) return null;
        const string at = "training.settings";
        if (s.ValueKind != JsonValueKind.Object) throw Error(at, $"must be an object, not {Describe(s)}");
        bool Has(string name) => s.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;
        double? Number(string name, double minimum, bool above)
        {
            if (!Has(name)) return null;
            double v = Finite(s, name, $"{at}.{name}");
            if (above ? v <= minimum : v < minimum)
                throw Error($"{at}.{name}", $"must be {(above ? "greater than" : "at least")} {minimum}, not {v}");
            return v;
        }
        int? Whole(string name)
        {
            if (!Has(name)) return null;
            int v = Integer(s, name, $"{at}.{name}");
            if (v < 1) throw Error($"{at}.{name}", $"must be at least 1, not {v}");
            return v;
        }
        string? Text(string name) => Has(name) ? Required(s, name, $"{at}.{name}", JsonValueKind.String).GetString() : null;
        double[]? weights = null;
        if (Has("classWeights"))
        {
            weights = Numbers(Required(s, "classWeights", $"{at}.classWeights", JsonValueKind.Array), $"{at}.classWeights");
            if (weights.Any(w => w < 0)) throw Error($"{at}.classWeights", "must not hold a negative weight");
        }
        return new RunSettings
        {
            Schedule = Text("schedule") ?? "constant",
            ClipNorm = Number("clipNorm", 0, above: true),
            Patience = Whole("patience"),
            MinDelta = Number("minDelta", 0, above: false) ?? 0,
            ValidationFrequency = Whole("validationFrequency") ?? 1,
            ClassWeights = weights,
            SampleWeight = Text("sampleWeight"),
            ValidationData = Text("validationData"),
        };
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Backprop.Playground;

/// <summary>
/// The bodies of the requests that change a running session, read field by field, each problem said in words a learner
/// knows: <c>{"learningRate": 0.1, "l2": 0.01, "l1": 0.001, "batchSize": 10, "epochsPerFrame": 1}</c> (any of them) and
/// <c>{"layer": 0, "from": 1, "to": 2, "value": -0.5}</c>.
/// </summary>
internal static class ChangeJson
{
    /// <summary>The settings to change (null where not given), or an error.</summary>
    public static (double? LearningRate, double? L2, int? BatchSize, int? EpochsPerFrame, double? L1)? Settings(JsonNode? node, out string? error)
    {
        error = null;
        if (node is not JsonObject o) { error = "the settings must be a JSON object such as {\"learningRate\": 0.1}"; return null; }
        foreach (var key in o.Select(p => p.Key))
            if (!Known.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                error = $"'{PlaygroundGuard.OneLine(key)}' cannot be changed while training: " +
                    "only the learning rate, L2, L1, batch size and speed can";
                return null;
            }
        double? rate = Number(o, "learningRate", "a number above 0 and at most 10, such as 0.03", ref error);
        double? l2 = Number(o, "l2", "a number from 0 to 10", ref error);
        double? l1 = Number(o, "l1", "a number from 0 to 10", ref error);
        int? batch = Whole(o, "batchSize", "a whole number from 1 to 500", ref error);
        int? speed = Whole(o, "epochsPerFrame", "a whole number of epochs per picture, such as 1 or 10", ref error);
        return error is null ? (rate, l2, batch, speed, l1) : null;
    }

    /// <summary>The weight to set, or an error.</summary>
    public static (int Layer, int From, int To, double Value)? Weight(JsonNode? node, out string? error)
    {
        error = null;
        if (node is not JsonObject o)
        {
            error = "the weight must be a JSON object such as {\"layer\": 0, \"from\": 0, \"to\": 1, \"value\": 0.5}";
            return null;
        }
        int? layer = Whole(o, "layer", "a whole number, the layer (0 for the first hidden layer)", ref error);
        int? from = Whole(o, "from", "a whole number, the input the edge comes from (0 for the first)", ref error);
        int? to = Whole(o, "to", "a whole number, the unit the edge goes to (0 for the first)", ref error);
        double? value = Number(o, "value", "a number, the weight", ref error);
        if (error is null && (layer is null || from is null || to is null || value is null))
            error = "give the edge's layer, from and to, and its new value";
        return error is null ? (layer!.Value, from!.Value, to!.Value, value!.Value) : null;
    }

    private static readonly string[] Known = ["learningRate", "l2", "l1", "batchSize", "epochsPerFrame"];

    /// <summary>Whether the field is given (a JSON null is given, and wrong); its value.</summary>
    private static bool Given(JsonObject o, string key, out JsonNode? value)
    {
        var field = o.FirstOrDefault(p => p.Key.Equals(key, StringComparison.OrdinalIgnoreCase));
        value = field.Value;
        return field.Key is not null;
    }

    private static double? Number(JsonObject o, string key, string expected, ref string? error)
    {
        if (error is not null || !Given(o, key, out var value)) return null;
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out double d)) return d;
        error = $"'{key}' must be {expected}";
        return null;
    }

    private static int? Whole(JsonObject o, string key, string expected, ref string? error)
    {
        if (error is not null || !Given(o, key, out var value)) return null;
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out double d) && d == Math.Floor(d)
            && Math.Abs(d) <= int.MaxValue) return (int)d;
        error = $"'{key}' must be {expected}";
        return null;
    }
}

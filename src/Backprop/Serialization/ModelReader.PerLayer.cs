using System.Text.Json;

namespace Backprop.Serialization;

/// <summary>A history kept per layer (the gradient norms <c>--diagnostics</c> measures): one array per layer of one entry per epoch.</summary>
internal sealed partial class ModelReader
{
    /// <summary>
    /// <paramref name="name"/> of <paramref name="section"/> (at <paramref name="sectionPath"/>): absent or null reads as empty (files
    /// written before it was recorded, runs that did not measure it); otherwise an array of <paramref name="layers"/> arrays, each of
    /// non-negative finite numbers and nulls (an epoch not measured, read as NaN). The arrays' lengths are the caller's to check.
    /// </summary>
    private double[][] PerLayer(JsonElement section, string name, string sectionPath, int layers)
    {
        if (!section.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null) return [];
        string path = $"{sectionPath}.{name}";
        if (array.ValueKind != JsonValueKind.Array) throw Error(path, $"must be an array of one array per layer, not {Describe(array)}");
        if (array.GetArrayLength() != layers)
            throw Error(path, $"holds {array.GetArrayLength()} arrays but the network has {layers} layers (one array per layer)");
        var result = new double[layers][];
        int l = 0;
        foreach (var layer in array.EnumerateArray())
        {
            if (layer.ValueKind != JsonValueKind.Array) throw Error($"{path}[{l}]", $"must be an array of numbers, not {Describe(layer)}");
            result[l] = PerEntry(layer, $"{path}[{l}]");
            int negative = Array.FindIndex(result[l], v => v < 0);
            if (negative >= 0) throw Error($"{path}[{l}][{negative}]", $"is {result[l][negative]}, but a norm is never negative");
            l++;
        }
        return result;
    }
}

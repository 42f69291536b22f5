using System.Text.Json;
using Backprop.Data.Preprocessing;

namespace Backprop.Serialization;

/// <summary>
/// <c>preprocessing.target.mean</c> and <c>.scale</c>: a regression target standardised for training, one finite mean and
/// one positive scale per target column; absent in a file written before target scaling (and then predictions are the
/// network's outputs, as they were).
/// </summary>
internal sealed partial class ModelReader
{
    /// <summary><c>clip</c> of a numeric input: true for robust scaling with smooth clipping; absent (false) in older files.</summary>
    private bool Clip(JsonElement item, string path)
    {
        if (!item.TryGetProperty("clip", out var clip) || clip.ValueKind == JsonValueKind.Null) return false;
        return clip.ValueKind is JsonValueKind.True or JsonValueKind.False ? clip.GetBoolean()
            : throw Error(path, $"must be true or false, not {Describe(clip)}");
    }

    private TargetEncoding TargetScale(JsonElement target, TargetEncoding encoding)
    {
        bool Has(string name) => target.TryGetProperty(name, out var e) && e.ValueKind != JsonValueKind.Null;
        if (!Has("mean") && !Has("scale")) return encoding;
        const string at = "preprocessing.target";
        if (!Has("mean") || !Has("scale")) throw Error(at, "must give both mean and scale, or neither");
        if (encoding.Classes is not null) throw Error($"{at}.mean", "standardises a regression target, but the target has classes");
        var mean = Numbers(target.GetProperty("mean"), $"{at}.mean");
        var scale = Numbers(target.GetProperty("scale"), $"{at}.scale");
        for (int i = 0; i < scale.Length; i++)
            if (!(scale[i] > 0) || !double.IsNormal(scale[i]))
                throw Error($"{at}.scale[{i}]",
                    $"must be a normal positive number, not {scale[i].ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        if (mean.Length != encoding.Columns.Count || scale.Length != encoding.Columns.Count)
            throw Error(at, $"gives {mean.Length} means and {scale.Length} scales for {encoding.Columns.Count} target columns");
        return encoding with { Mean = mean, Scale = scale };
    }
}

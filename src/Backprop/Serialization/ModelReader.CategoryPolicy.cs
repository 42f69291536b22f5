using System.Text.Json;
using Backprop.Data.Preprocessing;

namespace Backprop.Serialization;

/// <summary>A categorical input's policies: <c>unknown</c> (absent: an unseen category is none of the known ones, as in files written
/// before the choice) and <c>gaps</c> with its <c>fill</c> (absent: a gap is refused, as in files written before the choice).</summary>
internal sealed partial class ModelReader
{
    private CategoricalColumn CategoryPolicy(JsonElement item, string path, CategoricalColumn column)
    {
        if (item.TryGetProperty("unknown", out var unknown) && unknown.ValueKind != JsonValueKind.Null)
            column = Text(unknown, $"{path}.unknown") switch
            {
                "error" => column with { RefuseUnknown = true },
                "ignore" => column,
                var other => throw Error($"{path}.unknown", $"unknown policy \"{other}\" (expected error or ignore)"),
            };
        if (!item.TryGetProperty("gaps", out var gaps) || gaps.ValueKind == JsonValueKind.Null) return column;
        column = Text(gaps, $"{path}.gaps") switch
        {
            "own" => column with { FillsGaps = true, MissingSlot = true },
            "none" => column with { FillsGaps = true },
            "most-frequent" => column with
            {
                FillsGaps = true,
                MostFrequent = Text(Required(item, "fill", $"{path}.fill", JsonValueKind.String), $"{path}.fill"),
            },
            var other => throw Error($"{path}.gaps", $"unknown policy \"{other}\" (expected own, most-frequent or none)"),
        };
        if (column.MostFrequent is string fill && CategoricalColumn.IndexOf(column.Categories, fill) < 0)
            throw Error($"{path}.fill", $"\"{fill}\" is not one of the column's categories");
        return column;
    }

    private string Text(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw Error(path, "must be a string");
}

using Backprop.Data.Preprocessing;

namespace Backprop.Serialization;

/// <summary>The preprocessing section: how each raw column becomes inputs, and how the target becomes outputs.</summary>
internal static partial class ModelWriter
{
    private static void Preprocessing(JsonText json, Preprocessor pre)
    {
        json.BeginObject("preprocessing");
        json.BeginArray("inputs");
        foreach (var column in pre.Inputs)
        {
            json.BeginObject();
            json.String("column", column.Name);
            switch (column)
            {
                case CategoricalColumn c:
                    json.String("kind", "one-hot");
                    json.Strings("categories", c.Categories);
                    CategoryPolicy(json, c);
                    break;
                case MissingIndicatorColumn:
                    json.String("kind", "missing-indicator");
                    break;
                case NumericColumn n:
                    json.String("kind", "numeric");
                    json.Number("mean", n.Mean);
                    json.Number("scale", n.Scale);
                    if (n.Fill is double fill) json.Number("fill", fill);
                    if (n.Clip) json.Boolean("clip", true);
                    break;
            }
            json.EndObject();
        }
        json.EndArray();
        json.BeginObject("target");
        json.Strings("columns", pre.Target.Columns);
        if (pre.Target.Classes is { } classes) json.Strings("classes", classes); else json.Null("classes");
        if (pre.Target.Mean is { } mean && pre.Target.Scale is { } scale)
        {
            json.Numbers("mean", mean);
            json.Numbers("scale", scale);
        }
        json.EndObject();
        json.EndObject();
    }

    /// <summary>What a categorical column does with an unseen category (written only when it refuses one) and with a gap (written only when it
    /// reads one: <c>own</c> — its own input, <c>most-frequent</c> — the category <c>fill</c>, <c>none</c> — no input set).</summary>
    private static void CategoryPolicy(JsonText json, CategoricalColumn c)
    {
        if (c.RefuseUnknown) json.String("unknown", "error");
        if (!c.FillsGaps) return;
        json.String("gaps", c.MissingSlot ? "own" : c.MostFrequent is null ? "none" : "most-frequent");
        if (c.MostFrequent is string fill) json.String("fill", fill);
    }
}

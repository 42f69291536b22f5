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
}

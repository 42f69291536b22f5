namespace Backprop.Serialization;

/// <summary>
/// Writes a model file: the header (format, version, inputs, names), then one section after another — layers,
/// preprocessing, training, checkpoint — each by its own writer (<c>ModelWriter.*.cs</c>), as <see cref="ModelReader"/>
/// reads each with its own reader. A new field of a section is one line in its writer and one in its reader.
/// </summary>
internal static partial class ModelWriter
{
    /// <summary>The model as JSON text.</summary>
    public static string Write(ModelDocument model)
    {
        var json = new JsonText();
        json.BeginObject();
        json.String("format", ModelDocument.FormatName);
        json.Number("version", ModelDocument.CurrentVersion);
        json.Number("inputs", model.Inputs);
        if (model.Features is not null) json.Strings("features", model.Features);
        if (model.Targets is not null) json.Strings("targets", model.Targets);
        // A float network's parameters and optimiser state are floats: written with a float's digits, not a double's.
        bool single = model.Options?.Precision == Runs.Precision.Float;
        Layers(json, model.Layers, single);
        if (model.Preprocessing is { } pre) Preprocessing(json, pre);
        // Options rebuilt from an older file's sections are not written back: the file keeps what it recorded, no more.
        if (model.Options is { } options && model.MigratedOptions is null) Options(json, options);
        if (model.Training is { } training) Training(json, training, writesOptions: model.Options is not null && model.MigratedOptions is null);
        if (model.Checkpoint is { } checkpoint) Checkpoint(json, checkpoint, single);
        json.EndObject();
        return json.ToString();
    }

    /// <summary>A number that JSON can hold, or null for one that is not finite (unknown, not measured).</summary>
    private static void NumberOrNull(JsonText json, string name, double? value)
    {
        if (value is double v && double.IsFinite(v)) json.Number(name, v); else json.Null(name);
    }
}

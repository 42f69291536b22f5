using System.Globalization;
using System.Text.Json;
using Backprop.Diagnostics;

namespace Backprop.Serialization;

/// <summary>
/// Walks the JSON tree, naming every value by its path in errors: the header here, then each section with its own
/// reader (<c>ModelReader.Layers.cs</c>, <c>.Preprocessing.cs</c>, <c>.Training.cs</c>, <c>.Checkpoint.cs</c>), as
/// <see cref="ModelWriter"/> writes each with its own writer.
/// </summary>
internal sealed partial class ModelReader(string source)
{
    private ModelFormatException Error(string path, string problem) => new(problem, source, path);

    public ModelDocument Model(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) throw Error("$", "a model file is a JSON object; this is not a backprop model");
        if (!root.TryGetProperty("format", out var format))
            throw Error("format", "no \"format\" field: this is not a backprop model file");
        if (format.ValueKind != JsonValueKind.String || format.GetString() != ModelDocument.FormatName)
            throw Error("format", $"format is {format.GetRawText()}, expected \"{ModelDocument.FormatName}\": this is not a backprop model file");
        // 1.0 is 1: JSON has one kind of number, and some writers (Python's json with floats) give every number a point.
        var versionElement = Required(root, "version", "version", JsonValueKind.Number);
        if (!versionElement.TryGetDouble(out double version) || version != ModelDocument.CurrentVersion)
            throw Error("version",
                $"model version {versionElement.GetRawText()} is not supported: this backprop reads version {ModelDocument.CurrentVersion}");
        int inputs = Integer(root, "inputs", "inputs");
        if (inputs < 1) throw Error("inputs", $"inputs must be at least 1, not {inputs}");

        var layers = Layers(root, inputs);
        int width = layers[^1].Units;
        var features = StringList(root, "features", inputs);
        var targets = StringList(root, "targets", width);
        var preprocessing = Preprocessing(root, inputs, width);
        var model = new ModelDocument
        {
            Inputs = inputs, Layers = layers, Features = features, Targets = targets, Preprocessing = preprocessing,
            Training = Training(root, layers.Count), Checkpoint = Checkpoint(root, layers.Count), Options = Options(root),
        };
        // A file written before the options section: the options rebuilt from what it records (OptionsMigration).
        if (model.Options is not null || model.Training is null) return model;
        var (options, recorded) = OptionsMigration.Of(model);
        return model with { Options = options, MigratedOptions = recorded };
    }

    private double[] Numbers(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Array) throw Error(path, $"must be an array of numbers, not {Describe(element)}");
        var values = new double[element.GetArrayLength()];
        int i = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetDouble(out values[i]) || !double.IsFinite(values[i]))
                throw Error($"{path}[{i}]", $"must be a finite number, not {Describe(item)}");
            i++;
        }
        return values;
    }

    private IReadOnlyList<string>? StringList(JsonElement root, string name, int expected)
    {
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null) return null;
        if (element.ValueKind != JsonValueKind.Array || element.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            throw Error(name, "must be an array of column names");
        var list = element.EnumerateArray().Select(e => e.GetString()!).ToList();
        if (list.Count != expected) throw Error(name, $"names {list.Count} columns but the network has {expected}");
        return list;
    }

    private double Finite(JsonElement parent, string name, string path)
    {
        var e = Required(parent, name, path, JsonValueKind.Number);
        double v = e.GetDouble();
        if (!double.IsFinite(v)) throw Error(path, $"must be a finite number, not {e.GetRawText()}");
        return v;
    }

    /// <summary>A scale to divide by: a normal positive number (not 0, not subnormal as 1e-320, whose reciprocal overflows).</summary>
    private double Scale(JsonElement parent, string name, string path)
    {
        double v = Finite(parent, name, path);
        if (v <= 0 || !double.IsNormal(v) || !double.IsFinite(1 / v))
            throw Error(path, $"must be a normal positive number (at least 2.2250738585072014E-308), not {v.ToString(CultureInfo.InvariantCulture)}");
        return v;
    }

    private IReadOnlyList<string> Texts(JsonElement array, string path, bool distinct = true)
    {
        if (array.ValueKind != JsonValueKind.Array || array.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            throw Error(path, "must be an array of strings");
        var list = array.EnumerateArray().Select(e => e.GetString()!).ToList();
        if (list.Count == 0) throw Error(path, "must not be empty");
        if (distinct && list.Distinct().Count() != list.Count) throw Error(path, "names a value twice");
        return list;
    }

    private int Integer(JsonElement parent, string name, string path)
    {
        var element = Required(parent, name, path, JsonValueKind.Number);
        if (!element.TryGetInt32(out int value)) throw Error(path, $"must be a whole number, not {element.GetRawText()}");
        return value;
    }

    /// <summary>The field <paramref name="name"/>, which must be of kind <paramref name="kind"/> or <paramref name="other"/>.</summary>
    private JsonElement Required(JsonElement parent, string name, string path, JsonValueKind kind, JsonValueKind other)
    {
        if (parent.TryGetProperty(name, out var element) && element.ValueKind == other) return element;
        return Required(parent, name, path, kind);
    }

    private JsonElement Required(JsonElement parent, string name, string path, JsonValueKind kind)
    {
        if (!parent.TryGetProperty(name, out var element)) throw Error(path, $"the \"{name}\" field is missing");
        if (element.ValueKind != kind)
        {
            string expected = kind switch
            {
                JsonValueKind.Array => "an array", JsonValueKind.Object => "an object", _ => "a " + kind.ToString().ToLowerInvariant(),
            };
            throw Error(path, $"must be {expected}, not {Describe(element)}");
        }
        return element;
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => $"the string {element.GetRawText()}",
        _ => element.GetRawText(),
    };
}

using System.Text.Json;
using Backprop.Activations;
using Backprop.Diagnostics;

namespace Backprop.Serialization;

/// <summary>Walks the JSON tree, naming every value by its path in errors.</summary>
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
            throw Error("version", $"model version {versionElement.GetRawText()} is not supported: this backprop reads version {ModelDocument.CurrentVersion}");
        int inputs = Integer(root, "inputs", "inputs");
        if (inputs < 1) throw Error("inputs", $"inputs must be at least 1, not {inputs}");

        var layersElement = Required(root, "layers", "layers", JsonValueKind.Array);
        if (layersElement.GetArrayLength() == 0) throw Error("layers", "a model needs at least one layer");
        var layers = new List<LayerDocument>();
        int width = inputs;
        int index = 0;
        foreach (var element in layersElement.EnumerateArray())
        {
            var layer = Layer(element, $"layers[{index}]", width);
            layers.Add(layer);
            width = layer.Units;
            index++;
        }
        if (!layers[^1].IsDense)
            throw Error($"layers[{layers.Count - 1}].kind", $"the output layer is {layers[^1].Kind}; the last layer must be dense");
        for (int l = 0; l < layers.Count; l++)
        {
            if (layers[l].Activation != "softmax") continue;
            if (l < layers.Count - 1)
                throw Error($"layers[{l}].activation", $"layer {l + 1} of {layers.Count} is hidden and uses softmax, which belongs on the output layer only");
            if (layers[l].Units == 1)
                throw Error($"layers[{l}].activation", "softmax over a single output unit is always 1: use sigmoid (or identity)");
        }
        var features = StringList(root, "features", inputs);
        var targets = StringList(root, "targets", width);
        var preprocessing = Preprocessing(root, inputs, width);
        return new ModelDocument
        {
            Inputs = inputs, Layers = layers, Features = features, Targets = targets, Preprocessing = preprocessing, Training = Training(root),
            Checkpoint = Checkpoint(root),
        };
    }

    private LayerDocument Layer(JsonElement element, string path, int inputs)
    {
        if (element.ValueKind != JsonValueKind.Object) throw Error(path, "a layer is a JSON object");
        if (element.TryGetProperty("kind", out var kindElement) && kindElement.ValueKind != JsonValueKind.Null)
        {
            if (kindElement.ValueKind != JsonValueKind.String) throw Error($"{path}.kind", $"must be a string, not {Describe(kindElement)}");
            switch (kindElement.GetString())
            {
                case LayerDocument.DenseKind: break;
                case LayerDocument.DropoutKind:
                    double rate = Finite(element, "rate", $"{path}.rate");
                    if (!(rate >= 0 && rate < 1)) throw Error($"{path}.rate", $"a dropout rate is at least 0 and below 1, not {rate}");
                    if (element.TryGetProperty("units", out var u) && (u.ValueKind != JsonValueKind.Number || !u.TryGetInt32(out int n) || n != inputs))
                        throw Error($"{path}.units", $"a dropout layer passes its {inputs} inputs through, so it has {inputs} units, not {u.GetRawText()}");
                    return LayerDocument.Dropout(inputs, rate);
                default:
                    throw Error($"{path}.kind", $"unknown layer kind {kindElement.GetRawText()} (expected dense or dropout)");
            }
        }
        int units = Integer(element, "units", $"{path}.units");
        if (units < 1) throw Error($"{path}.units", $"a layer needs at least 1 unit, not {units}");
        var activationElement = Required(element, "activation", $"{path}.activation", JsonValueKind.String);
        string activation = activationElement.GetString()!;
        if (!ActivationRegistry.Contains(activation))
            throw Error($"{path}.activation", $"unknown activation \"{activation}\" (expected one of: {string.Join(", ", ActivationRegistry.Names)})");
        activation = ActivationRegistry.Get(activation).Name;

        var weightsElement = Required(element, "weights", $"{path}.weights", JsonValueKind.Array);
        int rows = weightsElement.GetArrayLength();
        if (rows != units)
            throw Error($"{path}.weights", $"has {rows} rows but the layer has {units} units (weights[j][i] is the weight from input i to unit j)");
        var weights = new double[units][];
        int j = 0;
        foreach (var row in weightsElement.EnumerateArray())
        {
            string rowPath = $"{path}.weights[{j}]";
            weights[j] = Numbers(row, rowPath);
            if (weights[j].Length != inputs)
                throw Error(rowPath, $"has {weights[j].Length} values but the layer has {inputs} inputs");
            j++;
        }

        double[]? bias = null;
        if (element.TryGetProperty("bias", out var biasElement) && biasElement.ValueKind != JsonValueKind.Null)
        {
            bias = Numbers(biasElement, $"{path}.bias");
            if (bias.Length != units) throw Error($"{path}.bias", $"has {bias.Length} values but the layer has {units} units");
        }
        bool trainBias = true;
        if (element.TryGetProperty("trainBias", out var trainElement) && trainElement.ValueKind != JsonValueKind.Null)
        {
            if (trainElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                throw Error($"{path}.trainBias", $"must be true or false, not {trainElement.GetRawText()}");
            trainBias = trainElement.GetBoolean();
        }
        return new LayerDocument(units, activation, weights, bias, trainBias);
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

    private Data.Preprocessing.Preprocessor? Preprocessing(JsonElement root, int inputs, int outputs)
    {
        if (!root.TryGetProperty("preprocessing", out var pre) || pre.ValueKind == JsonValueKind.Null) return null;
        if (pre.ValueKind != JsonValueKind.Object) throw Error("preprocessing", "must be an object");
        var columns = new List<Data.Preprocessing.InputColumn>();
        int index = 0;
        foreach (var item in Required(pre, "inputs", "preprocessing.inputs", JsonValueKind.Array).EnumerateArray())
        {
            string path = $"preprocessing.inputs[{index++}]";
            if (item.ValueKind != JsonValueKind.Object) throw Error(path, "must be an object");
            string name = Required(item, "column", $"{path}.column", JsonValueKind.String).GetString()!;
            int twice = columns.FindIndex(c => c.Name == name);
            if (twice >= 0) throw Error($"{path}.column", $"reads column '{name}' a second time (preprocessing.inputs[{twice}] reads it already)");
            string kind = Required(item, "kind", $"{path}.kind", JsonValueKind.String).GetString()!;
            columns.Add(kind switch
            {
                "numeric" => new Data.Preprocessing.NumericColumn(name, Finite(item, "mean", $"{path}.mean"), Positive(item, "scale", $"{path}.scale"),
                    item.TryGetProperty("fill", out var fill) && fill.ValueKind != JsonValueKind.Null ? Finite(item, "fill", $"{path}.fill") : null),
                "one-hot" => new Data.Preprocessing.CategoricalColumn(name, Texts(Required(item, "categories", $"{path}.categories", JsonValueKind.Array), $"{path}.categories")),
                _ => throw Error($"{path}.kind", $"unknown kind \"{kind}\" (expected numeric or one-hot)"),
            });
        }
        var targetElement = Required(pre, "target", "preprocessing.target", JsonValueKind.Object);
        var targetColumns = Texts(Required(targetElement, "columns", "preprocessing.target.columns", JsonValueKind.Array), "preprocessing.target.columns");
        IReadOnlyList<string>? classes = targetElement.TryGetProperty("classes", out var c) && c.ValueKind != JsonValueKind.Null
            ? Texts(c, "preprocessing.target.classes") : null;
        if (columns.FindIndex(c => targetColumns.Contains(c.Name)) is int input and >= 0)
            throw Error($"preprocessing.inputs[{input}].column", $"reads the target column '{columns[input].Name}' as an input");
        var result = new Data.Preprocessing.Preprocessor(columns, new Data.Preprocessing.TargetEncoding(targetColumns, classes));
        if (result.FeatureCount != inputs)
            throw Error("preprocessing.inputs", $"encode {result.FeatureCount} inputs but the network takes {inputs}");
        if (classes is { Count: < 2 }) throw Error("preprocessing.target.classes", "needs at least two classes");
        if (classes is not null && targetColumns.Count != 1) throw Error("preprocessing.target.columns", "a class target is one column");
        if (result.Target.Width != outputs)
            throw Error("preprocessing.target", $"encodes {result.Target.Width} outputs but the network has {outputs}");
        return result;
    }

    private double Finite(JsonElement parent, string name, string path)
    {
        var e = Required(parent, name, path, JsonValueKind.Number);
        double v = e.GetDouble();
        if (!double.IsFinite(v)) throw Error(path, $"must be a finite number, not {e.GetRawText()}");
        return v;
    }

    private double Positive(JsonElement parent, string name, string path)
    {
        double v = Finite(parent, name, path);
        if (v <= 0) throw Error(path, $"must be positive, not {v}");
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

    private JsonElement Required(JsonElement parent, string name, string path, JsonValueKind kind)
    {
        if (!parent.TryGetProperty(name, out var element)) throw Error(path, $"the \"{name}\" field is missing");
        if (element.ValueKind != kind)
            throw Error(path, $"must be {(kind == JsonValueKind.Array ? "an array" : "a " + kind.ToString().ToLowerInvariant())}, not {Describe(element)}");
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

using System.Text.Json;
using Backprop.Activations;

namespace Backprop.Serialization;

/// <summary>The layers section: every layer of its kind and shape, each fitting the one below.</summary>
internal sealed partial class ModelReader
{
    private List<LayerDocument> Layers(JsonElement root, int inputs)
    {
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
                throw Error($"layers[{l}].activation",
                    $"layer {l + 1} of {layers.Count} is hidden and uses softmax, which belongs on the output layer only");
            if (layers[l].Units == 1)
                throw Error($"layers[{l}].activation", "softmax over a single output unit is always 1: use sigmoid (or identity)");
        }
        return layers;
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
                    if (element.TryGetProperty("units", out var u)
                        && (u.ValueKind != JsonValueKind.Number || !u.TryGetInt32(out int n) || n != inputs))
                        throw Error($"{path}.units",
                            $"a dropout layer passes its {inputs} inputs through, so it has {inputs} units, not {u.GetRawText()}");
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
            throw Error($"{path}.activation",
                $"unknown activation \"{activation}\" (expected one of: {string.Join(", ", ActivationRegistry.Names)})");
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
}

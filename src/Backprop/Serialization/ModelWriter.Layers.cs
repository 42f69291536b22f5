using Backprop.Diagnostics;

namespace Backprop.Serialization;

/// <summary>The layers section: each dense layer's units, activation, weights and bias; each dropout layer's kind and rate.</summary>
internal static partial class ModelWriter
{
    private static void Layers(JsonText json, IReadOnlyList<LayerDocument> layers, bool single)
    {
        json.BeginArray("layers");
        for (int l = 0; l < layers.Count; l++)
        {
            var layer = layers[l];
            json.BeginObject();
            if (!layer.IsDense)
            {
                // A dense layer has no "kind": files written before kinds existed, and dense layers now, read the same.
                json.String("kind", layer.Kind);
                json.Number("rate", layer.Rate ?? 0);
                json.EndObject();
                continue;
            }
            json.Number("units", layer.Units);
            json.String("activation", layer.Activation);
            json.BeginArray("weights");
            foreach (var row in layer.Weights) Numbers(json, null, CheckFinite(row, $"layers[{l}].weights"), single);
            json.EndArray();
            if (layer.Bias is null) json.Null("bias");
            else Numbers(json, "bias", CheckFinite(layer.Bias, $"layers[{l}].bias"), single);
            json.Boolean("trainBias", layer.TrainBias);
            json.EndObject();
        }
        json.EndArray();
    }

    /// <summary>The numbers of a float network (<paramref name="single"/>) with a float's digits, else a double's.</summary>
    private static void Numbers(JsonText json, string? name, IEnumerable<double> values, bool single)
    {
        if (single) json.Singles(name, values); else json.Numbers(name, values);
    }

    private static double[] CheckFinite(double[] values, string where)
    {
        foreach (double v in values)
            if (!double.IsFinite(v)) throw new BackpropException($"cannot save a model whose {where} holds {v}");
        return values;
    }
}

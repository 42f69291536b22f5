using System.Text.Json;

namespace Backprop.Serialization;

/// <summary>The preprocessing section: each input column once, never a target column, and widths that fit the network.</summary>
internal sealed partial class ModelReader
{
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
            string kind = Required(item, "kind", $"{path}.kind", JsonValueKind.String).GetString()!;
            int twice = columns.FindIndex(c => c.Name == name);
            if (kind == "missing-indicator" && !(twice == columns.Count - 1 && columns[twice] is Data.Preprocessing.NumericColumn))
                throw Error($"{path}.column", $"watches column '{name}', which is not the numeric input just before it");
            if (twice >= 0 && kind != "missing-indicator")
                throw Error($"{path}.column", $"reads column '{name}' a second time (preprocessing.inputs[{twice}] reads it already)");
            columns.Add(kind switch
            {
                "numeric" => new Data.Preprocessing.NumericColumn(name, Finite(item, "mean", $"{path}.mean"), Scale(item, "scale", $"{path}.scale"),
                    item.TryGetProperty("fill", out var fill) && fill.ValueKind != JsonValueKind.Null ? Finite(item, "fill", $"{path}.fill") : null)
                    { Clip = Clip(item, $"{path}.clip") },
                "one-hot" => CategoryPolicy(item, path, new Data.Preprocessing.CategoricalColumn(name,
                    Texts(Required(item, "categories", $"{path}.categories", JsonValueKind.Array), $"{path}.categories"))),
                "missing-indicator" => new Data.Preprocessing.MissingIndicatorColumn(name),
                _ => throw Error($"{path}.kind", $"unknown kind \"{kind}\" (expected numeric, one-hot or missing-indicator)"),
            });
        }
        var targetElement = Required(pre, "target", "preprocessing.target", JsonValueKind.Object);
        var targetColumns = Texts(Required(targetElement, "columns", "preprocessing.target.columns", JsonValueKind.Array),
            "preprocessing.target.columns");
        IReadOnlyList<string>? classes = targetElement.TryGetProperty("classes", out var c) && c.ValueKind != JsonValueKind.Null
            ? Texts(c, "preprocessing.target.classes") : null;
        if (columns.FindIndex(c => targetColumns.Contains(c.Name)) is int input and >= 0)
            throw Error($"preprocessing.inputs[{input}].column", $"reads the target column '{columns[input].Name}' as an input");
        var result = new Data.Preprocessing.Preprocessor(columns, TargetScale(targetElement, new(targetColumns, classes)));
        if (result.FeatureCount != inputs)
            throw Error("preprocessing.inputs", $"encode {result.FeatureCount} inputs but the network takes {inputs}");
        if (classes is { Count: < 2 }) throw Error("preprocessing.target.classes", "needs at least two classes");
        if (classes is not null && targetColumns.Count != 1) throw Error("preprocessing.target.columns", "a class target is one column");
        if (result.Target.Width != outputs)
            throw Error("preprocessing.target", $"encodes {result.Target.Width} outputs but the network has {outputs}");
        return result;
    }
}

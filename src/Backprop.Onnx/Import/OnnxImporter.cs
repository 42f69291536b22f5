using System.Globalization;
using System.Text.RegularExpressions;
using Backprop.Data.Preprocessing;
using Backprop.Onnx.Proto;
using Backprop.Serialization;

namespace Backprop.Onnx;

/// <summary>
/// Reads an MLP ONNX graph — as <c>torch.onnx.export</c> writes an <c>nn.Sequential</c> of <c>Linear</c> layers and
/// activations, as skl2onnx writes an <c>MLPClassifier</c>, or as Backprop exports a model without preprocessing — into
/// a model document. Anything else is refused with the node and the op named. See <c>docs/interop.md</c>.
/// </summary>
public static partial class OnnxImporter
{
    /// <summary>Reads the .onnx file at <paramref name="path"/>.</summary>
    /// <exception cref="Diagnostics.ModelFormatException">
    /// The file is missing, empty, not a regular file, truncated, not ONNX, declares an opset outside those read, is
    /// malformed (a cycle, a missing operand, a value defined twice, a size it does not hold), or holds a graph that is
    /// not a supported MLP.
    /// </exception>
    public static ModelDocument Load(string path) => Import(OnnxFile.Load(path), path);

    /// <summary>Reads an ONNX model from <paramref name="input"/>; <paramref name="source"/> names it in error messages.</summary>
    public static ModelDocument Import(Stream input, string source) => Import(OnnxFile.Parse(OnnxFile.ReadAll(input, source), source), source);

    /// <summary>The model document of <paramref name="model"/>; <paramref name="source"/> names it in error messages.</summary>
    internal static ModelDocument Import(ModelProto model, string source)
    {
        CheckOpsets(model, source);
        // Every declared size is held against the bytes the model takes: its weights are in them.
        long bytes = model.CalculateSize();
        var graph = new GraphIndex(model, source);
        for (int i = 0; i < graph.Graph.Node.Count; i++)
            if (graph.Graph.Node[i].Domain is not ("" or OnnxOpsets.Default or OnnxOpsets.MachineLearning))
                throw graph.NodeError(i, $"the operator domain {Quoted.Name(graph.Graph.Node[i].Domain)} is not supported");

        var inputs = graph.Graph.Input.Where(v => !graph.IsConstant(v.Name)).ToList();
        if (inputs.Count != 1)
            throw graph.Error(
                $"the graph has {inputs.Count} inputs ({Quoted.List(inputs.Select(v => v.Name))}); an MLP to import has one, the features");
        var input = inputs[0];
        int width = InputWidth(graph, input, bytes);

        var (filled, fills) = InputFill.Read(graph, input.Name, width);
        var (scaled, means, scales) = InputScaling.Read(graph, filled, width);
        var chain = new LayerChain(graph);
        string end = chain.Read(scaled, width);
        chain.Finish();
        var layers = chain.Layers;
        int units = layers[^1].Units;
        var classes = ClassifierTail.Read(graph, end, units);
        if (classes is null && !graph.Outputs.Contains(end))
        {
            var next = graph.Readers(end);
            throw next.Count > 0 ? graph.NodeError(next[0],
                "is not an op Backprop imports (Gemm, MatMul, Add, Relu, Sigmoid, Tanh, LeakyRelu, Softmax, Identity, Flatten, Cast)")
                : graph.Error($"the network's last value {Quoted.Name(end)} is not a graph output");
        }
        if (graph.FirstUnused() is int stray)
            throw graph.NodeError(stray, "is not part of the MLP (Backprop imports a chain of dense layers from the one input)");

        var features = Names(model, "backprop.features", width) ?? FeatureNames(input.Name, width);
        var columns = features.Select((f, i) =>
            (InputColumn)new NumericColumn(f, means?[i] ?? 0, scales?[i] ?? 1, fills?[i])).ToList();
        if (classes is null)
        {
            var output = graph.Graph.Output.First(o => o.Name == end).Name;
            var targets = Names(model, "backprop.targets", units)
                ?? (units == 1 ? [output] : Enumerable.Range(0, units).Select(k => $"{output}{k}").ToList());
            return Loadable(graph, new ModelDocument
            {
                Inputs = width, Layers = layers, Features = features, Targets = targets,
                Preprocessing = means is null && fills is null ? null : new Preprocessor(columns, new TargetEncoding(targets)),
            });
        }
        int expected = classes.Count == 2 ? 1 : classes.Count;
        if (units != expected)
            throw graph.Error($"the classifier names {classes.Count} classes but its last layer has {units} outputs (expected {expected})");
        var target = new TargetEncoding(Names(model, "backprop.targets", 1) ?? ["label"], classes);
        return Loadable(graph, new ModelDocument
        {
            Inputs = width, Layers = layers, Features = features, Targets = target.OutputNames,
            Preprocessing = new Preprocessor(columns, target),
        });
    }

    /// <summary>
    /// <paramref name="model"/> once the model file it gives reads back: whatever a later command would refuse in that
    /// file is refused here, at import, rather than written with exit code 0.
    /// </summary>
    private static ModelDocument Loadable(GraphIndex graph, ModelDocument model)
    {
        try
        {
            ModelFile.Parse(System.Text.Encoding.UTF8.GetBytes(ModelFile.ToJson(model)), graph.Source);
        }
        catch (Diagnostics.ModelFormatException e)
        {
            throw graph.Error($"the model it gives would not load: {(e.Location is null ? "" : e.Location + ": ")}{e.Problem}");
        }
        return model;
    }

    private static void CheckOpsets(ModelProto model, string source)
    {
        foreach (var opset in model.OpsetImport)
        {
            (string domain, int max) = opset.Domain switch
            {
                "" or OnnxOpsets.Default => (OnnxOpsets.Default, OnnxOpsets.MaxImportVersion),
                OnnxOpsets.MachineLearning => (OnnxOpsets.MachineLearning, OnnxOpsets.MaxImportMlVersion),
                _ => (opset.Domain, int.MaxValue),
            };
            if (opset.Version < 1)
                throw new Diagnostics.ModelFormatException(
                    $"the model declares opset {opset.Version} of {Quoted.Name(domain)[1..^1]}; opset versions start at 1", source);
            if (opset.Version > max)
                throw new Diagnostics.ModelFormatException(
                    $"the model declares opset {opset.Version} of {domain}; Backprop reads up to {max}", source);
        }
    }

    /// <summary>Features per row: the input is [N, F], or [N, d1, d2, …] when a Flatten follows (F = d1·d2·…).</summary>
    private static int InputWidth(GraphIndex graph, ValueInfoProto input, long bytes)
    {
        if (input.Type?.TensorType is not { } tensor)
            throw graph.Error($"the input {Quoted.Name(input.Name)} is not a tensor");
        if (tensor.ElemType is not ((int)TensorProto.Types.DataType.Float or (int)TensorProto.Types.DataType.Double))
            throw graph.Error($"the input {Quoted.Name(input.Name)} holds {OnnxFile.TypeName(tensor.ElemType)}; an MLP's input is float or double");
        var dims = tensor.Shape?.Dim;
        if (dims is null || dims.Count < 2 || dims.Skip(1).Any(d => !d.HasDimValue || d.DimValue < 1))
            throw graph.Error($"the input {Quoted.Name(input.Name)} must have a shape [N, features] with a fixed number of features");
        bool flattened = graph.Readers(input.Name) is [int reader] && graph.Graph.Node[reader].OpType == "Flatten";
        if (dims.Count > 2 && !flattened)
            throw graph.Error($"the input {Quoted.Name(input.Name)} has {dims.Count} dimensions; only a Flatten may read such an input");
        // Each feature has at least one weight in the first layer, and a weight takes at least a byte of the file:
        // a declared width beyond the file's size (or whose product overflows) cannot be real, and allocates nothing.
        long width = 1;
        foreach (var d in dims.Skip(1))
            width = width > long.MaxValue / d.DimValue ? long.MaxValue : width * d.DimValue;
        if (width > bytes || width > int.MaxValue)
        {
            var shown = dims.Take(8).Select(d => d.HasDimValue ? d.DimValue.ToString(CultureInfo.InvariantCulture) : "N");
            string shape = $"[{string.Join(", ", shown)}{(dims.Count > 8 ? ", …" : "")}]";
            string count = width == long.MaxValue ? "a number that overflows" : width.ToString(CultureInfo.InvariantCulture);
            throw graph.Error(
                $"the input {Quoted.Name(input.Name)} is {shape}: {count} features per row, "
                + $"more than the weights in this {bytes}-byte model could take");
        }
        return (int)width;
    }

    /// <summary>The names a Backprop export keeps in its metadata (a JSON array), when there are <paramref name="count"/> of them.</summary>
    private static List<string>? Names(ModelProto model, string key, int count)
    {
        if (model.MetadataProps.FirstOrDefault(p => p.Key == key)?.Value is not { } json) return null;
        try
        {
            var names = System.Text.Json.JsonDocument.Parse(json).RootElement is { ValueKind: System.Text.Json.JsonValueKind.Array } array
                && array.EnumerateArray().All(e => e.ValueKind == System.Text.Json.JsonValueKind.String)
                ? array.EnumerateArray().Select(e => e.GetString()!).ToList() : null;
            return names is not null && names.Count == count && names.All(n => n is { Length: > 0 }) && names.Distinct().Count() == count
                ? names : null;
        }
        catch (System.Text.Json.JsonException) { return null; }
    }

    private static List<string> FeatureNames(string input, int width)
    {
        string prefix = Identifier().IsMatch(input) ? input : "x";
        return Enumerable.Range(0, width).Select(i => $"{prefix}{i}").ToList();
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}

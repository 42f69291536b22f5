using System.Reflection;
using System.Text.Json;
using Backprop.Onnx.Proto;
using Backprop.Serialization;
using Google.Protobuf;

namespace Backprop.Onnx;

/// <summary>
/// Writes a model as an ONNX graph that takes the same raw columns as <c>backprop predict</c>: the preprocessing
/// (standardisation, one-hot columns) is in the graph, then a Gemm and an activation per layer, then the outputs
/// (<c>label</c> and <c>probabilities</c> for a classifier, <c>predictions</c> otherwise). See <c>docs/interop.md</c>.
/// </summary>
public static class OnnxExporter
{
    /// <summary>The precision a model is exported in unless told otherwise: float when it was trained in float, else double.</summary>
    public static OnnxPrecision DefaultPrecision(ModelDocument model) =>
        model.Training?.Precision == "float" ? OnnxPrecision.Float : OnnxPrecision.Double;

    /// <summary>The ONNX model of <paramref name="model"/> in <paramref name="precision"/> (by default <see cref="DefaultPrecision"/>).</summary>
    /// <exception cref="Diagnostics.BackpropException">A layer's activation has no ONNX form, or two graph values would share a name.</exception>
    internal static ModelProto ToOnnx(ModelDocument model, OnnxPrecision? precision = null)
    {
        var graph = new GraphBuilder(precision ?? DefaultPrecision(model));
        var outputs = OutputExport.Names(model);
        InputExport.CheckNames(graph, model, outputs);
        string value = InputExport.Append(graph, model);
        var dense = model.DenseLayers; // dropout is the identity at inference: the graph has none
        for (int l = 0; l < dense.Count; l++) value = LayerExport.Append(graph, value, dense[l], l);
        OutputExport.Append(graph, model, value);

        var onnx = new ModelProto
        {
            IrVersion = OnnxOpsets.ExportIrVersion,
            ProducerName = "backprop",
            ProducerVersion = Version,
            Graph = graph.Graph,
            DocString = $"A {model.Inputs}-{string.Join("-", dense.Select(l => l.Units))} multilayer perceptron exported by Backprop.",
        };
        onnx.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OnnxOpsets.ExportVersion });
        onnx.OpsetImport.Add(new OperatorSetIdProto { Domain = OnnxOpsets.MachineLearning, Version = OnnxOpsets.ExportMlVersion });
        Metadata(onnx, "backprop.version", Version);
        Metadata(onnx, "backprop.features", Json(model.Preprocessing?.FeatureNames ?? model.Features));
        Metadata(onnx, "backprop.inputs", Json(model.Preprocessing?.Inputs.Select(c => c.Name).ToList()));
        Metadata(onnx, "backprop.targets", Json(model.Preprocessing?.Target.Columns ?? model.Targets));
        Metadata(onnx, "backprop.classes", Json(model.Preprocessing?.Target.Classes));
        return onnx;
    }

    /// <summary>Writes the ONNX model of <paramref name="model"/> to <paramref name="output"/>.</summary>
    public static void Export(ModelDocument model, Stream output, OnnxPrecision? precision = null) =>
        ToOnnx(model, precision).WriteTo(output);

    /// <summary>Writes the ONNX model of <paramref name="model"/> to the file <paramref name="path"/> atomically: a failure leaves no file or the old
    /// one.</summary>
    public static void Save(ModelDocument model, string path, OnnxPrecision? precision = null) =>
        AtomicFile.WriteAllBytes(path, ToOnnx(model, precision).ToByteArray());

    /// <summary>The version of the Backprop library, as written in the <c>backprop.version</c> metadata.</summary>
    public static string Version { get; } =
        typeof(ModelDocument).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(ModelDocument).Assembly.GetName().Version?.ToString() ?? "unknown";

    // As JsonSerializer.Serialize writes a list of strings, without reflection (which a file-based or AOT program turns off).
    private static string? Json(IReadOnlyList<string>? values) =>
        values is null ? null : "[" + string.Join(",", values.Select(v => "\"" + JsonEncodedText.Encode(v).ToString() + "\"")) + "]";

    private static void Metadata(ModelProto onnx, string key, string? value)
    {
        if (value is not null) onnx.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
    }
}

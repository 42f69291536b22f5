using System.CommandLine;
using Backprop.Diagnostics;
using Backprop.Onnx;
using Backprop.Serialization;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop export</c>: a model file as an ONNX graph with its preprocessing inside (docs/interop.md).</summary>
internal static class ExportCommand
{
    private static readonly Option<string> Model = new("--model") { Description = "model file", Required = true };
    private static readonly Option<string> Format = new("--format") { Description = "the format to write: onnx", DefaultValueFactory = _ => "onnx" };
    private static readonly Option<string> Out = new("--out") { Description = "the file to write", Required = true };
    private static readonly Option<string?> Precision =
        new("--precision") { Description = "float or double (default: the precision the model was trained in)" };

    public static Command Create()
    {
        var command = new Command("export", "Write a model as an ONNX graph that takes the same raw columns as predict.") { Model, Format, Out,
            Precision };
        CommandFiles.Of(command).Reads(Model).Writes(Out).Runs((parse, output) =>
        {
            if (!parse.GetValue(Format)!.Equals("onnx", StringComparison.OrdinalIgnoreCase))
                throw new BackpropException($"--format: '{parse.GetValue(Format)}' is not a format export writes (onnx)");
            OnnxPrecision? precision = parse.GetValue(Precision)?.ToLowerInvariant() switch
            {
                null => null,
                "float" => OnnxPrecision.Float,
                "double" => OnnxPrecision.Double,
                var other => throw new BackpropException($"--precision: '{other}' is not float or double"),
            };
            string path = parse.GetValue(Out)!;
            OutputFolder.Ensure(path);
            var model = Estimators.Model.Load(parse.GetValue(Model)!);
            var onnx = OnnxExporter.ToOnnx(model.Document, precision);
            OnnxFile.Save(path, onnx);
            var graph = onnx.Graph;
            output.WriteLine($"{path}: ONNX opset {OnnxOpsets.ExportVersion}, {graph.Node.Count} nodes; inputs {Describe(graph.Input)}; outputs " +
                $"{Describe(graph.Output)}");
            return 0;
        });
        return command;
    }

    private static string Describe(IEnumerable<Onnx.Proto.ValueInfoProto> values) =>
        string.Join(", ", values.Select(v =>
            $"{v.Name} [{string.Join(", ", v.Type.TensorType.Shape.Dim.Select(Dimension))}] {OnnxFile.TypeName(v.Type.TensorType.ElemType)}"));

    private static string Dimension(Onnx.Proto.TensorShapeProto.Types.Dimension d) =>
        d.HasDimValue ? d.DimValue.ToString(System.Globalization.CultureInfo.InvariantCulture) : d.DimParam;
}

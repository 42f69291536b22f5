using System.CommandLine;
using Backprop.Diagnostics;
using Backprop.Onnx;
using Backprop.Serialization;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop import</c>: a model file from an MLP ONNX graph written by PyTorch or skl2onnx (docs/interop.md).</summary>
internal static class ImportCommand
{
    private static readonly Argument<string> File = new("file") { Description = "the .onnx file" };
    private static readonly Option<string> Format = new("--format") { Description = "the format to read: onnx", DefaultValueFactory = _ => "onnx" };
    private static readonly Option<string> Out = new("--out") { Description = "the model file to write", Required = true };

    public static Command Create()
    {
        var command = new Command("import",
            "Turn an MLP ONNX graph (torch.onnx.export of Linear layers, skl2onnx MLPClassifier) into a model file.") { File, Format, Out };
        CommandFiles.Of(command).Reads(File).Writes(Out).Runs((parse, output) =>
        {
            if (!parse.GetValue(Format)!.Equals("onnx", StringComparison.OrdinalIgnoreCase))
                throw new BackpropException($"--format: '{parse.GetValue(Format)}' is not a format import reads (onnx)");
            string path = parse.GetValue(Out)!;
            OutputFolder.Ensure(path);
            var model = OnnxImporter.Load(parse.GetValue(File)!);
            ModelFile.Save(path, model);
            // The names come from the file: quoted and escaped as in error messages, and at most ten of them.
            string classes = model.Preprocessing?.Target.Classes is { } c ? $", {c.Count} classes {Quoted.List(c)}" : "";
            output.WriteLine($"model {model.Inputs}-{string.Join("-", model.Layers.Select(l => l.Units))} " +
                $"({string.Join(", ", model.Layers.Select(l => l.Activation))}){classes} written to {path}");
            return 0;
        });
        return command;
    }
}

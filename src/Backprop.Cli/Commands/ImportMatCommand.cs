using System.CommandLine;
using Backprop.Data.Mat;
using Backprop.Serialization;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop import-mat</c>: a model file from the Theta matrices of a MATLAB MAT-file (seed 004).</summary>
internal static class ImportMatCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "the MAT-file (e.g. ../shared/data/coursera-ex4/ex4weights.mat)" };
        var output = new Option<string>("--out") { Description = "the model file to write", Required = true };
        var prefix = new Option<string>("--prefix") { Description = "names of the weight matrices: PREFIX1, PREFIX2, …", DefaultValueFactory =
            _ => "Theta" };
        var command = new Command("import-mat", "Turn Ng-style Theta matrices (bias in column 0, sigmoid layers) into a model file.") { file,
            output, prefix };
        CommandFiles.Of(command).Reads(file).Writes(output).Runs((parse, writer) =>
        {
            string path = parse.GetValue(file)!;
            var variables = MatFile.Read(path);
            var thetas = ThetaImport.FindThetas(variables, parse.GetValue(prefix)!, path);
            var model = ThetaImport.ToModel(thetas, path);
            foreach (var theta in thetas) writer.WriteLine($"{theta.Name}: {theta.Rows}×{theta.Columns}");
            ModelFile.Save(parse.GetValue(output)!, model);
            writer.WriteLine($"model {model.Inputs}-{string.Join("-", model.Layers.Select(l => l.Units))} (sigmoid) written to " +
                $"{parse.GetValue(output)}");
            return 0;
        });
        return command;
    }
}

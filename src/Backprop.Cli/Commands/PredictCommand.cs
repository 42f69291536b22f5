using System.CommandLine;
using System.Text;
using Backprop.Data.Output;
using Backprop.Data.Preparation;
using Backprop.Data.Preprocessing;
using Backprop.Parquet;
using Backprop.Serialization;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop predict</c>: run a model on a CSV, a block of rows at a time; one column per output unit, in the model's precision.</summary>
internal static class PredictCommand
{
    private static readonly Option<string> Model = new("--model") { Description = "model file", Required = true };
    private static readonly Option<string> Data =
        new("--data") { Description = "CSV (- for standard input) or Parquet file with the model's feature columns, MNIST images or a MAT-file",
            Required = true };
    private static readonly Option<string?> Out =
        new("--out") { Description = "write the predictions to this file: CSV, or Parquet when it ends in .parquet (default: standard output)" };

    public static Command Create()
    {
        var command = new Command("predict", "Run a model on a CSV file and print or save its outputs.") { Model, Data, Out, DataOptions.Delimiter,
            DataOptions.Decimal };
        CommandFiles.Of(command).Reads(Model).Reads(Data).Writes(Out).Runs((parse, output) =>
        {
            var model = ModelFile.Load(parse.GetValue(Model)!);
            return Run(parse, model, output);
        });
        return command;
    }

    private static int Run(ParseResult parse, ModelDocument model, TextWriter output)
    {
        string dataPath = parse.GetValue(Data)!;
        var target = model.Preprocessing?.Target;
        var names = ModelPrediction.OutputNames(model);
        PredictionColumns.Names(target, names, parse.GetValue(Model)); // a clash is refused before any output is opened
        void Predict(IPredictionSink sink) => ModelPrediction.Write(model, dataPath, sink, DataOptions.Csv(parse), TableInput.Open);
        string? path = parse.GetValue(Out);
        if (path is not null && ParquetTableReader.Is(path))
            AtomicFile.Write(path, stream =>
            {
                if (ModelData.IsFloat(model)) { using var sink = new PredictionParquet<float>(stream, target, names); Predict(sink); }
                else { using var sink = new PredictionParquet<double>(stream, target, names); Predict(sink); }
            });
        else if (path is not null && path != OutputPath.Standard)
            AtomicFile.Write(path, stream =>
            {
                using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true);
                Predict(new PredictionCsv(writer, target, names));
            });
        else Predict(new PredictionCsv(output, target, names));
        return 0;
    }
}

using System.CommandLine;
using System.Text;
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
            DataOptions.Decimal, DataOptions.Unknown };
        CommandFiles.Of(command).Reads(Model).Reads(Data).Writes(Out).Runs((parse, output) =>
        {
            var model = DataOptions.WithUnknown(parse, Estimators.Model.Load(parse.GetValue(Model)!));
            _ = model.PredictionColumns; // a clash is refused before any output is opened
            string data = parse.GetValue(Data)!, path = parse.GetValue(Out) ?? OutputPath.Standard;
            var csv = DataOptions.Csv(parse);
            return FilledGapNote.Counted(parse, model, () => Write(model, data, path, csv, output));
        });
        return command;
    }

    private static int Write(Estimators.Model model, string data, string path, Backprop.Data.Csv.CsvReadOptions csv, TextWriter output)
    {
        if (ParquetTableReader.Is(path))
            AtomicFile.Write(path, stream => PredictionParquet.Write(model, stream, sink => model.Predict(data, sink, csv, TableInput.Open)));
        else if (path != OutputPath.Standard)
            AtomicFile.Write(path, stream =>
            {
                using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true);
                model.Predict(data, model.CsvSink(writer), csv, TableInput.Open);
            });
        else model.Predict(data, model.CsvSink(output), csv, TableInput.Open);
        return 0;
    }
}

using System.CommandLine;
using System.Numerics;
using System.Text;
using Backprop.Data.Output;
using Backprop.Data.Preparation;
using Backprop.Parquet;
using Backprop.Serialization;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop predict</c>: run a model on a CSV, a block of rows at a time; one column per output unit, in the model's precision.</summary>
internal static class PredictCommand
{
    private static readonly Option<string> Model = new("--model") { Description = "model file", Required = true };
    private static readonly Option<string> Data = new("--data") { Description = "CSV (- for standard input) or Parquet file with the model's feature columns, MNIST images or a MAT-file", Required = true };
    private static readonly Option<string?> Out = new("--out") { Description = "write the predictions to this file: CSV, or Parquet when it ends in .parquet (default: standard output)" };

    public static Command Create()
    {
        var command = new Command("predict", "Run a model on a CSV file and print or save its outputs.") { Model, Data, Out, DataOptions.Delimiter, DataOptions.Decimal };
        command.SetAction(parse => CliApp.Guard(parse, output =>
        {
            InputFiles.EnsureNotOverwritten("--out", parse.GetValue(Out), ("--model", parse.GetValue(Model)), ("--data", parse.GetValue(Data)));
            var model = ModelFile.Load(parse.GetValue(Model)!);
            return ModelInput.IsFloat(model) ? Run<float>(parse, model, output) : Run<double>(parse, model, output);
        }));
        return command;
    }

    private static int Run<T>(ParseResult parse, ModelDocument model, TextWriter output) where T : unmanaged, IFloatingPointIeee754<T>
    {
        string dataPath = parse.GetValue(Data)!;
        var network = model.ToNetwork<T>();
        var target = model.Preprocessing?.Target;
        var names = model.Targets ?? Enumerable.Range(1, network.Outputs).Select(k => $"y{k}").ToList();
        Action<IPredictionSink> run;
        if (ArrayData.Is(dataPath))
        {
            var (_, data) = ModelInput.Load(model, dataPath, [], DataOptions.Csv(parse));
            run = sink =>
            {
                sink.Write(BlockPrediction.Predict(network, data.FeaturesAs<T>()));
                sink.Flush();
            };
        }
        else
        {
            var (pre, reader) = ModelInput.OpenCsv(model, dataPath, [], DataOptions.Csv(parse));
            run = sink =>
            {
                using (reader) TablePrediction.Write(network, pre, reader.Blocks(TablePrediction.DefaultBlockRows), sink);
            };
        }
        string? path = parse.GetValue(Out);
        if (path is not null && ParquetTableReader.Is(path))
            AtomicFile.Write(path, stream =>
            {
                using var sink = new PredictionParquet<T>(stream, target, names);
                run(sink);
            });
        else if (path is not null && path != OutputPath.Standard)
            AtomicFile.Write(path, stream =>
            {
                using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true);
                run(new PredictionCsv(writer, target, names));
            });
        else run(new PredictionCsv(output, target, names));
        return 0;
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text;
using Backprop.Serialization;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop predict</c>: run a model on a CSV; one column per output unit, full precision.</summary>
internal static class PredictCommand
{
    private static readonly Option<string> Model = new("--model") { Description = "model file", Required = true };
    private static readonly Option<string> Data = new("--data") { Description = "CSV file with the model's feature columns", Required = true };
    private static readonly Option<string?> Out = new("--out") { Description = "write the predictions to this CSV (default, or '-': standard output)" };

    public static Command Create()
    {
        var command = new Command("predict", "Run a model on a CSV file and print or save its outputs.") { Model, Data, Out };
        command.SetAction(parse => CliApp.Guard(parse, output =>
        {
            InputFiles.EnsureNotOverwritten("--out", parse.GetValue(Out), ("--model", parse.GetValue(Model)), ("--data", parse.GetValue(Data)));
            var (model, data) = ModelInput.Load(parse.GetValue(Model)!, parse.GetValue(Data)!, []);
            var predictions = model.ToNetwork<double>().Predict(data.Features);
            var csv = new StringBuilder();
            if (model.Preprocessing?.Target is { Classes: { } classes } target)
            {
                // A classifier: the predicted class, then the probability of each class.
                csv.AppendLine(string.Join(",", classes.Select(c => Quote($"p({c})")).Prepend(Quote(target.Columns[0]))));
                for (int r = 0; r < predictions.Rows; r++)
                {
                    var row = predictions.Row(r);
                    csv.Append(Quote(classes[target.ClassOf(row)]));
                    foreach (double p in target.Probabilities(row)) csv.Append(',').Append(p.ToString("R", CultureInfo.InvariantCulture));
                    csv.AppendLine();
                }
            }
            else
            {
                var names = model.Targets ?? Enumerable.Range(1, predictions.Columns).Select(k => $"y{k}").ToList();
                csv.AppendLine(string.Join(",", names.Select(Quote)));
                for (int r = 0; r < predictions.Rows; r++)
                    csv.AppendLine(string.Join(",", predictions.Row(r).ToArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
            }
            if (parse.GetValue(Out) is string path and not OutputPath.Standard) AtomicFile.WriteAllText(path, csv.ToString());
            else output.Write(csv.ToString());
            return 0;
        }));
        return command;
    }

    private static string Quote(string name) =>
        name.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + name.Replace("\"", "\"\"") + "\"" : name;
}

using System.CommandLine;
using System.Text.Json;
using Backprop.Diagnostics;
using Backprop.Losses;
using Backprop.Metrics;
using Backprop.Training;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop evaluate</c>: loss, RMSE and (for classifiers) accuracy of a model on labelled data.</summary>
internal static class EvaluateCommand
{
    private static readonly Option<string> Model = new("--model") { Description = "model file", Required = true };
    private static readonly Option<string> Data = new("--data") { Description = "CSV file with features and targets", Required = true };
    private static readonly Option<string?> Target = new("--target") { Description = "target column(s) (default: the model's)" };
    private static readonly Option<string?> LossOption = new("--loss") { Description = "squared or cross-entropy (default: the one the model was trained with)" };
    private static readonly Option<string?> ReductionOption = new("--reduction") { Description = "sum or mean (default: the one the model was trained with)" };
    private static readonly Option<bool> Json = new("--json") { Description = "print one JSON object" };

    public static Command Create()
    {
        var command = new Command("evaluate", "Measure a model on labelled data: loss, RMSE, and accuracy for classifiers.")
        {
            Model, Data, Target, LossOption, ReductionOption, Json,
        };
        command.SetAction(parse => CliApp.Guard(parse, output =>
        {
            var (model, data) = ModelInput.LoadLabelled(parse.GetValue(Model)!, parse.GetValue(Data)!, parse.GetValue(Target));
            var loss = Parse.Loss(parse.GetValue(LossOption) ?? model.Training?.Loss ?? "squared");
            var reduction = Parse.Reduction(parse.GetValue(ReductionOption) ?? model.Training?.Reduction ?? "mean");
            var network = model.ToNetwork<double>();
            var objective = new Objective(loss, reduction);
            if (loss.Incompatibility(network.Layers[^1].Activation, network.Outputs) is string problem)
                throw new BackpropException($"--loss {loss.Name}: {problem}");
            var (lossValue, rmse) = Trainer.Measure(network, data.Features, data.Targets, objective);
            double? accuracy = ClassificationMetrics.IsClassification(network.Layers[^1].Activation, data.Targets)
                ? ClassificationMetrics.Accuracy(network.Predict(data.Features), data.Targets)
                : null;
            if (parse.GetValue(Json))
            {
                var result = new Dictionary<string, object> { ["samples"] = data.Count, ["loss"] = lossValue, ["rmse"] = rmse };
                if (accuracy is double a) result["accuracy"] = a;
                output.WriteLine(JsonSerializer.Serialize(result));
            }
            else
            {
                output.WriteLine($"samples   {data.Count}");
                output.WriteLine($"loss      {TrainCommand.Fmt(lossValue)}  ({loss.Name}, {reduction.ToString().ToLowerInvariant()})");
                output.WriteLine($"rmse      {TrainCommand.Fmt(rmse)}");
                if (accuracy is double a) output.WriteLine($"accuracy  {TrainCommand.Fmt(a)}");
            }
            return 0;
        }));
        return command;
    }
}

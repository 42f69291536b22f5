using System.CommandLine;
using Backprop.Diagnostics;
using Backprop.ModelSelection;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop cv</c>: K-fold cross-validation (scikit-learn's <c>cross_validate</c>) with train's settings.</summary>
internal static class CvCommand
{
    private static readonly Option<int> Folds =
        new("--folds") { Description = "K: the number of folds (2 to the number of rows); the rows are shuffled from --seed first",
            DefaultValueFactory = _ => 5 };

    public static Command Create()
    {
        var command = new Command("cv",
            "Cross-validate: train K models, each scored on the fold it did not see, and print the mean and standard deviation of each measure.")
        {
            Folds,
        };
        foreach (var option in ModelSelectionOptions.All) command.Add(option);
        command.SetAction(parse => CliApp.Guard(parse, output => Run(parse, output)));
        return command;
    }

    private static int Run(ParseResult parse, TextWriter output)
    {
        string target = ModelSelectionOptions.TargetColumn(parse);
        var options = ModelSelectionOptions.Options(parse);
        var table = ModelSelectionOptions.Table(parse, target);
        bool classifies = ModelSelectionOptions.Classifies(parse, table, target);
        int folds = parse.GetValue(Folds);
        bool stratify = parse.GetValue(ModelSelectionOptions.Stratify), json = parse.GetValue(ModelSelectionOptions.Json);
        if (stratify && !classifies)
            throw new BackpropException($"--stratify keeps class proportions, but the target column '{target}' holds numbers to predict " +
                $"(regression); add --classify if they are class labels", table.Path);
        _ = CrossValidation.Folds(table, target, folds, false, options.Seed); // --folds out of range: refused before any training

        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(CliApp.Cancellation);
        using var signals = InterruptSignals.Install(interrupt, parse.InvocationConfiguration.Error);
        if (!json)
            output.WriteLine($"{folds}-fold{(stratify ? " stratified" : "")} cross-validation of {(classifies ? "a classifier" : "a regressor")} " +
                $"on {table.RowCount} rows of {Path.GetFileName(table.Path)}: "
                + $"layers {SearchParameters.Describe(options, "layers")}, {string.Join(",", options.Activations)}, {options.Optimizer}, lr " +
                    $"{SearchParameters.Format(options.LearningRate)}, {options.Epochs} epochs, batch " +
                        $"{SearchParameters.Describe(options, "batch-size")}, seed {options.Seed}");
        CrossValidationResult result;
        try
        {
            result = CrossValidation.Run(() => ModelSelectionOptions.Create(classifies, options), table, target, folds, stratify, options.Seed,
                interrupt.Token);
        }
        catch (OperationCanceledException)
        {
            output.WriteLine("interrupted: cross-validation writes nothing, so there is nothing to continue; run it again");
            return signals.ExitCode ?? 130;
        }
        if (json)
        {
            output.WriteLine(JsonReport.Serialize(new Dictionary<string, object?>
            {
                ["folds"] = result.Folds.Select(f => new Dictionary<string,
                    object?> { ["fold"] = f.Fold + 1, ["train"] = f.TrainRows, ["test"] = f.TestRows, ["epochs"] = f.Epochs, ["scores"] = f.Scores,
                        ["fitSeconds"] = f.FitSeconds }).ToList(),
                ["mean"] = result.Metrics.ToDictionary(m => m, m => result.Summary(m).Mean),
                ["std"] = result.Metrics.ToDictionary(m => m, m => result.Summary(m).StandardDeviation),
            }));
            return 0;
        }
        output.WriteLine($"{"fold",4}  {"train",6}  {"test",6}  {"epochs",6}  {string.Join("  ", result.Metrics.Select(m => $"{m,10}"))}  " +
            $"{"seconds",8}");
        foreach (var fold in result.Folds)
            output.WriteLine($"{fold.Fold + 1,4}  {fold.TrainRows,6}  {fold.TestRows,6}  {fold.Epochs,6}  " +
                $"{string.Join("  ", result.Metrics.Select(m => $"{ModelSelectionOptions.Fmt(fold.Scores[m]),10}"))}  {fold.FitSeconds,8:F2}");
        output.WriteLine(string.Join(", ",
            result.Metrics.Select(m => result.Summary(m) is var s
                ? $"{m} {ModelSelectionOptions.Fmt(s.Mean)} ± {ModelSelectionOptions.Fmt(s.StandardDeviation)}" : ""))
                    + " (mean ± standard deviation over the folds)");
        return 0;
    }
}

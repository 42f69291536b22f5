using System.CommandLine;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Backprop.Diagnostics;
using Backprop.Estimators;
using Backprop.Metrics;
using Backprop.Tensors;
using Backprop.Training;
using Spectre.Console;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop evaluate</c>: the loss and the metrics of a model on labelled data.</summary>
internal static class EvaluateCommand
{
    private static readonly Option<string> Model = new("--model") { Description = "model file", Required = true };
    private static readonly Option<string> Data = new("--data") { Description = "CSV file with features and targets", Required = true };
    private static readonly Option<string?> Target = new("--target") { Description = "target column(s) (default: the model's)" };
    private static readonly Option<string?> LossOption =
        new("--loss") { Description = "squared or cross-entropy (default: the one the model was trained with)" };
    private static readonly Option<string?> ReductionOption =
        new("--reduction") { Description = "sum or mean (default: the one the model was trained with)" };
    private static readonly Option<bool> Json = new("--json")
        { Description = "print one JSON object (keys loss, accuracy, f1_macro, log_loss, confusion, rmse, mae, r2, gaps_filled as they apply)" };

    public static Command Create()
    {
        var command = new Command("evaluate",
            "Measure a model on labelled data: loss, and accuracy, precision, recall, F1, confusion matrix and log-loss for classifiers, RMSE, MAE " +
                "and R² for regression.")
        {
            Model, Data, Target, LossOption, ReductionOption, Json, DataOptions.Delimiter, DataOptions.Decimal, DataOptions.Unknown,
            FitOptions.EvaluateClassWeight, FitOptions.EvaluateSampleWeight,
        };
        command.SetAction(parse => CliApp.Guard(parse, output =>
        {
            var model = DataOptions.WithUnknown(parse, Estimators.Model.Load(parse.GetValue(Model)!));
            Backprop.Data.Preprocessing.FilledGapReport filled = Backprop.Data.Preprocessing.FilledGapReport.None;
            var measured = FilledGapNote.Counted(parse, model, () => model.Evaluate(parse.GetValue(Data)!, new EvaluationOptions
            {
                Targets = Parse.Targets(parse.GetValue(Target)),
                Loss = parse.GetValue(LossOption) is string loss ? Parse.Loss(loss) : null,
                Reduction = parse.GetValue(ReductionOption) is string reduction ? Parse.Reduction(reduction) : null,
                SampleWeightColumn = parse.GetValue(FitOptions.EvaluateSampleWeight),
                ClassWeight = FitOptions.ClassWeighting(parse.GetValue(FitOptions.EvaluateClassWeight)),
                Csv = DataOptions.Csv(parse), OpenTable = TableInput.Open,
            }), report => filled = report);
            var ((samples, lossValue, classification, regression), objective) = measured;
            if (parse.GetValue(Json)) WriteJson(output, samples, lossValue, classification, regression, filled);
            else WriteTable(output, samples, lossValue, Backprop.Losses.LossWords.Formula(objective.Loss.Name, objective.Reduction, objective.L2),
                classification, regression);
            return 0;
        }));
        return command;
    }

    private static void WriteJson(TextWriter output, int samples, double loss, ClassificationReport? c, RegressionReport r,
        Backprop.Data.Preprocessing.FilledGapReport filled)
    {
        var result = new Dictionary<string, object> { ["samples"] = samples, ["loss"] = loss };
        if (c is not null)
        {
            result["accuracy"] = c.Accuracy;
            result["f1_macro"] = c.MacroF1;
            result["precision_macro"] = c.MacroPrecision;
            result["recall_macro"] = c.MacroRecall;
            result["log_loss"] = c.LogLoss;
            result["classes"] = c.Classes;
            result["per_class"] = c.Classes.Select((name, k) =>
                new { @class = name, precision = c.Precision[k], recall = c.Recall[k], f1 = c.F1[k], support = c.Support[k] });
            result["confusion"] = Enumerable.Range(0, c.Classes.Count)
                .Select(t => Enumerable.Range(0, c.Classes.Count).Select(p => c.Confusion[t, p]).ToArray()).ToArray();
        }
        result["rmse"] = r.Rmse;
        if (c is null)
        {
            result["mae"] = r.Mae;
            result["r2"] = r.R2;
        }
        if (filled.Cells > 0) result["gaps_filled"] = FilledGapNote.Json(filled);
        output.WriteLine(JsonReport.Serialize(result));
    }

    private static void WriteTable(TextWriter output, int samples, double loss, string lossName, ClassificationReport? c, RegressionReport r)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive =
                InteractionSupport.No,
        });
        static string F(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);
        // Boxes in a terminal; plain aligned columns when the output goes to a file, a pipe or a test's writer.
        var border = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected ? TableBorder.Rounded : TableBorder.None;
        var summary = new Table().Border(border).AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        summary.AddRow("samples", samples.ToString(CultureInfo.InvariantCulture));
        summary.AddRow(Markup.Escape($"loss, {lossName}"), Backprop.Diagnostics.FixedNotation.Significant(loss, 10));
        if (c is not null)
        {
            summary.AddRow("accuracy", F(c.Accuracy));
            summary.AddRow("precision (macro)", F(c.MacroPrecision));
            summary.AddRow("recall (macro)", F(c.MacroRecall));
            summary.AddRow("F1 (macro)", F(c.MacroF1));
            summary.AddRow("log-loss", F(c.LogLoss));
        }
        else
        {
            summary.AddRow("RMSE", Backprop.Diagnostics.FixedNotation.Significant(r.Rmse, 6));
            summary.AddRow("MAE", Backprop.Diagnostics.FixedNotation.Significant(r.Mae, 6));
            summary.AddRow("R²", F(r.R2));
        }
        console.Write(summary);
        if (c is null) return;

        var perClass = new Table().Border(border).AddColumn("class");
        foreach (var name in new[] { "precision", "recall", "F1", "support" }) perClass.AddColumn(new TableColumn(name).RightAligned());
        for (int k = 0; k < c.Classes.Count; k++)
            perClass.AddRow(Markup.Escape(c.Classes[k]), F(c.Precision[k]), F(c.Recall[k]), F(c.F1[k]),
                c.Support[k].ToString(CultureInfo.InvariantCulture));
        console.Write(perClass);

        var confusion = new Table().Border(border).Title("confusion: rows true, columns predicted").AddColumn("");
        foreach (var name in c.Classes) confusion.AddColumn(new TableColumn(Markup.Escape(name)).RightAligned());
        for (int t = 0; t < c.Classes.Count; t++)
            confusion.AddRow([Markup.Escape(c.Classes[t]), .. Enumerable.Range(0, c.Classes.Count)
                .Select(p => c.Confusion[t, p].ToString(CultureInfo.InvariantCulture))]);
        console.Write(confusion);
    }
}

using System.CommandLine;
using System.Diagnostics;
using Backprop.Diagnostics;
using Backprop.Estimators.Preparation;
using Backprop.Plotting.Report;
using Backprop.Plotting.Rendering;
using Backprop.Serialization;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop report</c>: one self-contained HTML page with the model, its training, its measures and every picture that applies.</summary>
internal static class ReportCommand
{
    private static readonly Option<string> Model = new("--model") { Description = "model file", Required = true };
    private static readonly Option<string> Data =
        new("--data") { Description = "labelled data to measure the model on (CSV, MNIST images, MAT-file)", Required = true };
    private static readonly Option<string?> Target = new("--target") { Description = "target column(s) (default: the model's)" };
    private static readonly Option<string> Out = new("--out") { Description = "the page to write: an .html file", Required = true };

    public static Command Create()
    {
        var command = new Command("report",
            "Write one self-contained HTML page about a model: its layers and training, its measures on the data, and its pictures.")
        {
            Model, Data, Target, Out,
        };
        CommandFiles.Of(command).Reads(Model).Reads(Data).Writes(Out).Runs((parse, output) =>
        {
            var clock = Stopwatch.StartNew();
            string outPath = parse.GetValue(Out)!;
            if (Path.GetExtension(outPath).ToLowerInvariant() is not (".html" or ".htm"))
                throw new BackpropException($"--out: '{outPath}' is not an .html file; the report is an HTML page");
            OutputFolder.Ensure(outPath);
            var run = LabelledRun.Load(parse.GetValue(Model)!, parse.GetValue(Data)!, parse.GetValue(Target));
            var held = HeldOut(run);
            var content = new ReportContent
            {
                Model = run.Model,
                ModelPath = run.ModelPath,
                DataPath = run.DataPath,
                Samples = run.Data.Count,
                Classification = run.Classification,
                Regression = run.Classification is null ? run.Regression : null,
                HeldOut = held,
                Pictures = Pictures(run, held),
            };
            AtomicFile.WriteAllText(outPath, ReportPage.Render(content));
            output.WriteLine($"report with {content.Pictures.Count} pictures written to {outPath} ({clock.Elapsed.TotalSeconds:F1} s)");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The measures on the rows the model's training held out, when the data is the file it was trained on (the same
    /// name and number of rows as the model records): the split is found again from the recorded fraction, shuffle and seed.
    /// </summary>
    private static HeldOutMeasures? HeldOut(LabelledRun run)
    {
        int[]? classes = !run.Fitted.HeldOutByClass || run.Classification is null ? null
            : Enumerable.Range(0, run.Data.Count).Select(run.TrueClass).ToArray();
        if (run.Fitted.HeldOutRows(run.DataPath, run.Data.Count, classes) is not { } rows) return null;
        var t = run.Model.Training!;
        string how = $"the {(t.Shuffle ? "" : "last ")}{t.ValidationSplit * 100:0.##}% of the " +
            $"rows{(classes is null ? "" : " of each class")}{(t.Shuffle ? $" picked by seed {t.Seed}" : "")}, as in training";
        var (classification, regression) = run.Predictions.On(rows);
        return new HeldOutMeasures(rows.Length, how, classification, regression);
    }

    /// <summary>Every picture that applies to the model and its data, with what to look for in each.</summary>
    private static List<ReportPicture> Pictures(LabelledRun run, HeldOutMeasures? held)
    {
        var png = PictureFormat.Png;
        var pictures = new List<ReportPicture>();
        if (run.Model.Training is { LossHistory.Length: > 0 })
            pictures.Add(new("Loss across epochs", "The training loss falls as the weights learn; the held-out curve, when there is one, " +
                "shows whether that learning carries over to data the network did not train on (a held-out curve turning up means overfitting).",
                ModelPictures.Loss(run.Model, run.ModelPath, png, logScale: false)));
        var network = ModelPictures.Network(run.Model, PictureFormat.Svg);
        pictures.Add(new("The network and its weights", "Each line is a weight: green positive, red negative, wider when larger. " +
            "A large network shows only its strongest weights, as the picture's caption says.", network));
        const string confusion = "Rows are the true classes, columns the network's answers: the diagonal counts the right answers, " +
            "every other cell a kind of mistake. Shades are shares of the row.";
        // The held-out rows first, when the model records them: they say how the network does on data it did not learn from.
        if (held?.Classification is { } heldOut)
            pictures.Add(new($"Confusion matrix on the {held.Rows:N0} rows held out in training", confusion,
                Plotting.Charts.ConfusionChart.Render(heldOut, png)));
        if (run.Classification is not null)
            pictures.Add(new(held is null ? "Confusion matrix" : $"Confusion matrix on all {run.Data.Count:N0} rows, training rows included",
                confusion, ModelPictures.Confusion(run, png)));
        else
            pictures.Add(new("Predicted against actual",
                "A perfect network puts every point on the dashed line; the vertical distance to it is the error.",
                ModelPictures.Scatter(run, png, input: null)));
        if (ModelPictures.HasImages(run))
        {
            pictures.Add(new("Images and answers",
                "The first images of the data with the true label and the network's answer under each; mistakes are framed in red.",
                ModelPictures.Digits(run, png, count: 40, mistakesOnly: false)));
            if (run.Classification!.Accuracy < 1)
                pictures.Add(new("Mistakes", "The first images the network gets wrong: often digits a person would hesitate over too.",
                    ModelPictures.Digits(run, png, count: 30, mistakesOnly: true)));
        }
        return pictures;
    }
}

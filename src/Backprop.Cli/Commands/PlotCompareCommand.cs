using System.CommandLine;
using Backprop.Diagnostics;
using Backprop.Plotting.Charts;
using Backprop.Plotting.Rendering;
using Backprop.Serialization;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop plot compare A.json B.json … --out loss.png</c>: the loss curves of several model files on one picture.</summary>
internal static class PlotCompareCommand
{
    private static readonly Argument<string[]> Files = new("models")
    {
        Description = "model files whose loss curves to overlay (or give each with --model)",
        Arity = ArgumentArity.ZeroOrMore,
    };
    private static readonly Option<string[]> Models =
        new("--model") { Description = "a model file to compare (repeat it: --model a.json --model b.json)" };
    private static readonly Option<string[]> Labels =
        new("--label") { Description = "the legend's name of each model, in order (default: its file name without .json)" };
    private static readonly Option<string> Out = new("--out") { Description = "the picture to write: a .png or .svg file", Required = true };
    private static readonly Option<bool> LogScale = new("--log-scale") { Description = "a logarithmic loss axis" };

    public static Command Create()
    {
        var command = new Command("compare",
            "Overlay the loss curves of several trained models, training solid and held-out dashed, named in a legend.")
        {
            Files, Models, Labels, Out, LogScale,
        };
        CommandFiles.Of(command).Writes(Out).Runs((parse, output) =>
        {
            var paths = (parse.GetValue(Files) ?? []).Concat(parse.GetValue(Models) ?? []).ToList();
            if (paths.Count < 1) throw new BackpropException("plot compare needs the model files to compare: give them as arguments or with --model");
            var labels = LegendNames(parse.GetValue(Labels) ?? [], paths);
            string outPath = parse.GetValue(Out)!;
            OutputPath.EnsureDistinct([("--out", outPath)], paths.Select(p => ("--model", (string?)p)));
            var format = PictureFormats.FromPath(outPath);
            var runs = paths.Select(Curves).ToList();
            var picture = CompareChart.Render(runs, labels, format, parse.GetValue(LogScale));
            OutputFolder.Ensure(outPath);
            picture.Save(outPath);
            output.WriteLine($"compare picture of {paths.Count} models ({picture.Width}×{picture.Height}) written to {outPath}");
            return 0;
        });
        return command;
    }

    /// <summary>The names given, one per model; else each file's name without its extension, or its path where two names are alike.</summary>
    private static List<string> LegendNames(string[] given, List<string> paths)
    {
        if (given.Length > 0)
        {
            if (given.Length != paths.Count)
                throw new BackpropException($"--label: give one label per model; there are {paths.Count} models and {given.Length} labels");
            return [.. given];
        }
        var names = paths.Select(Path.GetFileNameWithoutExtension).ToList();
        return names.Select((n, i) => names.Count(m => m == n) > 1 ? paths[i] : n!).ToList();
    }

    private static LearningCurves Curves(string path)
    {
        var model = Estimators.Model.Load(path).Document;
        if (model.Training is not { } training || training.LossHistory.Length == 0)
            throw new BackpropException("the model holds no training history to compare (models written by backprop train have one)", path);
        return LearningCurves.From(training);
    }
}

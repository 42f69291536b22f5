using System.CommandLine;
using Backprop.Diagnostics;
using Backprop.Plotting.Network;
using Backprop.Plotting.Rendering;
using Backprop.Serialization;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop plot loss|scatter|network|confusion|digits</c>: one picture of a model, as PNG or SVG.</summary>
internal static class PlotCommand
{
    public static readonly string[] Kinds = ["loss", "scatter", "network", "confusion", "digits"];

    private static readonly Argument<string> Kind = new("kind") { Description = "loss, scatter, network, confusion or digits" };
    private static readonly Option<string> Model = new("--model") { Description = "model file", Required = true };
    private static readonly Option<string?> Data =
        new("--data") { Description = "labelled data (CSV, MNIST images, MAT-file): needed by scatter, confusion and digits" };
    private static readonly Option<string?> Target = new("--target") { Description = "target column(s) (default: the model's)" };
    private static readonly Option<string> Out = new("--out") { Description = "the picture to write: a .png or .svg file", Required = true };
    private static readonly Option<bool> LogScale = new("--log-scale") { Description = "loss: a logarithmic y axis" };
    private static readonly Option<string?> Input =
        new("--input") { Description =
            "scatter: draw actual and predicted values against this input (the backpropagation blog's picture) instead of predicted against actual" };
    private static readonly Option<int> MaxEdges =
        new("--max-edges") { Description = "network: draw every weight up to this many, else the strongest of each layer (0: all)",
            DefaultValueFactory = _ => DiagramOptions.DefaultMaxEdges };
    private static readonly Option<int> Count = new("--count") { Description = "digits: how many images", DefaultValueFactory = _ => 40 };
    private static readonly Option<bool> Mistakes = new("--mistakes") { Description = "digits: only the images the network gets wrong" };

    static PlotCommand()
    {
        OptionRange.AtLeast(MaxEdges, 0);
        OptionRange.AtLeast(Count, 1, 10_000);
    }

    public static Command Create()
    {
        var command = new Command("plot",
            "Draw a picture of a model: its loss curve, its predictions, its confusion matrix, its input images, or the network with its weights; " +
            "compare, gradients and boundary are subcommands of their own.")
        {
            Kind, Model, Data, Target, Out, LogScale, Input, MaxEdges, Count, Mistakes,
            PlotCompareCommand.Create(), PlotGradientsCommand.Create(), PlotBoundaryCommand.Create(),
        };
        CommandFiles.Of(command).Reads(Model).Reads(Data).Writes(Out).Runs((parse, output) =>
        {
            string kind = parse.GetValue(Kind)!;
            if (!Kinds.Contains(kind))
                throw new BackpropException($"no picture called '{kind}' (available: {string.Join(", ", Kinds)}, compare, gradients, boundary)");
            string outPath = parse.GetValue(Out)!;
            var format = PictureFormats.FromPath(outPath);
            OutputFolder.Ensure(outPath);
            string modelPath = parse.GetValue(Model)!;
            var picture = kind switch
            {
                "loss" => ModelPictures.Loss(Estimators.Model.Load(modelPath).Document, modelPath, format, parse.GetValue(LogScale)),
                "network" => ModelPictures.Network(Estimators.Model.Load(modelPath).Document, format, parse.GetValue(MaxEdges)),
                "scatter" => ModelPictures.Scatter(Run(parse, kind), format, parse.GetValue(Input)),
                "confusion" => ModelPictures.Confusion(Run(parse, kind), format),
                _ => ModelPictures.Digits(Run(parse, kind), format, parse.GetValue(Count), parse.GetValue(Mistakes)),
            };
            picture.Save(outPath);
            output.WriteLine($"{kind} picture ({picture.Width}×{picture.Height}) written to {outPath}");
            return 0;
        });
        return command;
    }

    private static LabelledRun Run(ParseResult parse, string kind)
    {
        string data = parse.GetValue(Data) ?? throw new BackpropException($"plot {kind} needs --data: the labelled data to run the model on");
        return LabelledRun.Load(parse.GetValue(Model)!, data, parse.GetValue(Target));
    }
}

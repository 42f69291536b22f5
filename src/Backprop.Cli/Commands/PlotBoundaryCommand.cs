using System.CommandLine;
using Backprop.Plotting.Charts;
using Backprop.Plotting.Rendering;

namespace Backprop.Cli.Commands;

/// <summary>
/// <c>backprop plot boundary --model m.json --data d.csv --out b.png</c>: a two-input model's decision regions (classes) or output
/// surface (regression) over the plane of its inputs, with the data's points.
/// </summary>
internal static class PlotBoundaryCommand
{
    private static readonly Option<string> Model = new("--model") { Description = "a model of exactly 2 numeric inputs", Required = true };
    private static readonly Option<string> Data =
        new("--data") { Description = "labelled data: its points are drawn and span the plane", Required = true };
    private static readonly Option<string?> Target = new("--target") { Description = "target column(s) (default: the model's)" };
    private static readonly Option<string> Out = new("--out") { Description = "the picture to write: a .png or .svg file", Required = true };
    private static readonly Option<int> Resolution =
        new("--resolution") { Description = "cells per side of the grid the model is run on", DefaultValueFactory = _ => 200 };

    static PlotBoundaryCommand() => OptionRange.AtLeast(Resolution, 2, 1_000);

    public static Command Create()
    {
        var command = new Command("boundary",
            "Draw a 2-input model's decision regions (classes) or output surface (regression) over its inputs' plane, with the data's points.")
        {
            Model, Data, Target, Out, Resolution,
        };
        CommandFiles.Of(command).Reads(Model).Reads(Data).Writes(Out).Runs((parse, output) =>
        {
            string outPath = parse.GetValue(Out)!;
            var format = PictureFormats.FromPath(outPath);
            var model = Estimators.Model.Load(parse.GetValue(Model)!);
            _ = BoundaryInputs.Of(model); // a model without exactly 2 numeric inputs is refused before the data is read
            var data = model.PredictLabelled(parse.GetValue(Data)!, Parse.Targets(parse.GetValue(Target)), TableInput.Open);
            var picture = BoundaryChart.Render(model, data, format, parse.GetValue(Resolution));
            OutputFolder.Ensure(outPath);
            picture.Save(outPath);
            output.WriteLine($"boundary picture ({picture.Width}×{picture.Height}) written to {outPath}");
            return 0;
        });
        return command;
    }
}

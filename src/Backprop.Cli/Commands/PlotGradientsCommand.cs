using System.CommandLine;
using Backprop.Diagnostics;
using Backprop.Plotting.Charts;
using Backprop.Plotting.Rendering;

namespace Backprop.Cli.Commands;

/// <summary>
/// <c>backprop plot gradients --model m.json --out g.png</c>: each layer's gradient norm across epochs, as <c>--diagnostics</c> recorded it.
/// </summary>
internal static class PlotGradientsCommand
{
    private static readonly Option<string> Model = new("--model") { Description = "a model trained with --diagnostics", Required = true };
    private static readonly Option<string> Out = new("--out") { Description = "the picture to write: a .png or .svg file", Required = true };
    private static readonly Option<bool> Linear = new("--linear") { Description = "a linear y axis instead of the logarithmic one" };

    public static Command Create()
    {
        var command = new Command("gradients",
            "Draw each layer's gradient norm across epochs (recorded by train --diagnostics): vanishing or exploding gradients, seen.")
        {
            Model, Out, Linear,
        };
        CommandFiles.Of(command).Reads(Model).Writes(Out).Runs((parse, output) =>
        {
            string modelPath = parse.GetValue(Model)!, outPath = parse.GetValue(Out)!;
            var format = PictureFormats.FromPath(outPath);
            var model = Estimators.Model.Load(modelPath).Document;
            if (model.Training is not { } training || training.GradientNormHistory.Length == 0)
                throw new BackpropException("the model records no gradient norms; train it with --diagnostics to record them", modelPath);
            var picture = GradientChart.Render(LearningCurves.From(training), format, logScale: !parse.GetValue(Linear));
            OutputFolder.Ensure(outPath);
            picture.Save(outPath);
            output.WriteLine($"gradients picture ({picture.Width}×{picture.Height}) written to {outPath}");
            return 0;
        });
        return command;
    }
}

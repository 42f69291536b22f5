using System.CommandLine;
using Backprop.Diagnostics;
using Backprop.Estimators.Attribution;
using Backprop.Plotting.Charts;
using Backprop.Plotting.Rendering;
using Backprop.Serialization;

namespace Backprop.Cli.Commands;

/// <summary>
/// <c>backprop attribute --model m.json --data x.csv [--row N]</c>: each raw column's contribution to each output of one row,
/// or, without <c>--row</c>, each column's importance over the whole file (mean |attribution| and permutation importance).
/// </summary>
internal static class AttributeCommand
{
    private static readonly Option<string> Model = new("--model") { Description = "model file", Required = true };
    private static readonly Option<string> Data =
        new("--data") { Description = "CSV or Parquet file with the model's columns (and its target, for permutation importance)", Required = true };
    private static readonly Option<int?> Row = new("--row") { Description = "explain this one row (1 = first); default: the whole file" };
    private static readonly Option<string> Method = new("--method")
    {
        Description = "gradient, gradient-x-input or integrated-gradients", DefaultValueFactory = _ => "integrated-gradients",
    };
    private static readonly Option<string> Baseline =
        new("--baseline") { Description = "the reference row: mean (of the data) or zeros", DefaultValueFactory = _ => "mean" };
    private static readonly Option<int> Steps = new("--steps")
    {
        Description = "steps of integrated gradients' integral (trapezoid rule)", DefaultValueFactory = _ => AttributionOptions.DefaultSteps,
    };
    private static readonly Option<int> Repeats =
        new("--repeats") { Description = "shuffles of each column for permutation importance", DefaultValueFactory = _ => 5 };
    private static readonly Option<ulong> Seed =
        new("--seed") { Description = "seed of permutation importance's shuffles", DefaultValueFactory = _ => 0UL };
    private static readonly Option<string?> Out = new("--out") { Description = "also write the table to this .csv or .json file" };
    private static readonly Option<string?> Plot = new("--plot") { Description = "draw the importance as bars: a .png or .svg file" };

    static AttributeCommand()
    {
        OptionRange.AtLeast(Row, 1);
        OptionRange.AtLeast(Steps, 1, AttributionOptions.MaxSteps);
        OptionRange.AtLeast(Repeats, 1, AttributionOptions.MaxSteps);
    }

    public static Command Create()
    {
        var command = new Command("attribute", "Show each input column's contribution to a model's outputs, by backpropagation to the inputs.")
        {
            Model, Data, Row, Method, Baseline, Steps, Repeats, Seed, Out, Plot, DataOptions.Delimiter, DataOptions.Decimal,
        };
        CommandFiles.Of(command).Reads(Model).Reads(Data).Writes(Out).Writes(Plot).Runs((parse, output) =>
        {
            var options = new AttributionOptions
            {
                Method = ParseMethod(parse.GetValue(Method)!),
                Baseline = ParseBaseline(parse.GetValue(Baseline)!),
                Steps = parse.GetValue(Steps),
                Repeats = parse.GetValue(Repeats),
                Seed = parse.GetValue(Seed),
            };
            string? outPath = parse.GetValue(Out), plotPath = parse.GetValue(Plot);
            if (outPath is not null && AttributionTables.FormatOf(outPath) is null)
                throw new BackpropException($"--out {outPath}: give a .csv or .json file");
            var pictureFormat = plotPath is null ? (PictureFormat?)null : Path.GetExtension(plotPath).ToLowerInvariant() switch
            {
                ".png" => PictureFormat.Png,
                ".svg" => PictureFormat.Svg,
                _ => throw new BackpropException($"--plot {plotPath}: give a .png or .svg file"),
            };
            if (outPath is not null) OutputFolder.Ensure(outPath);
            if (plotPath is not null) OutputFolder.Ensure(plotPath, "--plot");
            var model = Estimators.Model.Load(parse.GetValue(Model)!);
            var table = AttributionTables.Read(model, parse.GetValue(Data)!, DataOptions.Csv(parse));
            Picture? picture;
            string text;
            if (parse.GetValue(Row) is int row)
            {
                if (row > table.RowCount)
                    throw new BackpropException($"--row {row}: the file has {table.RowCount:N0} rows (1 to {table.RowCount:N0})", table.Path);
                var one = model.Attribute(table, [row - 1], options);
                output.Write(AttributionTables.RowText(one, row));
                text = outPath is null ? "" : AttributionTables.RowFile(one, row, AttributionTables.FormatOf(outPath)!);
                picture = pictureFormat is { } f ? AttributionChart.Row(one, f) : null;
            }
            else
            {
                var importance = model.Importance(table, options);
                output.Write(AttributionTables.ImportanceText(importance));
                text = outPath is null ? "" : AttributionTables.ImportanceFile(importance, AttributionTables.FormatOf(outPath)!);
                picture = pictureFormat is { } f ? AttributionChart.Importance(importance, f) : null;
            }
            if (outPath is not null)
            {
                AtomicFile.WriteAllText(outPath, text);
                output.WriteLine($"table written to {outPath}");
            }
            if (picture is not null)
            {
                picture.Save(plotPath!);
                output.WriteLine($"bars ({picture.Width}×{picture.Height}) written to {plotPath}");
            }
            return 0;
        });
        return command;
    }

    internal static AttributionMethod ParseMethod(string text, string option = "--method") => text.ToLowerInvariant() switch
    {
        "gradient" => AttributionMethod.Gradient,
        "gradient-x-input" => AttributionMethod.GradientTimesInput,
        "integrated-gradients" => AttributionMethod.IntegratedGradients,
        _ => throw new BackpropException($"{option}: '{Shown.Value(text)}' is not a method (gradient, gradient-x-input, integrated-gradients)"),
    };

    internal static AttributionBaseline ParseBaseline(string text) => text.ToLowerInvariant() switch
    {
        "mean" => AttributionBaseline.Mean,
        "zeros" => AttributionBaseline.Zeros,
        _ => throw new BackpropException($"--baseline: '{Shown.Value(text)}' is not a baseline (mean, zeros)"),
    };
}

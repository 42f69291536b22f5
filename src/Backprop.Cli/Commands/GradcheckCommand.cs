using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Backprop.Diagnostics;
using Backprop.Training;
using Backprop.Training.Gradients;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop gradcheck</c>: compare backpropagation's gradients with finite differences.</summary>
internal static class GradcheckCommand
{
    private static readonly Option<string?> Model = new("--model") { Description = "model file to check" };
    private static readonly Option<string?> Data = new("--data") { Description = "CSV with the model's features and targets" };
    private static readonly Option<string?> Target = new("--target") { Description = "target column(s) (default: the model's)" };
    private static readonly Option<bool> Random =
        new("--random") { Description = "check small random networks over every activation, loss, reduction, bias mode and L2 setting" };
    private static readonly Option<ulong> Seed = new("--seed") { Description = "seed of the random networks", DefaultValueFactory = _ => 1UL };
    private static readonly Option<double> Epsilon =
        new("--epsilon") { Description = "finite-difference step ε (five-point stencil)", DefaultValueFactory = _ => GradientCheck.DefaultEpsilon };
    private static readonly Option<double> Tolerance =
        new("--tolerance") { Description = "largest relative difference that passes", DefaultValueFactory = _ => GradientCheck.DefaultTolerance };
    private static readonly Option<string?> LossOption = new("--loss") { Description = "squared or cross-entropy (default: the model's)" };
    private static readonly Option<string?> ReductionOption = new("--reduction") { Description = "sum or mean (default: the model's)" };
    private static readonly Option<double?> L2 = new("--l2") { Description = "λ of the L2 penalty (default: the model's)" };
    private static readonly Option<bool> Json = new("--json") { Description = "print one JSON object" };
    private static readonly Option<bool> All = new("--all")
    {
        Description = $"compare every value of a model (by default at most {Sampled:N0} of each layer's weights and biases, chosen from --seed)",
    };

    /// <summary>The values of each parameter block compared unless --all: enough to find a wrong gradient, few enough for minutes.</summary>
    internal const int Sampled = 200;

    /// <summary>Values to compare from which a progress line is printed at each tenth.</summary>
    internal const long ProgressFrom = 2000;

    static GradcheckCommand()
    {
        OptionRange.Positive(Epsilon);
        OptionRange.Positive(Tolerance);
        OptionRange.NotNegative(L2);
    }

    public static Command Create()
    {
        var command = new Command("gradcheck", "Check every analytic gradient against central finite differences.")
        {
            Model, Data, Target, Random, Seed, Epsilon, Tolerance, LossOption, ReductionOption, L2, Json, All,
        };
        command.SetAction(parse => CliApp.Guard(parse, output =>
        {
            bool passed = parse.GetValue(Random) ? RunRandom(parse, output) : RunModel(parse, output);
            if (!passed) throw new BackpropException("gradient check failed: the analytic and numeric gradients disagree (see above)");
            return 0;
        }));
        return command;
    }

    private static bool RunModel(ParseResult parse, TextWriter output)
    {
        string modelPath = parse.GetValue(Model) ?? throw new BackpropException("give --model and --data, or --random");
        string dataPath = parse.GetValue(Data) ?? throw new BackpropException("--data: give the CSV to compute the gradient on");
        var model = Estimators.Model.Load(modelPath);
        var data = model.LabelledData(dataPath, Parse.Targets(parse.GetValue(Target)), TableInput.Open);
        var objective = new Objective(
            parse.GetValue(LossOption) is string given ? Parse.Loss(given)
                : Backprop.Serialization.RecordedTraining.Loss(model.Training, modelPath, "give --loss to check the gradients of another")
                    ?? Parse.Loss("squared"),
            Parse.Reduction(parse.GetValue(ReductionOption) ?? model.Training?.Reduction ?? "mean"),
            parse.GetValue(L2) ?? model.Training?.L2 ?? 0);
        var network = model.Network;
        bool json = parse.GetValue(Json);
        int? most = parse.GetValue(All) ? null : Sampled;
        long values = network.Parameters.Sum(p => (long)p.Values.Length);
        long compared = network.Parameters.Sum(p => (long)Math.Min(p.Values.Length, most ?? int.MaxValue));
        if (compared < values && !json)
            output.WriteLine($"comparing {compared:N0} of the model's {values:N0} values (at most {Sampled:N0} of each layer's weights and biases, " +
                $"chosen from --seed {parse.GetValue(Seed)}); --all compares every one");
        int tenths = 0;
        void Progress(long done, long total)
        {
            if (json || total < ProgressFrom || done * 10 < (tenths + 1) * total || done == total) return;
            tenths = (int)(done * 10 / total);
            output.WriteLine($"  … {done:N0} of {total:N0} values compared");
            output.Flush();
        }
        var report = GradientCheck.Run(network, data.Features, data.Targets, objective, null, parse.GetValue(Epsilon), parse.GetValue(Tolerance),
            valuesPerBlock: most, sampleSeed: parse.GetValue(Seed), progress: Progress);
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new
            {
                passed = report.Passed,
                maxRelativeDifference = report.MaxRelativeDifference,
                tolerance = report.Tolerance,
                epsilon = report.Epsilon,
                perLayer = report.PerLayer,
                parameters = report.Parameters.Select(p =>
                    new { name = p.Name, relativeDifference = p.RelativeDifference, maxAbsoluteDifference = p.MaxAbsoluteDifference, @checked =
                        p.Checked, skippedAtKinks = p.SkippedAtKinks }),
            }));
            return report.Passed;
        }
        output.WriteLine($"gradient check of {modelPath} on {data.Count} samples: loss " +
            $"{Backprop.Losses.LossWords.Formula(objective.Loss.Name, objective.Reduction, objective.L2)}, five-point differences with ε = " +
            $"{F(report.Epsilon)}");
        output.WriteLine($"  {"parameters",-20} {"values",7} {"relative difference",20} {"max |a - n|",12}");
        foreach (var p in report.Parameters)
        {
            string skipped = p.SkippedAtKinks > 0 ? $"  ({p.SkippedAtKinks} at a ReLU kink, not compared)" : "";
            output.WriteLine($"  {p.Name,-20} {p.Checked,7} {E(p.RelativeDifference),20} {E(p.MaxAbsoluteDifference),12}{skipped}");
        }
        for (int l = 0; l < report.PerLayer.Count; l++) output.WriteLine($"  layer {l + 1} largest relative difference {E(report.PerLayer[l])}");
        output.WriteLine($"overall {E(report.MaxRelativeDifference)} {(report.Passed ? "≤" : ">")} tolerance {E(report.Tolerance)}: " +
            $"{(report.Passed ? "PASS" : "FAIL")}");
        return report.Passed;
    }

    private static bool RunRandom(ParseResult parse, TextWriter output)
    {
        ulong seed = parse.GetValue(Seed);
        var outcomes = RandomGradientChecks.Cases()
            .Select((c, i) => RandomGradientChecks.Check(c, seed + (ulong)i, parse.GetValue(Epsilon), parse.GetValue(Tolerance)))
            .ToList();
        var failures = outcomes.Where(o => !o.Report.Passed).ToList();
        var worst = outcomes.MaxBy(o => o.Report.MaxRelativeDifference)!;
        if (parse.GetValue(Json))
        {
            output.WriteLine(JsonSerializer.Serialize(new
            {
                passed = failures.Count == 0,
                cases = outcomes.Count,
                failures = failures.Count,
                maxRelativeDifference = worst.Report.MaxRelativeDifference,
                worstCase = worst.Case.ToString(),
                results = outcomes.Select(o =>
                    new { @case = o.Case.ToString(), passed = o.Report.Passed, maxRelativeDifference = o.Report.MaxRelativeDifference }),
            }));
            return failures.Count == 0;
        }
        output.WriteLine($"gradient check of {outcomes.Count} random networks (seed {seed}): 3 inputs, 3 outputs, 5 samples; five-point " +
            $"differences with ε = {F(parse.GetValue(Epsilon))}");
        foreach (var group in outcomes.GroupBy(o => $"{o.Case.Output} output, {o.Case.Loss} loss"))
            output.WriteLine($"  {group.Key,-36} {group.Count(),4} networks, largest relative difference " +
                $"{E(group.Max(o => o.Report.MaxRelativeDifference))}");
        foreach (var f in failures) output.WriteLine($"  FAIL {f.Case}: {E(f.Report.MaxRelativeDifference)}");
        output.WriteLine($"{outcomes.Count - failures.Count} of {outcomes.Count} passed; worst {E(worst.Report.MaxRelativeDifference)} " +
            $"({worst.Case}); tolerance {E(parse.GetValue(Tolerance))}: {(failures.Count == 0 ? "PASS" : "FAIL")}");
        return failures.Count == 0;
    }

    private static string E(double v) => v.ToString("0.00e+00", CultureInfo.InvariantCulture);
    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}

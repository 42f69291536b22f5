using System.CommandLine;
using Backprop.Diagnostics;
using Backprop.ModelSelection;
using Backprop.Serialization;

namespace Backprop.Cli.Commands;

/// <summary>
/// <c>backprop search</c>: a grid or random search over train's settings (scikit-learn's <c>GridSearchCV</c> and
/// <c>RandomizedSearchCV</c>), each combination scored by cross-validation or on held-out rows; prints the ranked
/// combinations and saves the best model. Its progress file lets an interrupted search continue.
/// </summary>
internal static class SearchCommand
{
    private static readonly Option<string?> Grid =
        new("--grid") { Description =
            "every combination of these settings: SETTING=V1,V2;… e.g. \"lr=0.1,0.01;layers=16|32,16\" (| or , separate values; a layers value is " +
                "widths with commas, so only | separates layers values)" };
    private static readonly Option<int?> Random =
        new("--random") { Description = "draw N combinations from --space (from --seed), as RandomizedSearchCV" };
    private static readonly Option<string?> Space =
        new("--space") { Description =
            "what --random draws from: lists (relu|tanh) and ranges LOW..HIGH or LOW..HIGH:log, e.g. \"lr=1e-4..1e-1:log;layers=8|16|32\"" };
    private static readonly Option<int?> Folds =
        new("--folds") { Description = "score each combination by K-fold cross-validation (else on the rows --validation-split holds out)" };
    private static readonly Option<string?> ScoringOption =
        new("--scoring") { Description =
            "the measure that ranks: accuracy, f1_macro or log_loss for classes; r2, rmse or mae for numbers (default accuracy or r2)" };
    private static readonly Option<string> Out =
        new("--out") { Description =
            "where to write the best model (JSON); its progress is kept beside it in OUT.search.jsonl until the search is done", Required = true };

    // Once, here: CliApp builds the tree on every call (tests in parallel too), and the options are shared.
    static SearchCommand() => ScoringOption.Values([.. Scoring.Classification, .. Scoring.Regression]);

    public static Command Create()
    {
        var command = new Command("search",
            "Search settings (a grid or random draws), score each by cross-validation or a validation split, print them ranked and save the " +
                "best model.")
        {
            Grid, Random, Space, Folds, ScoringOption, Out,
        };
        foreach (var option in ModelSelectionOptions.All) command.Add(option);
        CommandFiles.Of(command).Reads(ModelSelectionOptions.Data).Writes(Out, path => [("--out (its progress file)", ProgressPath(path))]).Runs(Run);
        return command;
    }

    /// <summary>The progress file of a search that writes its best model to <paramref name="outPath"/>.</summary>
    public static string ProgressPath(string outPath) => outPath + ".search.jsonl";

    private static int Run(ParseResult parse, TextWriter output)
    {
        string outPath = parse.GetValue(Out)!;
        if (outPath == OutputPath.Standard)
            throw new BackpropException("--out -: search writes a model file (and its progress beside it); give a file name");
        string outFolder = Path.GetDirectoryName(Path.GetFullPath(outPath))!;
        if (!Directory.Exists(outFolder)) throw new BackpropException($"--out: the folder '{outFolder}' does not exist");
        string progressPath = ProgressPath(outPath);

        var combinations = (parse.GetValue(Grid), parse.GetValue(Random), parse.GetValue(Space)) switch
        {
            (string grid, null, null) => SearchSpace.Grid(grid),
            (null, int n, string space) => SearchSpace.Random(space, n, parse.GetValue(ModelSelectionOptions.Seed)),
            (null, int, null) => throw new BackpropException("--random N draws from --space: give --space \"lr=1e-4..1e-1:log;layers=8|16\""),
            (null, null, string) =>
                throw new BackpropException("--space is what --random N draws from: give --random N too (or --grid for every combination)"),
            (string, _, _) => throw new BackpropException("give --grid (every combination) or --random N with --space (N draws), not both"),
            _ => throw new BackpropException("give --grid \"lr=0.1,0.01;layers=16|32\" (every combination) or --random N --space " +
                "\"lr=1e-4..1e-1:log\" (N draws)"),
        };
        string target = ModelSelectionOptions.TargetColumn(parse);
        var options = ModelSelectionOptions.Options(parse);
        var table = ModelSelectionOptions.Table(parse, target);
        bool classifies = ModelSelectionOptions.Classifies(parse, table, target);
        var settings = new SearchSettings
        {
            Folds = parse.GetValue(Folds),
            Stratify = parse.GetValue(ModelSelectionOptions.Stratify),
            Seed = options.Seed,
            Scoring = parse.GetValue(ScoringOption),
            ProgressPath = progressPath,
        };
        bool json = parse.GetValue(ModelSelectionOptions.Json);

        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(CliApp.Cancellation);
        using var signals = InterruptSignals.Install(interrupt, parse.InvocationConfiguration.Error);
        string scoring = settings.Scoring ?? Scoring.Default(classifies);
        int finished = 0;
        bool existed = File.Exists(progressPath);
        var result = ParameterSearch.Run(o => ModelSelectionOptions.Create(classifies, o), options, combinations, table, target, settings, entry =>
        {
            finished++;
            if (!json) output.WriteLine($"[{entry.Index + 1}/{combinations.Count}] {SearchSpace.Describe(entry.Combination)}: {scoring} " +
                $"{Summary(entry, scoring)}");
        }, interrupt.Token);
        if (existed && result.Resumed > 0 && !json)
            output.WriteLine($"continued a search: {result.Resumed} of {result.Total} combinations were read back from {progressPath}");
        if (result.Interrupted)
        {
            output.WriteLine($"interrupted: {result.Ranked.Count} of {result.Total} combinations are done and kept in {progressPath}; run the same " +
                $"command again to continue");
            return signals.ExitCode ?? 130;
        }
        var best = result.Best!;
        best.Save(outPath);
        File.Delete(progressPath);
        if (json)
        {
            output.WriteLine(JsonReport.Serialize(new Dictionary<string, object?>
            {
                ["scoring"] = scoring,
                ["ranked"] = result.Ranked.Select((e, r) => new Dictionary<string, object?>
                {
                    ["rank"] = r + 1,
                    ["combination"] = e.Combination.ToDictionary(p => p.Key, p => p.Value),
                    ["mean"] = result.Metrics.ToDictionary(m => m, m => e.Summary(m).Mean),
                    ["std"] = result.Metrics.ToDictionary(m => m, m => e.Summary(m).StandardDeviation),
                }).ToList(),
                ["model"] = outPath,
            }));
            return 0;
        }
        string how = settings.Folds is int k ? $"mean ± std over {k} folds" : "on the held-out rows";
        output.WriteLine();
        output.WriteLine($"{"rank",4}  {string.Join("  ", result.Metrics.Select(m => $"{m,-17}"))}  combination   ({how})");
        foreach (var (entry, rank) in result.Ranked.Select((e, r) => (e, r + 1)))
            output.WriteLine($"{rank,4}  {string.Join("  ", result.Metrics.Select(m => $"{Summary(entry, m),-17}"))}  " +
                $"{SearchSpace.Describe(entry.Combination)}");
        output.WriteLine($"best: {SearchSpace.Describe(result.Ranked[0].Combination)} ({scoring} {Summary(result.Ranked[0], scoring)}), "
            + (settings.Folds is null ? "the fit that was scored" : $"fitted again on all {table.RowCount} rows") + $"; model written to {outPath}");
        return 0;
    }

    private static string Summary(SearchEntry entry, string metric) => entry.Diverged ? "diverged"
        : entry.Summary(metric) is var s && entry.Scores[metric].Length > 1
        ? $"{ModelSelectionOptions.Fmt(s.Mean)} ± {ModelSelectionOptions.Fmt(s.StandardDeviation)}"
        : ModelSelectionOptions.Fmt(s.Mean);
}

using System.Globalization;
using Backprop.Cli;
using Backprop.Cli.Examples;
using Backprop.Data;
using Backprop.Diagnostics;
using Backprop.Estimators;
using Backprop.ModelSelection;
using Backprop.Serialization;
using Backprop.Tests.Cli;

namespace Backprop.Tests.ModelSelection;

/// <summary>Grid and random search: the combinations, the ranking, the best model saved, and a search interrupted and continued.</summary>
public sealed class SearchTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static readonly MlpOptions Small =
        new() { HiddenLayers = [4], Optimizer = "adam", LearningRate = 0.02, Epochs = 8, BatchSize = 16, Seed = 2 };

    private static string Iris => SharedData.File("uci/iris.csv");

    [Fact]
    public void A_grid_gives_every_combination_the_last_setting_changing_fastest()
    {
        var grid = SearchSpace.Grid("lr=0.1,0.01;layers=16,32|64");
        Assert.Equal(["lr=0.1 layers=16,32", "lr=0.1 layers=64", "lr=0.01 layers=16,32", "lr=0.01 layers=64"], grid.Select(SearchSpace.Describe));
        var options = SearchSpace.Apply(Small, grid[0]);
        Assert.Equal(0.1, options.LearningRate);
        Assert.Equal([16, 32], options.HiddenLayers);
        Assert.Equal(3 * 2, SearchSpace.Grid("activation=relu|tanh|sigmoid; batch-size=8,full").Count);
        Assert.Null(SearchSpace.Apply(Small, SearchSpace.Grid("batch-size=full")[0]).BatchSize);
    }

    [Fact]
    public void Random_draws_are_the_same_from_the_same_seed_and_stay_in_their_ranges()
    {
        const string space = "lr=1e-4..1e-1:log;layers=8|16|32;epochs=5..9";
        var draws = SearchSpace.Random(space, 200, seed: 3);
        Assert.Equal(draws.Select(SearchSpace.Describe), SearchSpace.Random(space, 200, seed: 3).Select(SearchSpace.Describe));
        Assert.NotEqual(draws.Select(SearchSpace.Describe), SearchSpace.Random(space, 200, seed: 4).Select(SearchSpace.Describe));
        var lrs = draws.Select(d => double.Parse(d[0].Value, CultureInfo.InvariantCulture)).ToArray();
        Assert.All(lrs, lr => Assert.InRange(lr, 1e-4, 1e-1));
        // Log-uniform: about half the draws below the geometric middle, 10^-2.5 ≈ 0.00316 (a uniform draw would put 3 % there).
        Assert.InRange(lrs.Count(lr => lr < Math.Pow(10, -2.5)), 70, 130);
        Assert.Equal(["16", "32", "8"], draws.Select(d => d[1].Value).Distinct().Order());
        Assert.Equal(["5", "6", "7", "8", "9"], draws.Select(d => d[2].Value).Distinct().Order());
    }

    [Theory]
    [InlineData("--grid", "lr=0.1;momentum=0.9",
        "--grid: 'momentum' is not an option a search can vary (expected one of: lr, layers, batch-size, activation, optimizer, l2, " +
            "dropout, epochs)")]
    [InlineData("--grid", "lr=", "--grid: lr= has an empty value")]
    [InlineData("--grid", "lr=0.1,,0.2", "--grid: lr=0.1,,0.2 has an empty value")]
    [InlineData("--grid", "lr=fast", "--grid: lr=fast is not a number")]
    [InlineData("--grid", "layers=16|0", "--grid: layers=0: a width must be at least 1, not 0")]
    [InlineData("--space", "lr=1e-4..", "--random: lr=1e-4.. is not a range LOW..HIGH or LOW..HIGH:log of numbers with LOW ≤ HIGH")]
    [InlineData("--space", "lr=0.1..0.01", "--random: lr=0.1..0.01 is not a range LOW..HIGH")]
    [InlineData("--space", "l2=0..1:log", "--random: l2=0..1:log: a log range needs LOW above 0")]
    [InlineData("--space", "activation=a..b", "--random: activation=a..b: activation is not a number, so it takes a list (a|b|c), not a range")]
    public void A_bad_search_space_is_refused_in_one_line_and_nothing_is_written(string option, string space, string line)
    {
        string best = _folder.File("best.json");
        string[] how = option == "--grid" ? ["--grid", space] : ["--random", "3", "--space", space];
        var r = CliRunner.Run(["search", "--data", Iris, "--target", "species", .. how, "--folds", "3", "--layers", "4", "--epochs", "1",
            "--out", best]);
        CliRunner.AssertUserError(r, line);
        Assert.Empty(Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public void Search_folds_out_of_range_are_refused_before_anything_is_written()
    {
        var r = CliRunner.Run("search", "--data", Iris, "--target", "species", "--grid", "lr=0.1,0.01", "--folds", "1", "--layers", "4", "--out",
            _folder.File("best.json"));
        CliRunner.AssertUserError(r, "--folds 1: give at least 2 folds and at most one per row (150 rows)");
        Assert.Empty(Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public void Search_on_iris_prints_a_ranked_table_and_saves_the_best_model_that_predict_loads()
    {
        string best = _folder.File("best.json");
        var r = CliRunner.Run("search", "--data", Iris, "--target", "species", "--grid", "lr=0.05,0.005;layers=4|8", "--folds", "3", "--stratify",
            "--standardize", "--optimizer", "adam", "--epochs", "8", "--batch-size", "16", "--seed", "2", "--out", best);
        Assert.True(r.ExitCode == 0, r.Error);
        var rows = r.Output.Split('\n').SkipWhile(l => !l.StartsWith("rank", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => !l.StartsWith("best", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, rows.Count);
        // Ranked: the mean accuracies fall (or tie) down the table, and each is the cross-validation of its combination run apart.
        var table = CsvTable.Read(Iris);
        double previous = double.PositiveInfinity, previousLogLoss = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            var cells = rows[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal($"{i + 1}", cells[0]);
            double mean = double.Parse(cells[1], CultureInfo.InvariantCulture), logLoss = double.Parse(cells[7], CultureInfo.InvariantCulture);
            Assert.True(mean < previous || (mean == previous && logLoss >= previousLogLoss), rows[i]); // a tie: the lower log-loss first
            (previous, previousLogLoss) = (mean, logLoss);
            var combination = SearchSpace.Grid(string.Join(";", cells[^2..]))[0];
            var cv = CrossValidation.Run(() => new MlpClassifier(SearchSpace.Apply(Small, combination) with { Stratify = true }), table, "species", 3,
                stratify: true, seed: 2);
            Assert.Equal(cv.Summary("accuracy").Mean.ToString("0.0000", CultureInfo.InvariantCulture), cells[1]);
        }
        Assert.False(File.Exists(Backprop.Cli.Commands.SearchCommand.ProgressPath(best))); // a finished search leaves no progress file
        // The best, fitted again on every row, is a model file predict reads.
        var predict = CliRunner.Run("predict", "--model", best, "--data", Iris);
        Assert.True(predict.ExitCode == 0, predict.Error);
        Assert.Equal(151, predict.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var top = SearchSpace.Grid(string.Join(";", rows[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)[^2..]))[0];
        var refit = new MlpClassifier(SearchSpace.Apply(Small, top) with { Stratify = true });
        refit.Fit(table, "species");
        Assert.Equal(refit.Network!.Layers[0].Weights.Span.ToArray(), ModelFile.Load(best).ToNetwork<double>().Layers[0].Weights.Span.ToArray());
    }

    [Fact]
    public void A_search_scored_on_a_validation_split_keeps_the_fit_it_scored()
    {
        var table = CsvTable.Read(Iris);
        var grid = SearchSpace.Grid("lr=0.05,0.005");
        var result = ParameterSearch.Run(o => new MlpClassifier(o), Small with { ValidationFraction = 0.3 }, grid, table, "species",
            new SearchSettings { Stratify = true });
        foreach (var entry in result.Ranked)
        {
            var model = new MlpClassifier(SearchSpace.Apply(Small, entry.Combination) with { ValidationFraction = 0.3, Stratify = true });
            model.Fit(table, "species");
            Assert.Equal(45, model.ValidationRows.Count);
            Assert.Equal(model.Score(table, model.ValidationRows), Assert.Single(entry.Scores["accuracy"]));
        }
        var kept = Assert.IsType<MlpClassifier>(result.Best);
        Assert.Equal(result.Ranked[0].Scores["accuracy"][0], kept.Score(table, kept.ValidationRows));
    }

    [Fact]
    public void An_interrupted_search_continues_from_its_progress_file_to_the_same_result()
    {
        var table = CsvTable.Read(Iris);
        var grid = SearchSpace.Grid("lr=0.05,0.01,0.002;layers=3|5");
        var settings = new SearchSettings { Folds = 3, Seed = 5, ProgressPath = _folder.File("best.json.search.jsonl") };
        var whole = ParameterSearch.Run(o => new MlpClassifier(o), Small, grid, table, "species", settings with { ProgressPath = null });

        // Cancelled once two combinations are done: the third stops at the end of a batch and is not recorded.
        using var cancel = new CancellationTokenSource();
        int finished = 0;
        var first = ParameterSearch.Run(o => new MlpClassifier(o), Small, grid, table, "species", settings, _ =>
            { if (++finished == 2) cancel.Cancel(); }, cancel.Token);
        Assert.True(first.Interrupted);
        Assert.Equal(2, first.Ranked.Count);
        Assert.Equal(1 + 2, File.ReadAllLines(settings.ProgressPath!).Length);
        // A kill in the middle of a line: the cut line is run again.
        File.AppendAllText(settings.ProgressPath!, "{\"index\":2,\"comb");

        int ran = 0;
        var second = ParameterSearch.Run(o => new MlpClassifier(o), Small, grid, table, "species", settings, _ => ran++);
        Assert.False(second.Interrupted);
        Assert.Equal((2, 4), (second.Resumed, ran));
        Assert.Equal(whole.Ranked.Select(e => (e.Index, e.Scores["accuracy"].Sum(), e.Scores["log_loss"].Sum())),
            second.Ranked.Select(e => (e.Index, e.Scores["accuracy"].Sum(), e.Scores["log_loss"].Sum())));
        Assert.Equal(whole.Best!.Network!.Layers[0].Weights.Span.ToArray(), second.Best!.Network!.Layers[0].Weights.Span.ToArray());

        // Another search (other epochs) refuses the file rather than mix its results in.
        var e = Assert.Throws<BackpropException>(() =>
            ParameterSearch.Run(o => new MlpClassifier(o), Small with { Epochs = 9 }, grid, table, "species", settings));
        Assert.Contains("the progress file is of another search", e.Message);
    }

    [Fact]
    public void Search_cancelled_through_the_cli_exits_130_writes_no_model_and_the_same_command_then_finishes()
    {
        string best = _folder.File("best.json");
        string[] args = ["search", "--optimizer", "gd", "--data", Iris, "--target", "species", "--grid", "lr=0.05,0.01", "--folds", "2", "--layers",
            "3", "--epochs", "3", "--out", best];
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var (output, error) = (new StringWriter(), new StringWriter());
        Assert.Equal(130, CliApp.Run(args, output, error, cancelled.Token));
        Assert.Contains($"interrupted: 0 of 2 combinations are done and kept in {best}.search.jsonl; run the same command again to continue",
            output.ToString());
        Assert.False(File.Exists(best));
        Assert.Single(File.ReadAllLines(best + ".search.jsonl")); // the search's name, no combination

        var r = CliRunner.Run(args);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("model written to " + best, r.Output);
        Assert.True(File.Exists(best));
        Assert.False(File.Exists(best + ".search.jsonl"));
    }
}

/// <summary>cv and search are in the overview, complete their options and values, and share train's option definitions.</summary>
public class ModelSelectionCommandTests
{
    [Fact]
    public void The_overview_lists_cv_and_search_and_completion_knows_their_options()
    {
        var overview = CliRunner.Run();
        Assert.Contains("\n  cv ", overview.Output);
        Assert.Contains("\n  search ", overview.Output);
        Assert.Equal(["accuracy"], CliRunner.Run("__complete", "search", "--scoring", "acc")
            .Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["tanh"], CliRunner.Run("__complete", "cv", "--activation", "ta").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--stratify", CliRunner.Run("__complete", "cv", "--str").Output);
        Assert.Contains("did you mean 'search'?", CliRunner.Run("serch").Error);
    }

    [Fact]
    public void Train_s_ranges_hold_in_cv_too()
    {
        var r = CliRunner.Run("cv", "--data", SharedData.File("uci/iris.csv"), "--target", "species", "--layers", "4", "--lr", "-1");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("--lr", r.Error);
        Assert.Equal("", r.Output);
    }
}

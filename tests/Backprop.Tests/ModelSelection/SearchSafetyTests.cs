using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Backprop.Cli;
using Backprop.Tests.Cli;

namespace Backprop.Tests.ModelSelection;

/// <summary>
/// search at the core's standard (issue 21): bounded sizes, diverged combinations ranked last with null scores, a
/// progress file tied to its data and settings and read strictly, and no progress file left by a refused search.
/// </summary>
public sealed class SearchSafetyTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>y = 3x + 1 plus a little pattern, 60 rows: a regression every search here scores with R².</summary>
    internal static string Line(int i) => string.Create(CultureInfo.InvariantCulture, $"{i / 60.0:R},{3 * i / 60.0 + 1 + (i % 7) / 20.0:R}");

    private string Data(string name = "d.csv") => _folder.Write(name, "x,y\n" + string.Join("\n", Enumerable.Range(0, 60).Select(Line)) + "\n");

    private string Best => _folder.File("best.json");

    private string Progress => Best + ".search.jsonl";

    private string[] Search(string data, string grid, string epochs = "3") =>
        ["search", "--data", data, "--target", "y", "--grid", grid, "--layers", "3", "--epochs", epochs, "--folds", "2", "--out", Best,
            "--standardize", "none", "--optimizer", "gd"];

    private List<string> Files() => [.. Directory.GetFileSystemEntries(_folder.Path).Order()];

    [Fact]
    public void Search_sizes_over_the_limit_are_refused_in_one_line_before_anything_is_built()
    {
        string data = Data();
        var files = Files();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var random = CliRunner.Run(["search", "--data", data, "--target", "y", "--random", "100000000", "--space", "lr=1e-4..1:log", "--layers", "3",
            "--folds", "2", "--out", Best]);
        CliRunner.AssertUserError(random, "--random 100000000: 100,000,000 combinations is more than a search tries (at most 10,000)");
        string values = string.Join(",", Enumerable.Range(1, 11));
        var grid = CliRunner.Run(Search(data, $"lr={values};l2={values};epochs={values};batch-size={string.Join(",", Enumerable.Range(1, 10))}"));
        CliRunner.AssertUserError(grid, "--grid: 11 × 11 × 11 × 10 = 13,310 combinations, more than a search tries (at most 10,000)");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 << 20, "the refusals allocated more than 64 MB");
        Assert.Equal(files, Files());
    }

    [Fact]
    public void A_diverging_combination_is_ranked_last_with_null_scores_and_the_search_finishes()
    {
        string data = Data();
        string[] args = ["search", "--data", data, "--target", "y", "--grid", "lr=1e6,0.01", "--layers", "30", "--epochs", "50", "--folds", "3",
            "--out", Best, "--standardize", "none", "--optimizer", "gd"];
        var text = CliRunner.Run(args);
        Assert.True(text.ExitCode == 0, text.Error);
        Assert.Matches(@"\n   2  diverged +diverged +diverged +lr=1e6\n", text.Output);
        var json = JsonNode.Parse(CliRunner.Ok([.. args, "--json"]))!;
        var ranked = json["ranked"]!.AsArray();
        Assert.Equal("0.01", ranked[0]!["combination"]!["lr"]!.GetValue<string>());
        Assert.InRange(ranked[0]!["mean"]!["r2"]!.GetValue<double>(), -100, 1);
        Assert.Equal("1e6", ranked[1]!["combination"]!["lr"]!.GetValue<string>());
        Assert.All(["r2", "rmse", "mae"], m => Assert.Null(ranked[1]!["mean"]![m]));
        Assert.False(File.Exists(Progress));
        Assert.Equal(30, Backprop.Serialization.ModelFile.Load(Best).Layers[0].Units);
    }

    [Fact]
    public void A_search_where_every_combination_diverges_is_one_line_and_leaves_no_progress_file()
    {
        string data = Data();
        var files = Files();
        var outcome = CliRunner.Run(["search", "--data", data, "--target", "y", "--grid", "lr=1e6,1e7", "--layers", "30", "--epochs", "50",
            "--validation-split", "0.2", "--out", Best, "--optimizer", "gd", "--standardize", "none"]);
        CliRunner.AssertUserError(outcome, "every combination diverged", "no model to keep", "--standardize");
        Assert.Equal(files, Files()); // neither the model nor the progress file
        // The corrected command is not blocked by anything the refused one left.
        var corrected = CliRunner.Run(["search", "--optimizer", "gd", "--data", data, "--target", "y", "--grid", "lr=0.01,0.02", "--layers", "3",
            "--epochs", "3",
            "--validation-split", "0.2", "--out", Best]);
        Assert.True(corrected.ExitCode == 0, corrected.Error);
        Assert.DoesNotContain("continued", corrected.Output);
    }

    /// <summary>Runs <paramref name="args"/> and cancels it (as Ctrl+C) once <paramref name="done"/> combinations are done.</summary>
    internal static int Interrupted(string[] args, int done)
    {
        using var cancel = new CancellationTokenSource();
        var output = new CancelAfter($"[{done}/", cancel);
        return CliApp.Run(args, output, new StringWriter(), cancel.Token);
    }

    private sealed class CancelAfter(string prefix, CancellationTokenSource cancel) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.StartsWith(prefix, StringComparison.Ordinal) == true) cancel.Cancel();
        }
    }

    [Fact]
    public void A_progress_file_is_refused_when_the_data_changed_the_settings_differ_or_a_score_is_impossible_or_edited()
    {
        string data = Data();
        string[] args = Search(data, "lr=0.01,0.02,0.03");
        Assert.Equal(130, Interrupted(args, 1));
        byte[] progress = File.ReadAllBytes(Progress);
        Assert.Equal(2, File.ReadAllLines(Progress).Length);
        void Refused(string[] command, params string[] line)
        {
            CliRunner.AssertUserError(CliRunner.Run(command), line);
            Assert.False(File.Exists(Best));
        }

        // The data changed in place: the same path and the same number of rows, one value differs.
        string original = File.ReadAllText(data);
        File.WriteAllText(data, original.Replace("\n" + Line(5) + "\n", "\n" + Line(5).Replace(",", ",9") + "\n"));
        Refused(args, Progress, "was written for other contents of the data file", "delete the file to search the data as it is now");
        Assert.Equal(progress, File.ReadAllBytes(Progress));
        File.WriteAllText(data, original);

        Refused(Search(data, "lr=0.01,0.02,0.03", epochs: "4"), "the progress file is of another search (other settings)");
        Refused(Search(data, "lr=0.01,0.02"), "the progress file is of another search (other combinations)");
        Assert.Equal(progress, File.ReadAllBytes(Progress));

        // Hand edits: an impossible value names the field; a possible one does not match the line's check.
        string text = System.Text.Encoding.UTF8.GetString(progress);
        var r2 = new Regex("\"r2\":\\[(-?[0-9.eE+-]+)");
        File.WriteAllText(Progress, r2.Replace(text, "\"r2\":[9.5", 1));
        Refused(args, Progress, "line 2 has scores.r2[0] = 9.5, which no search measures (R² is at most 1)", "damaged");
        File.WriteAllText(Progress, r2.Replace(text, "\"r2\":[0.25", 1));
        Refused(args, "line 2 does not match its \"check\" (edited or damaged)");
        File.WriteAllText(Progress, text.Replace("\"rmse\":[", "\"rmse\":[null,"));
        Refused(args, "line 2 has no 'scores.rmse' of 2 values");

        // The file as the interrupted search left it continues.
        File.WriteAllBytes(Progress, progress);
        var resumed = CliRunner.Run(args);
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Contains("continued a search: 1 of 3 combinations were read back", resumed.Output);
        Assert.False(File.Exists(Progress));
    }

    [Fact]
    public void A_progress_file_holding_only_another_search_s_first_line_does_not_block_the_next_search()
    {
        string data = Data();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel(); // before any combination finished
        Assert.Equal(130, CliApp.Run(Search(data, "lr=0.01,0.02"), new StringWriter(), new StringWriter(), cancelled.Token));
        Assert.Single(File.ReadAllLines(Progress));
        var other = CliRunner.Run(Search(data, "lr=0.05"));
        Assert.True(other.ExitCode == 0, other.Error);
        Assert.False(File.Exists(Progress));
    }

    [Fact]
    public void Backprop_data_naming_a_missing_folder_is_refused_naming_the_variable()
    {
        var environment = new Dictionary<string, string> { ["BACKPROP_DATA"] = "/nonexistent/backprop-data" };
        using var child = ChildCli.Start(environment, "examples", "run", "admissions");
        Assert.Equal(1, child.WaitForExit());
        Assert.Equal("error: BACKPROP_DATA=/nonexistent/backprop-data: no such folder; set it to the shared data folder, "
            + "or unset it to use ../shared/data beside the repository\n", child.Error);
    }
}

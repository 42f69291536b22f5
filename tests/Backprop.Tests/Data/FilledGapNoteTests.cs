using System.Text.Json;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Data;

/// <summary>
/// <c>predict</c> and <c>evaluate</c> say once how many gaps the model's policy filled, per column and with what, as they
/// note unseen categories; the predictions are those of the same rows with the fills written in by hand.
/// </summary>
public sealed class FilledGapNoteTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    // x holds 1, 3, 8, 4, 2 (mean 18/5 = 3.6, median 3); z 10, 20, 30, 40, 50 (mean and median 30); job a, b, a, b, a
    // and one gap (its own category by default; most frequent: a, three of five).
    private const string Training = "x,z,job,y\n1,10,a,no\n3,,b,yes\n,20,a,no\n8,30,,yes\n4,40,b,no\n2,50,a,yes\n";

    // Gaps: x in rows 1, 3, 5 (3); z in rows 2, 3, 5 (3, one spelled NA); job in rows 2 and 4 (2, one spelled ?): 8 cells.
    // Row 5's job 'c' is a category the training rows never held.
    private const string Test = "x,z,job,y\n,5,a,no\n2,,,yes\n,,b,no\n7,1,?,yes\n,NA,c,no\n";

    private string Train(params string[] more)
    {
        string model = _folder.File($"m{more.Length}.json");
        CliRunner.Ok(["train", "--data", _folder.Write("train.csv", Training), "--target", "y", "--layers", "3", "--epochs", "20",
            "--seed", "1", "--quiet", "--out", model, .. more]);
        return model;
    }

    [Fact]
    public void Predict_counts_the_gaps_it_fills_and_predicts_as_if_the_fills_were_written()
    {
        string model = Train();
        string test = _folder.Write("test.csv", Test), predicted = _folder.File("p.csv");
        var run = CliRunner.Run("predict", "--model", model, "--data", test, "--out", predicted);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("note: 8 gaps filled: column 'x' 3 (mean 3.6), column 'z' 3 (mean 30), column 'job' 2 (own category)\n" +
            "note: 1 row had categories not seen in training: column 'job' (1 value)\n", run.Error.Replace("\r\n", "\n"));

        // The numbers written in: the predictions are the same bits, and only job's two gaps are left to count.
        string written = _folder.Write("written.csv", "x,z,job,y\n3.6,5,a,no\n2,30,,yes\n3.6,30,b,no\n7,1,?,yes\n3.6,30,c,no\n");
        string again = _folder.File("q.csv");
        var rerun = CliRunner.Run("predict", "--model", model, "--data", written, "--out", again);
        Assert.Equal(0, rerun.ExitCode);
        Assert.StartsWith("note: 2 gaps filled: column 'job' 2 (own category)\n", rerun.Error.Replace("\r\n", "\n"));
        Assert.Equal(File.ReadAllText(predicted), File.ReadAllText(again));

        // No gap, no note of them; training says nothing of the gaps it fills.
        var full = CliRunner.Run("predict", "--model", model, "--data", _folder.Write("full.csv", "x,z,job,y\n1,2,a,no\n"));
        Assert.Equal("", full.Error);
        var trained = CliRunner.Run("train", "--data", _folder.File("train.csv"), "--target", "y", "--layers", "3", "--epochs", "2",
            "--quiet", "--out", _folder.File("t.json"));
        Assert.DoesNotContain("gaps filled", trained.Error);
    }

    [Fact]
    public void Evaluate_notes_them_and_json_holds_the_counts_with_the_median_and_most_frequent_policies()
    {
        string model = Train("--missing", "median", "--missing-categories", "most-frequent");
        string test = _folder.Write("test.csv", Test);
        var run = CliRunner.Run("evaluate", "--model", model, "--data", test, "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("note: 8 gaps filled: column 'x' 3 (median 3), column 'z' 3 (median 30), column 'job' 2 (most frequent 'a')\n" +
            "note: 1 row had categories not seen in training: column 'job' (1 value)\n", run.Error.Replace("\r\n", "\n"));
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(5, json.RootElement.GetProperty("samples").GetInt32());
        var gaps = json.RootElement.GetProperty("gaps_filled");
        Assert.Equal(8, gaps.GetProperty("cells").GetInt64());
        var columns = gaps.GetProperty("columns").EnumerateArray().ToArray();
        Assert.Equal(["x", "z", "job"], columns.Select(c => c.GetProperty("column").GetString()));
        Assert.Equal([3L, 3L, 2L], columns.Select(c => c.GetProperty("cells").GetInt64()));
        Assert.Equal(3.0, columns[0].GetProperty("fill").GetDouble());
        Assert.Equal(30.0, columns[1].GetProperty("fill").GetDouble());
        Assert.Equal("most frequent 'a'", columns[2].GetProperty("fill").GetString());

        // A file without gaps has no gaps_filled key and no note.
        var full = CliRunner.Run("evaluate", "--model", model, "--data", _folder.Write("full.csv", "x,z,job,y\n1,2,a,no\n"), "--json");
        Assert.Equal("", full.Error);
        Assert.DoesNotContain("gaps_filled", full.Output);
    }
}

using System.Text;
using System.Text.Json.Nodes;
using Backprop.Cli;
using Backprop.Serialization;
using Backprop.Tests.Cli;
using Backprop.Tests.ModelSelection;

namespace Backprop.Tests.Fuzz;

/// <summary>
/// Issue 21's property for search: a real progress file (a search interrupted after two of four combinations, one of
/// them diverged) damaged as FsCheck generates it from a fixed seed — truncated, bits flipped, bytes inserted, numbers
/// replaced (in the scores and in the data's fingerprint), lines deleted, duplicated or swapped — and the same search run
/// again. Every case ends in exit 0 with the very result of an undamaged search (started afresh or continued from the
/// lines that hold) and no progress file left, or exit 1 with one error line, no model and the progress file as it was;
/// never a trace, never a ranking that trusts a score the search did not measure. <c>BACKPROP_FUZZ_CASES</c> / 5 cases.
/// </summary>
public sealed class SearchProgressFuzzTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static int Cases => Math.Max(1, FuzzCase.Cases(300) / 5);
    private static ulong Seed => FuzzCase.Seed(20261206);

    private static string[] Search(string data, string best, bool json = true) =>
        ["search", "--data", data, "--target", "y", "--grid", "lr=0.01,1e6,0.03,0.02", "--layers", "30", "--epochs", "50", "--folds", "2",
         "--out", best, "--optimizer", "gd", "--standardize", "none", .. json ? new[] { "--json" } : []];

    [Fact]
    public void A_damaged_progress_file_gives_the_undamaged_result_or_one_error_line_and_nothing_written()
    {
        string csv = "x,y\n" + string.Join("\n", Enumerable.Range(0, 60).Select(SearchSafetyTests.Line)) + "\n";
        string data = _folder.Write("d.csv", csv), best = _folder.File("best.json");
        // The undamaged result, and the progress file of the same search interrupted after two combinations.
        string clean = Ranked(CliRunner.Ok(Search(data, best)));
        File.Delete(best);
        Assert.Equal(130, SearchSafetyTests.Interrupted(Search(data, best, json: false), 2));
        byte[] progress = File.ReadAllBytes(best + ".search.jsonl");
        string text = Encoding.UTF8.GetString(progress);
        Assert.Equal(3, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("\"r2\":[null,null]", text); // lr=1e6 diverged: its scores are null, not a crash
        Assert.Contains("null", clean);

        var failures = new List<string>();
        int accepted = 0, refused = 0;
        var cases = Damage.Cases(Seed, Cases);
        for (int i = 0; i < cases.Length; i++)
        {
            byte[] damaged = cases[i].Aggregate(progress, (bytes, d) => d.Apply(bytes));
            using var folder = new TempFolder();
            string caseBest = folder.File("best.json"), caseProgress = caseBest + ".search.jsonl";
            File.WriteAllBytes(caseProgress, damaged);
            string? problem = Check(Search(data, caseBest), caseBest, caseProgress, damaged, clean, ref accepted, ref refused);
            if (problem is not null) failures.Add($"case {i} ({string.Join("; ", cases[i].Select(d => d.ToString()))}): {problem}");
        }
        Assert.True(failures.Count == 0,
            $"{failures.Count} of {cases.Length} cases (seed {Seed}) broke the promise:\n" + string.Join("\n", failures.Take(12)));
        Assert.True(accepted > 0 && refused > 0, $"{accepted} accepted and {refused} refused of {cases.Length}");
    }

    private static string? Check(string[] args, string best, string progress, byte[] damaged, string clean, ref int accepted, ref int refused)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code;
        try { code = CliApp.Run(args, output, error); }
        catch (Exception e) { return $"crashed: {e.GetType().Name}: {e.Message}"; }
        if (error.ToString().Contains("   at ", StringComparison.Ordinal)) return $"a stack trace: {error}";
        switch (code)
        {
            case 0:
                accepted++;
                if (File.Exists(progress)) return "exit 0 left the progress file";
                try { ModelFile.Load(best); }
                catch (Exception e) { return $"exit 0 but the model does not load: {e.Message}"; }
                string ranked = Ranked(output.ToString());
                return ranked == clean ? null : $"exit 0 with another ranking: {ranked}";
            case 1:
                refused++;
                var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
                if (lines.Length != 1 || !lines[0].StartsWith("error: ", StringComparison.Ordinal)) return $"exit 1 with: {error}";
                if (File.Exists(best)) return "exit 1 wrote the model";
                if (!File.Exists(progress) || !File.ReadAllBytes(progress).AsSpan().SequenceEqual(damaged)) return "exit 1 changed the progress file";
                return null;
            default:
                return $"exit {code}: {error}";
        }
    }

    /// <summary>The ranking of a <c>--json</c> search: each combination with its mean and standard deviation.</summary>
    private static string Ranked(string json) => JsonNode.Parse(json)!["ranked"]!.ToJsonString();
}

using System.Security.Cryptography;
using Backprop.Cli;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Fuzz;

/// <summary>
/// Runs one damaged input through the CLI in-process and checks the promise every command makes: exit 0 with a valid
/// output, or exit 1 with one error line and no output created or changed — never a stack trace, never a hang, never
/// an input changed, never a temporary file left behind.
/// </summary>
internal static class FuzzCase
{
    /// <summary>How many cases a fuzz test runs: <c>BACKPROP_FUZZ_CASES</c> when set (bench/fuzz.sh), else <paramref name="byDefault"/>.</summary>
    public static int Cases(int byDefault) =>
        int.TryParse(Environment.GetEnvironmentVariable("BACKPROP_FUZZ_CASES"), out int n) && n > 0 ? n : byDefault;

    /// <summary>The seed of a fuzz test's generator: <c>BACKPROP_FUZZ_SEED</c> when set (to replay a failure), else
    /// <paramref name="byDefault"/>.</summary>
    public static ulong Seed(ulong byDefault) =>
        ulong.TryParse(Environment.GetEnvironmentVariable("BACKPROP_FUZZ_SEED"), out ulong s) ? s : byDefault;

    /// <summary>How long one command may take before the case counts as a hang.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <param name="folder">The case's own folder; everything in it that is not an output is an input.</param>
    /// <param name="args">The command line.</param>
    /// <param name="outputs">Files the command may write; each is checked by <paramref name="valid"/> after exit 0.</param>
    /// <param name="valid">Whether an output written by a successful run is whole (null: a reason it is not).</param>
    /// <returns>The exit code (−1 for none), and null when the promise held, else what went wrong.</returns>
    public static (int Code, string? Problem) Check(string folder, string[] args, string[] outputs, Func<string, string?> valid)
    {
        var before = Snapshot(folder);
        var output = new StringWriter();
        var error = new StringWriter();
        int code;
        try
        {
            var run = Task.Run(() => CliApp.Run(args, output, error));
            if (!run.Wait(Limit)) return (-1, $"no answer after {Limit.TotalSeconds} s");
            code = run.Result;
        }
        catch (AggregateException e)
        {
            var inner = e.InnerException!;
            // The first frame of Backprop's own code says where the exception got away.
            string? frame = inner.StackTrace?.Split('\n').Select(f => f.Trim())
                .FirstOrDefault(f => f.StartsWith("at Backprop.", StringComparison.Ordinal));
            return (-1, $"crashed: {inner.GetType().Name}: {inner.Message} {frame}");
        }
        string err = error.ToString();
        var after = Snapshot(folder);
        foreach (var (file, hash) in before)
        {
            if (outputs.Contains(file) && code == 0) continue;
            if (!after.TryGetValue(file, out var now)) return (code, $"exit {code} removed {Path.GetFileName(file)}");
            if (now != hash) return (code, $"exit {code} changed {Path.GetFileName(file)}");
        }
        foreach (var file in after.Keys.Where(f => !before.ContainsKey(f)))
            if (!(code == 0 && outputs.Contains(file))) return (code, $"exit {code} left {Path.GetFileName(file)} behind");
        switch (code)
        {
            case 0:
                foreach (var file in outputs.Where(File.Exists))
                    if (valid(file) is string problem) return (code, $"exit 0 but {Path.GetFileName(file)} is not whole: {problem}");
                return (code, null);
            case 1:
                var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                if (lines.Length != 1) return (code, $"exit 1 with {lines.Length} lines on standard error: {Shorten(err)}");
                if (!lines[0].StartsWith("error: ", StringComparison.Ordinal))
                    return (code, $"exit 1 but the line is not an error: {Shorten(lines[0])}");
                return (code, null);
            default:
                return (code, $"exit {code}: {Shorten(err)}");
        }
    }

    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.GetFiles(folder).ToDictionary(f => f, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    private static string Shorten(string text) => text.Length <= 300 ? text.Trim() : text[..300] + "…";

    /// <summary>Copies <paramref name="files"/> (name → bytes) into a fresh folder for one case.</summary>
    public static TempFolder Folder(IEnumerable<(string Name, byte[] Bytes)> files)
    {
        var folder = new TempFolder();
        foreach (var (name, bytes) in files) File.WriteAllBytes(folder.File(name), bytes);
        return folder;
    }
}

using System.Diagnostics;
using Backprop.Cli;

namespace Backprop.Tests.Cli;

/// <summary>Runs the CLI in-process, as a user would from a shell, and captures what it prints.</summary>
internal static class CliRunner
{
    public sealed record Outcome(int ExitCode, string Output, string Error);

    public static Outcome Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CliApp.Run(args, output, error);
        return new Outcome(code, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Runs the CLI as a child process whose GC heap is limited to <paramref name="heapLimit"/> bytes
    /// (<c>DOTNET_GCHeapHardLimit</c>; 256 MiB by default), one thread: for cases whose point is that memory stays bounded.
    /// </summary>
    public static Outcome RunUnderHeapLimit(string[] args, long heapLimit = 0x10000000)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(CliApp).Assembly.Location);
        foreach (string a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_GCHeapHardLimit"] = $"0x{heapLimit:x}";
        start.Environment["BACKPROP_THREADS"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"backprop {string.Join(' ', args)} did not finish in 120 s");
        }
        return new Outcome(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Runs and asserts success; returns standard output.</summary>
    public static string Ok(params string[] args)
    {
        var outcome = Run(args);
        Assert.True(outcome.ExitCode == 0, $"backprop {string.Join(' ', args)} failed: {outcome.Error}");
        return outcome.Output;
    }

    /// <summary>Only parses <paramref name="args"/> against the CLI's command tree (nothing runs).</summary>
    public static System.CommandLine.ParseResult Parse(string[] args) => CliApp.Parse(args);

    /// <summary>Asserts a user error: exit code 1, one line on standard error containing every fragment, no stack trace.</summary>
    public static void AssertUserError(Outcome outcome, params string[] fragments)
    {
        Assert.Equal(1, outcome.ExitCode);
        var lines = outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0]);
        Assert.DoesNotContain("   at ", outcome.Error);
        foreach (var fragment in fragments) Assert.Contains(fragment, lines[0]);
    }
}

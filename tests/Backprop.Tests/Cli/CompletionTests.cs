using System.Diagnostics;

namespace Backprop.Tests.Cli;

/// <summary><c>backprop completion bash</c>: the script bash sources completes commands, example names and option values.</summary>
public sealed class CompletionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [SkippableTheory]
    [InlineData(new[] { "examples", "run", "ma" }, "mazur")]
    [InlineData(new[] { "tr" }, "train")]
    [InlineData(new[] { "train", "--optimizer", "adam" }, "adam adamw")]
    [InlineData(new[] { "train", "--activation", "le" }, "leaky-relu")]
    [InlineData(new[] { "explain", "ud" }, "udacity")]
    public async Task Bash_completes_from_the_command_tree(string[] words, string expected)
    {
        Skip.If(!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() || !File.Exists("/bin/bash"), "no bash here");
        // `backprop` on PATH: a wrapper around the CLI built beside the tests.
        string cli = Path.Combine(AppContext.BaseDirectory, "Backprop.Cli.dll");
        string wrapper = _folder.Write("backprop", $"#!/bin/sh\nexec dotnet \"{cli}\" \"$@\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var script = CliRunner.Run("completion", "bash");
        Assert.Equal(0, script.ExitCode);
        string test = _folder.Write("test.sh", script.Output
            + $"\nCOMP_WORDS=(backprop {string.Join(" ", words)}); COMP_CWORD={words.Length}\n_backprop_complete\necho \"${{COMPREPLY[*]}}\"\n");
        var start = new ProcessStartInfo("/bin/bash", [test]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PATH"] = _folder.Path + ":" + Environment.GetEnvironmentVariable("PATH");
        using var bash = Process.Start(start)!;
        string output = await bash.StandardOutput.ReadToEndAsync();
        await bash.WaitForExitAsync();
        Assert.Equal(expected, output.Trim());
    }

    [Fact]
    public void Every_shell_has_a_script_and_another_is_refused()
    {
        foreach (var shell in new[] { "bash", "zsh", "fish", "pwsh" })
        {
            var r = CliRunner.Run("completion", shell);
            Assert.Equal(0, r.ExitCode);
            Assert.Contains("backprop __complete", r.Output);
        }
        CliRunner.AssertUserError(CliRunner.Run("completion", "tcsh"), "completion: 'tcsh' is not one of bash, zsh, fish, pwsh");
    }
}

using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Backprop.Tests.Cli;

/// <summary>The CLI as a real child process (<c>dotnet Backprop.Cli.dll …</c>), for what only a process has: signals, its own standard
/// output.</summary>
internal sealed class ChildCli : IDisposable
{
    public const int SigHup = 1, SigInt = 2, SigTerm = 15;

    private readonly Process _process;
    private readonly StringBuilder _output = new(), _error = new();
    private readonly SemaphoreSlim _lines = new(0);

    private ChildCli(Process process) => _process = process;

    public static ChildCli Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    /// <summary>Starts the CLI with <paramref name="environment"/> added to its environment.</summary>
    public static ChildCli Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        string host = Environment.ProcessPath is string p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        var info = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(Backprop.Cli.CliApp).Assembly.Location);
        foreach (string arg in args) info.ArgumentList.Add(arg);
        info.Environment["BACKPROP_THREADS"] = "1";
        foreach (var (key, value) in environment) info.Environment[key] = value;
        var child = new ChildCli(new Process { StartInfo = info });
        child._process.OutputDataReceived += (_, e) => child.Received(child._output, e.Data);
        child._process.ErrorDataReceived += (_, e) => child.Received(child._error, e.Data);
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    private void Received(StringBuilder into, string? line)
    {
        if (line is null) return;
        lock (into) into.Append(line).Append('\n');
        _lines.Release();
    }

    public int Id => _process.Id;

    public string Output { get { lock (_output) return _output.ToString(); } }

    public string Error { get { lock (_error) return _error.ToString(); } }

    /// <summary>Waits (at most a minute, against a hang) until standard output has a line starting with <paramref name="prefix"/>.</summary>
    public void WaitForLine(string prefix)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!Output.Split('\n').Any(l => l.StartsWith(prefix, StringComparison.Ordinal)))
        {
            Assert.False(_process.HasExited, $"the process ended before printing '{prefix}': {Output}{Error}");
            Assert.True(DateTime.UtcNow < deadline, $"no line '{prefix}' within a minute: {Output}{Error}");
            _lines.Wait(TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>Waits for the exit (at most two minutes, against a hang; killed then) and returns its code.</summary>
    public int WaitForExit()
    {
        if (!_process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"the process did not end: {Output}{Error}");
        }
        _process.WaitForExit(); // the end of its output
        return _process.ExitCode;
    }

    /// <summary>Sends signal <paramref name="signal"/>; false when the process has already gone.</summary>
    public bool Signal(int signal) => Kill(_process.Id, signal) == 0;

    /// <summary>Whether the process ignores <paramref name="signal"/>, as a background job of a shell without job control ignores SIGINT.</summary>
    public bool Ignores(int signal)
    {
        string? mask = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return mask is not null && (Convert.ToUInt64(mask["SigIgn:".Length..].Trim(), 16) & (1UL << (signal - 1))) != 0;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
        _lines.Dispose();
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in the test project
    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
#pragma warning restore SYSLIB1054
}

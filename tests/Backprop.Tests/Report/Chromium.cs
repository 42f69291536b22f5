using System.Diagnostics;

namespace Backprop.Tests.Report;

/// <summary>Headless Chromium from the system's packages (Debian's <c>chromium</c>), run with a time limit.</summary>
internal static class Chromium
{
    /// <summary>The browser's path, or null when none is installed.</summary>
    public static string? Find()
    {
        foreach (string name in new[] { "chromium", "chromium-browser", "google-chrome" })
            foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            {
                string path = Path.Combine(folder, name);
                if (File.Exists(path)) return path;
            }
        return null;
    }

    public sealed record Run(int ExitCode, string Output, string Error);

    /// <summary>Runs the browser headless on <paramref name="page"/> with <paramref name="arguments"/>, killing it after
    /// <paramref name="timeout"/>.</summary>
    public static Run Open(string browser, string page, TimeSpan timeout, string profile, params string[] arguments)
    {
        var start = new ProcessStartInfo(browser) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            $"--user-data-dir={profile}" }
                     .Concat(arguments).Append(new Uri(page).AbsoluteUri))
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{browser} did not finish within {timeout.TotalSeconds:F0} s");
        }
        return new Run(process.ExitCode, output.Result, error.Result);
    }
}

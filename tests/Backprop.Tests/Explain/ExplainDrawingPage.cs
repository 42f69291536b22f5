using System.Globalization;
using Backprop.Tests.Cli;
using OpenQA.Selenium;

namespace Backprop.Tests.Explain;

/// <summary>An example's explain page opened in Chromium at its last equation (every unit showing its value), measured by a script.</summary>
internal static class ExplainDrawingPage
{
    /// <summary>
    /// The numbers <paramref name="script"/> returns (space-separated) on <paramref name="example"/>'s page; skips the test
    /// when Chromium is not installed. With <c>BACKPROP_SHOTS</c> set, saves a screenshot named <paramref name="shot"/> there.
    /// </summary>
    public static double[] Measure(TempFolder folder, string example, string script, string shot)
    {
        string page = folder.File($"{example}.html");
        var r = CliRunner.Run("explain", example, "--format", "html", "--out", page);
        Assert.True(r.ExitCode == 0, r.Error);
        using var driver = ExplainPageBrowserTests.Browser(folder.File("profile"));
        Skip.If(driver is null, "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver): the page was not opened");
        driver.Navigate().GoToUrl(new Uri(page).AbsoluteUri);
        driver.FindElement(By.TagName("body")).SendKeys(Keys.End);
        string measured = (string)((IJavaScriptExecutor)driver).ExecuteScript(script)!;
        if (Environment.GetEnvironmentVariable("BACKPROP_SHOTS") is { } shots)
        {
            Directory.CreateDirectory(shots);
            driver.GetScreenshot().SaveAsFile(Path.Combine(shots, $"{example}-{shot}.png"));
        }
        return measured.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
    }
}

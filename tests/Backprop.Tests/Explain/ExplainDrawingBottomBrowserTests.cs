using System.Globalization;
using Backprop.Tests.Cli;
using OpenQA.Selenium;

namespace Backprop.Tests.Explain;

/// <summary>
/// The explain page's drawing ends under its lowest unit's value, with no empty band at its bottom: measured in Chromium, the
/// lowest thing drawn (a circle, a value under it, an edge label) against the bottom of the drawing's view box.
/// </summary>
public sealed class ExplainDrawingBottomBrowserTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [SkippableTheory]
    [InlineData("mazur")]
    [InlineData("gfg")]
    [InlineData("xor")]
    [InlineData("digits")]
    public void The_drawing_ends_just_under_its_lowest_unit_value(string example)
    {
        string page = _folder.File($"{example}.html");
        var r = CliRunner.Run("explain", example, "--format", "html", "--out", page);
        Assert.True(r.ExitCode == 0, r.Error);
        using var driver = ExplainPageBrowserTests.Browser(_folder.File("profile"));
        Skip.If(driver is null, "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver): the page was not opened");
        driver.Navigate().GoToUrl(new Uri(page).AbsoluteUri);
        // At the last equation every unit shows its value.
        driver.FindElement(By.TagName("body")).SendKeys(Keys.End);
        string measured = (string)((IJavaScriptExecutor)driver).ExecuteScript(
            "const svg = document.getElementById('network'); const box = svg.getBBox();" +
            "return (svg.viewBox.baseVal.height - (box.y + box.height)) + ' ' + box.y;")!;
        var parts = measured.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        if (Environment.GetEnvironmentVariable("BACKPROP_SHOTS") is { } shots)
        {
            Directory.CreateDirectory(shots);
            driver.GetScreenshot().SaveAsFile(Path.Combine(shots, $"{example}-bottom.png"));
        }
        // Nothing drawn below the box, and at most a few pixels of margin under the lowest value (was 56 to 70).
        Assert.InRange(parts[0], 0, 12);
        Assert.True(parts[1] >= 0, $"the drawing starts at {parts[1]}");
    }
}

using System.Globalization;
using System.Text.Json;
using Backprop.Tests.Cli;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Backprop.Tests.Explain;

/// <summary>
/// The explain page in a real browser (Debian's chromium and chromium-driver, driven by Selenium): it loads with no
/// console errors, stepping to the end with the arrow keys shows the numbers of <c>explain mazur --format json</c>,
/// and at every step of the backward pass the highlighted edge is the weight its equation is about.
/// </summary>
public sealed class ExplainPageBrowserTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    internal static ChromeDriver? Browser(string profile)
    {
        string? browser = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);
        if (browser is null || !File.Exists("/usr/bin/chromedriver")) return null;
        // The driver and browser are named outright, so Selenium never looks for (or downloads) one of its own.
        var service = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = browser };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000",
            $"--user-data-dir={profile}");
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    [SkippableFact]
    public void Mazur_page_steps_through_every_number_of_the_json_and_highlights_each_weight_it_differentiates()
    {
        string page = _folder.File("mazur.html");
        var r = CliRunner.Run("explain", "mazur", "--format", "html", "--out", page);
        Assert.True(r.ExitCode == 0, r.Error);
        var json = JsonDocument.Parse(CliRunner.Run("explain", "mazur", "--format", "json").Output).RootElement;
        var equations = json.GetProperty("equations").EnumerateArray().ToList();

        using var driver = Browser(_folder.File("profile"));
        Skip.If(driver is null, "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver): the page was not opened");
        driver.Navigate().GoToUrl(new Uri(page).AbsoluteUri);
        var body = driver.FindElement(By.TagName("body"));
        Assert.Equal($"1 / {equations.Count}", driver.FindElement(By.Id("position")).Text);

        int checkedEdges = 0;
        for (int k = 0; k < equations.Count; k++)
        {
            string key = equations[k].GetProperty("key").GetString()!;
            Assert.Equal(key, driver.FindElement(By.Id("equation")).GetAttribute("data-key"));
            // ∂E/∂w5 and the update w5+ are about weight w5: that edge, and only it, is highlighted.
            if (key.StartsWith("dE/dw", StringComparison.Ordinal) || key is ['w', .., '+'])
            {
                string weight = key.StartsWith("dE/d", StringComparison.Ordinal) ? key[4..] : key[..^1];
                var active = driver.FindElements(By.CssSelector("#network .edge.active"));
                Assert.Equal([weight], active.Select(e => e.GetAttribute("data-name")));
                checkedEdges++;
            }
            if (k < equations.Count - 1) body.SendKeys(Keys.ArrowRight);
        }
        Assert.Equal(16, checkedEdges); // eight gradients and eight updates
        Assert.Equal($"{equations.Count} / {equations.Count}", driver.FindElement(By.Id("position")).Text);

        // Every equation is now listed as worked, and each shows the value the JSON gives, to its nine decimals.
        var worked = driver.FindElements(By.CssSelector("#worked li"));
        Assert.Equal(equations.Count, worked.Count);
        for (int k = 0; k < equations.Count; k++)
        {
            var value = worked[k].FindElement(By.CssSelector(".value"));
            Assert.Equal(equations[k].GetProperty("key").GetString(), value.GetAttribute("data-key"));
            double shown = double.Parse(value.Text.Replace('−', '-'), CultureInfo.InvariantCulture);
            double expected = equations[k].GetProperty("value").GetDouble();
            Assert.True(Math.Abs(shown - expected) <= 5e-10 + 5e-9 * Math.Abs(expected),
                $"{value.GetAttribute("data-key")}: page {value.Text}, json {expected:R}");
        }
        // The post's figures are marked as the text marks them: its w5+ of 0.35891648 agrees; its error after the
        // update, 0.291027924, does not (the correct value is 0.291027774), and the summary says so.
        Assert.Contains("[document: 0.35891648 ✓]", driver.FindElement(By.CssSelector("#worked li[data-key='w5+']")).Text);
        var wrong = driver.FindElement(By.CssSelector("#worked li[data-key='E_total_after'] .differs"));
        Assert.StartsWith("[document: 0.291027924 ✗ differs", wrong.Text);
        Assert.Equal("0.291027774", driver.FindElement(By.CssSelector("#worked li[data-key='E_total_after'] .value")).Text);
        Assert.Contains("1 of the document's figures does not follow from its own formulas", driver.FindElement(By.Id("summary")).Text);

        var errors = driver.Manage().Logs.GetLog(LogType.Browser).Where(l => l.Level >= LogLevel.Warning).Select(l => l.Message).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        ((IJavaScriptExecutor)driver).ExecuteScript("window.explainPage.go(24)");
        // BACKPROP_SCREENSHOTS=docs/images keeps the picture (docs/pictures.md shows it).
        string shots = Environment.GetEnvironmentVariable("BACKPROP_SCREENSHOTS") is { Length: > 0 } d ? d : _folder.Path;
        File.WriteAllBytes(Path.Combine(shots, "explain-mazur.png"), driver.GetScreenshot().AsByteArray);
    }
}

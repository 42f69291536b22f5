using System.Globalization;
using Backprop.Playground;
using Backprop.Tests.Cli;
using Backprop.Tests.Explain;
using OpenQA.Selenium;
using Xunit.Abstractions;

namespace Backprop.Tests.Playground;

/// <summary>The playground page in Chromium (Selenium): it trains XOR live to a test loss under 0.05, draws the heatmap and every unit's thumbnail,
/// and the address restores the setup.</summary>
public sealed class PlaygroundBrowserTests(ITestOutputHelper log) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [SkippableFact]
    public async Task Xor_trains_live_below_a_test_loss_of_five_hundredths_and_the_address_restores_the_setup()
    {
        await using var server = await PlaygroundServer.StartAsync();
        using var driver = ExplainPageBrowserTests.Browser(_folder.File("profile"));
        Skip.If(driver is null,
            "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver): the playground was not opened");
        string url = server.PageUrl + "#dataset=xor&features=x,y,xy&layers=4&activation=tanh&lr=0.1&batch=10&hide=noise";
        driver.Navigate().GoToUrl(url);
        var js = (IJavaScriptExecutor)driver;
        bool Until(Func<bool> condition, int seconds)
        {
            var end = DateTime.UtcNow.AddSeconds(seconds);
            while (DateTime.UtcNow < end) { if (condition()) return true; Thread.Sleep(100); }
            return condition();
        }
        Assert.True(Until(() => js.ExecuteScript("return window.playground.state() !== null") is true, 20), "the first picture arrives");

        driver.FindElement(By.Id("play")).Click();
        double Loss() => double.TryParse(driver.FindElement(By.Id("test-loss")).Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? v : double.NaN;
        Assert.True(Until(() => Loss() < 0.05, 60), $"test loss {Loss()} after 60 s");
        long epoch = (long)js.ExecuteScript("return window.playground.state().epoch")!;
        log.WriteLine($"xor: test loss {Loss()} at epoch {epoch}");
        Assert.InRange(epoch, 1, PlaygroundSession.MaxEpochs);

        // The heatmap is drawn in both colours (the two classes' regions), and each of the 4 hidden units and the output has its picture.
        long colours = (long)js.ExecuteScript("""
            const d = document.getElementById('heatmap').getContext('2d').getImageData(0, 0, 340, 340).data, seen = new Set();
            for (let i = 0; i < d.length; i += 4 * 97) seen.add(d[i] + ',' + d[i + 1] + ',' + d[i + 2]);
            return seen.size;
            """)!;
        Assert.True(colours > 20, $"{colours} colours on the heatmap");
        Assert.Equal(5L, js.ExecuteScript("return document.querySelectorAll('canvas.thumbnail[data-drawn=yes]').length"));
        Assert.False(driver.FindElement(By.CssSelector("[data-control=noise]")).Displayed, "hide=noise hides the noise control");
        // BACKPROP_SCREENSHOTS=docs/images keeps the picture of the trained network (docs/pictures.md shows it).
        string shots = Environment.GetEnvironmentVariable("BACKPROP_SCREENSHOTS") is { Length: > 0 } d ? d : _folder.Path;
        File.WriteAllBytes(Path.Combine(shots, "playground.png"), driver.GetScreenshot().AsByteArray);

        // The setup lives in the address: opening it again restores every control.
        string address = driver.Url;
        Assert.Contains("layers=4", address);
        driver.Navigate().GoToUrl("about:blank");
        driver.Navigate().GoToUrl(address);
        Assert.True(Until(() => js.ExecuteScript("return window.playground.state() !== null") is true, 20));
        Assert.Equal("xor", driver.FindElement(By.Id("dataset")).GetAttribute("value"));
        Assert.Equal("4", driver.FindElement(By.Id("layers")).GetAttribute("value"));
        Assert.Equal("0.1", driver.FindElement(By.Id("lr")).GetAttribute("value"));
        Assert.True(driver.FindElement(By.CssSelector("input[name=feature][value=xy]")).Selected);
        Assert.False(driver.FindElement(By.CssSelector("input[name=feature][value=x2]")).Selected);
        var errors = driver.Manage().Logs.GetLog(LogType.Browser).Where(l => l.Level >= LogLevel.Warning).Select(l => l.Message).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [SkippableFact]
    public async Task A_csv_chosen_in_the_page_is_sent_as_json_and_trains_and_a_file_that_is_not_text_is_refused_in_the_page()
    {
        await using var server = await PlaygroundServer.StartAsync();
        using var driver = ExplainPageBrowserTests.Browser(_folder.File("profile"));
        Skip.If(driver is null,
            "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver): the playground was not opened");
        var csv = new System.Text.StringBuilder("u,v,kind\n");
        for (int i = 0; i < 40; i++) csv.Append(CultureInfo.InvariantCulture, $"{i % 7 - 3},{i % 5 - 2},{(i % 7 - 3 > 0 ? "yes" : "no")}\n");
        string good = _folder.Write("mine.csv", csv.ToString()), binary = _folder.File("data.csv");
        File.WriteAllBytes(binary, [0x1F, 0x8B, 0x08, 0xFF, 0xFE, 0x00]);
        driver.Navigate().GoToUrl(server.PageUrl + "#dataset=upload&layers=3");
        var js = (IJavaScriptExecutor)driver;
        string Message() => driver.FindElement(By.Id("message")).Text;
        Assert.Equal("choose a CSV file: two numeric columns and a label", Message());

        driver.FindElement(By.Id("upload")).SendKeys(binary);
        var end = DateTime.UtcNow.AddSeconds(20);
        while (Message().Length == 0 && DateTime.UtcNow < end) Thread.Sleep(100);
        Assert.Equal("data.csv is not UTF-8 text: upload a CSV file", Message());

        driver.FindElement(By.Id("upload")).SendKeys(good);
        end = DateTime.UtcNow.AddSeconds(20);
        while (js.ExecuteScript("return window.playground.state() !== null") is not true && DateTime.UtcNow < end) Thread.Sleep(100);
        Assert.Equal(40L, js.ExecuteScript("return window.playground.points().x.length"));
        Assert.Equal(20L, js.ExecuteScript("return window.playground.points().train"));
        Assert.Equal("", Message());
    }

    [SkippableFact]
    public async Task A_click_on_a_point_of_a_network_too_large_for_one_page_offers_its_layers_and_a_layer_opens_its_step()
    {
        await using var server = await PlaygroundServer.StartAsync();
        using var driver = ExplainPageBrowserTests.Browser(_folder.File("profile"));
        Skip.If(driver is null,
            "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver): the playground was not opened");
        // 7 features → 8 → 8 → 8 → 1: 192 weights, more than the 100 one explain page shows.
        driver.Navigate().GoToUrl(server.PageUrl + "#dataset=circle&features=x,y,x2,y2,xy,sinx,siny&layers=8,8,8");
        var js = (IJavaScriptExecutor)driver;
        var end = DateTime.UtcNow.AddSeconds(20);
        while (js.ExecuteScript("return window.playground.state() !== null") is not true && DateTime.UtcNow < end) Thread.Sleep(100);
        Assert.True(js.ExecuteScript("return window.playground.state() !== null") is true, "the first picture arrives");

        // A real click on point 0 of the heatmap (paused, as a new page is).
        var canvas = driver.FindElement(By.Id("heatmap"));
        var at = (IReadOnlyCollection<object>)js.ExecuteScript("""
            const p = window.playground.points(), c = document.getElementById('heatmap'), r = c.getBoundingClientRect();
            return [(p.x[0] + 6) / 12 * r.width - r.width / 2, (6 - p.y[0]) / 12 * r.height - r.height / 2];
            """)!;
        var offset = at.Select(v => (int)Math.Round(Convert.ToDouble(v, CultureInfo.InvariantCulture))).ToArray();
        string page = driver.CurrentWindowHandle;
        new OpenQA.Selenium.Interactions.Actions(driver).MoveToElement(canvas, offset[0], offset[1]).Click().Perform();
        end = DateTime.UtcNow.AddSeconds(20);
        while (driver.WindowHandles.Count < 2 && DateTime.UtcNow < end) Thread.Sleep(100);
        driver.SwitchTo().Window(driver.WindowHandles.First(h => h != page));
        var message = driver.FindElement(By.Id("too-large")).Text;
        Assert.StartsWith("This network has 192 weights: too many to show every number of a training step on one page (at most 100)", message);
        Assert.Equal(4, driver.FindElements(By.CssSelector("a.layer")).Count);
        File.WriteAllBytes(_folder.File("playground-layers.png"), driver.GetScreenshot().AsByteArray); // to look at when it fails

        driver.FindElements(By.CssSelector("a.layer"))[1].Click();
        end = DateTime.UtcNow.AddSeconds(20);
        while (driver.FindElements(By.Id("explain-data")).Count == 0 && DateTime.UtcNow < end) Thread.Sleep(100);
        Assert.Single(driver.FindElements(By.Id("explain-data")));
        Assert.Contains("layer 2 of 4", driver.PageSource);
        Assert.DoesNotContain("ExplainOptions", driver.PageSource);
    }
}

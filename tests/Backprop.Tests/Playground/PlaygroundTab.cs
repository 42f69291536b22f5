using System.Globalization;
using Backprop.Playground;
using Backprop.Tests.Cli;
using Backprop.Tests.Explain;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Backprop.Tests.Playground;

/// <summary>A playground server and the page open in Chromium at 1400×1000, with the waits and reads the browser tests share.</summary>
internal sealed class PlaygroundTab : IAsyncDisposable
{
    private PlaygroundTab(PlaygroundServer server, ChromeDriver? driver) { Server = server; Driver = driver; }

    public PlaygroundServer Server { get; }
    public ChromeDriver? Driver { get; }
    public IJavaScriptExecutor Js => Driver!;

    /// <summary>Starts a server and a browser (null driver when chromium is not installed: the test then skips).</summary>
    public static async Task<PlaygroundTab> Open(TempFolder folder)
    {
        var server = await PlaygroundServer.StartAsync();
        return new PlaygroundTab(server, ExplainPageBrowserTests.Browser(folder.File("profile")));
    }

    /// <summary>Opens the page with the setup in <paramref name="hash"/> and waits for its first picture.</summary>
    public void Go(string hash)
    {
        Driver!.Navigate().GoToUrl(Server.PageUrl + "#" + hash);
        Assert.True(Until(() => Js.ExecuteScript("return window.playground.state() !== null") is true), "the first picture arrives");
    }

    /// <summary>Waits (against a hang, not a timing) until <paramref name="condition"/> holds; whether it does.</summary>
    public static bool Until(Func<bool> condition, int seconds = 30)
    {
        var end = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < end) { if (condition()) return true; Thread.Sleep(50); }
        return condition();
    }

    public object? Run(string script, params object[] args) => Js.ExecuteScript(script, args);

    public double Number(string script) => Convert.ToDouble(Run(script), CultureInfo.InvariantCulture);

    public long Epoch => (long)Run("return window.playground.state().epoch")!;

    public string Text(string id) => Driver!.FindElement(By.Id(id)).Text;

    public IWebElement Element(string css) => Driver!.FindElement(By.CssSelector(css));

    /// <summary>Chooses the option of select <paramref name="id"/> whose text is <paramref name="text"/>, as a click does.</summary>
    public void Choose(string id, string text) =>
        Driver!.FindElement(By.XPath($"//select[@id='{id}']/option[normalize-space(.)='{text}']")).Click();

    /// <summary>Types into a field and leaves it (which fires its change).</summary>
    public void Type(string id, string text)
    {
        var field = Driver!.FindElement(By.Id(id));
        field.Clear();
        field.SendKeys(text + Keys.Tab);
    }

    /// <summary>The red line under the controls once it says something (or empty after a few seconds).</summary>
    public string Message()
    {
        Until(() => Text("message").Length > 0, 5);
        return Text("message");
    }

    /// <summary>The heatmap's pixel (r, g, b) at canvas coordinates.</summary>
    public int[] Pixel(double x, double y) => ((IReadOnlyCollection<object>)Run("""
        const d = document.getElementById('heatmap').getContext('2d').getImageData(Math.round(arguments[0]), Math.round(arguments[1]), 1, 1).data;
        return [d[0], d[1], d[2]];
        """, x, y)!).Select(v => Convert.ToInt32(v, CultureInfo.InvariantCulture)).ToArray();

    public void Shot(string name)
    {
        string folder = Environment.GetEnvironmentVariable("BACKPROP_SCREENSHOTS") is { Length: > 0 } d ? d : Path.GetTempPath();
        File.WriteAllBytes(Path.Combine(folder, name), Driver!.GetScreenshot().AsByteArray);
    }

    public async ValueTask DisposeAsync()
    {
        Driver?.Dispose();
        await Server.DisposeAsync();
    }
}

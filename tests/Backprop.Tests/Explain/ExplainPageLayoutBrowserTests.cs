using System.Drawing;
using Backprop.Tests.Cli;
using OpenQA.Selenium;

namespace Backprop.Tests.Explain;

/// <summary>
/// The explain page's layout in Chromium at 1280, 1400 and 1920 pixels: at every equation of every training step of
/// Mazur's, the GeeksforGeeks and a user's 2-3-3-1 page, no element sticks out of its box sideways (so no number hides
/// behind a scrollbar) and no label of the drawing overlaps another label or a unit; at 1280 pixels in every colouring of
/// the edges (the drawing is placed in its own units, so the labels' places do not depend on the width).
/// </summary>
public sealed class ExplainPageLayoutBrowserTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    // Runs in the page: returns one line per problem at the equation shown (with a true argument, only the drawing's labels).
    // Only the newest line of "worked so far" is checked, as the earlier ones were checked when they were new and do not change.
    private const string Check = """
        const problems = [];
        const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.classList.length ? "." + [...el.classList].join(".") : "");
        if (document.documentElement.scrollWidth > window.innerWidth)
          problems.push(`page ${document.documentElement.scrollWidth} px wide in a ${window.innerWidth} px window`);
        const boxOf = (el) => {
          let p = el.parentElement;
          while (p && getComputedStyle(p).display.startsWith("inline")) p = p.parentElement;
          return p;
        };
        const elements = arguments[0] ? [] : document.querySelectorAll(
          "main *:not(svg *, math *, #worked *), #worked li.current, #worked li.current *:not(math *)");
        for (const el of elements) {
          const r = el.getBoundingClientRect();
          if (r.width === 0) continue;
          const box = boxOf(el), b = box.getBoundingClientRect(), s = getComputedStyle(box);
          const left = b.left + parseFloat(s.borderLeftWidth), right = b.right - parseFloat(s.borderRightWidth);
          if (r.right > right + 1 || r.left < left - 1)
            problems.push(`${name(el)} [${r.left.toFixed(0)}, ${r.right.toFixed(0)}] outside ${name(box)} [${left.toFixed(0)}, ${right.toFixed(0)}]`);
          if (!getComputedStyle(el).display.startsWith("inline") && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
            problems.push(`${name(el)} scrolls sideways: ${el.scrollWidth} px in ${el.clientWidth} px`);
        }
        const value = document.querySelector("#equation .value").getBoundingClientRect();
        const box = document.getElementById("equation").getBoundingClientRect();
        if (!arguments[0] && (value.right > box.right || value.width === 0)) problems.push("the current equation's value is not inside its box");
        const labels = [...document.querySelectorAll("#network text")].filter((t) => t.textContent.trim() !== "")
          .map((t) => ({ t, r: t.getBoundingClientRect() }));
        const shapes = [...document.querySelectorAll("#network .unit circle, #network .unit rect")].map((s) => ({ s, r: s.getBoundingClientRect() }));
        const text = (l) => `"${l.t.textContent}"`;
        for (let i = 0; i < labels.length; i++) {
          const a = labels[i].r;
          for (let j = i + 1; j < labels.length; j++) {
            const b = labels[j].r;
            if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1)
              problems.push(`labels ${text(labels[i])} and ${text(labels[j])} overlap`);
          }
          for (const { s, r } of shapes) {
            if (s.parentElement.contains(labels[i].t) && !labels[i].t.getAttribute("class")) continue; // a unit's own name, inside it
            const round = s.tagName === "circle", cx = (r.left + r.right) / 2, cy = (r.top + r.bottom) / 2;
            const dx = Math.max(a.left - cx, 0, cx - a.right), dy = Math.max(a.top - cy, 0, cy - a.bottom);
            const hit = round ? dx * dx + dy * dy < (r.width / 2 - 1) ** 2
              : Math.min(a.right, r.right) - Math.max(a.left, r.left) > 1 && Math.min(a.bottom, r.bottom) - Math.max(a.top, r.top) > 1;
            if (hit) problems.push(`label ${text(labels[i])} covers unit ${s.parentElement.dataset.name}`);
          }
        }
        return problems;
        """;

    // Steps through equations [from, to) of one training step in every colouring, and returns each problem once per chunk,
    // with where it was first seen. The C# side walks a step in chunks, so no one call outlasts the driver's time-out.
    private const string Walk = """
        const check = new Function(arguments[0]), page = window.explainPage, found = [], seen = new Set();
        const step = arguments[1], from = arguments[3], to = Math.min(arguments[4], page.data.steps[step].equations.length);
        page.goStep(step);
        for (let k = from; k < to; k++) {
          for (const mode of arguments[2] ? ["weight", "gradient", "update"] : ["weight"]) {
            page.state.mode = mode;
            page.go(k);
            for (const p of check(mode !== "weight")) {
              if (seen.has(p)) continue;
              seen.add(p);
              found.push([`step ${step + 1}, equation ${k + 1} (${mode}): `, p]);
            }
          }
        }
        page.state.mode = "weight";
        page.go(0);
        return found;
        """;

    private const int Chunk = 20;

    // Every problem of every equation of every step of the page shown, each once (where first seen), at most 40.
    private static List<string> Problems(IJavaScriptExecutor js, bool everyColouring)
    {
        var steps = (IEnumerable<object>)js.ExecuteScript("return window.explainPage.data.steps.map(s => s.equations.length)")!;
        var seen = new HashSet<string>();
        var problems = new List<string>();
        foreach (var (count, step) in steps.Select((c, i) => (Convert.ToInt32(c, System.Globalization.CultureInfo.InvariantCulture), i)))
            for (int from = 0; from < count; from += Chunk)
                foreach (var found in (IEnumerable<object>)js.ExecuteScript(Walk, Check, step, everyColouring, from, from + Chunk)!)
                {
                    var pair = ((IEnumerable<object>)found).Select(o => o.ToString()!).ToArray();
                    if (problems.Count < 40 && seen.Add(pair[1])) problems.Add(pair[0] + pair[1]);
                }
        return problems;
    }

    private string Page(string name, params string[] args)
    {
        string page = _folder.File($"{name}.html");
        var r = CliRunner.Run([.. args, "--format", "html", "--out", page]);
        Assert.True(r.ExitCode == 0, r.Error);
        return page;
    }

    private string UserPage()
    {
        // A user's 2-3-3-1 network with a bias in every layer, on two rows: the densest drawing the page must keep legible.
        string model = _folder.Write("user.json", """
            {"format": "backprop.mlp", "version": 1, "inputs": 2, "layers": [
              {"units": 3, "activation": "tanh", "weights": [[0.52, -0.9], [-0.0003, -0.83], [0.48, -0.52]], "bias": [0.02, 0.007, -0.019]},
              {"units": 3, "activation": "relu", "weights": [[-0.38, 0.32, -0.54], [0.45, -0.85, 0.59], [-0.44, -0.21, -0.49]],
               "bias": [-0.016, 0.0, 0.019]},
              {"units": 1, "activation": "sigmoid", "weights": [[0.155, -0.66, -0.096]], "bias": [0.0074]}]}
            """);
        string data = _folder.Write("user.csv", "x,y,label\n-1.45,1.32,1\n0.9,-0.6,0\n");
        return Page("user", "explain", "--model", model, "--data", data, "--target", "label", "--steps", "2");
    }

    [SkippableTheory]
    [InlineData(1280, 900)]
    [InlineData(1400, 1000)]
    [InlineData(1920, 1080)]
    public void No_number_scrolls_sideways_and_no_label_overlaps_at_any_equation(int width, int height) =>
        Walk_every_equation(width, height, [Page("mazur", "explain", "mazur"), Page("gfg", "explain", "gfg"), UserPage()]);

    /// <summary>The other tutorials' pages at the narrowest width the issue asks for.</summary>
    [SkippableTheory]
    [InlineData("udacity")]
    [InlineData("xor")]
    [InlineData("blog")]
    [InlineData("admissions")]
    [InlineData("digits")]
    public void Every_other_tutorial_page_fits_at_1280_px(string name) => Walk_every_equation(1280, 900, [Page(name, "explain", name)]);

    private void Walk_every_equation(int width, int height, string[] pages)
    {
        using var driver = ExplainPageBrowserTests.Browser(_folder.File("profile"));
        Skip.If(driver is null, "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver): the page was not opened");
        driver.Manage().Window.Size = new Size(width, height);
        driver.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(55);
        string? shots = Environment.GetEnvironmentVariable("BACKPROP_SCREENSHOTS");
        foreach (string page in pages)
        {
            driver.Navigate().GoToUrl(new Uri(page).AbsoluteUri);
            var js = (IJavaScriptExecutor)driver;
            Assert.Equal(width, Convert.ToInt32(js.ExecuteScript("return window.innerWidth"), System.Globalization.CultureInfo.InvariantCulture));
            var problems = Problems(js, width == 1280);
            Assert.True(problems.Count == 0, $"{Path.GetFileName(page)} at {width}×{height}:\n{string.Join("\n", problems)}");
            if (shots is { Length: > 0 })
                File.WriteAllBytes(Path.Combine(shots, $"layout-{Path.GetFileNameWithoutExtension(page)}-{width}.png"),
                    driver.GetScreenshot().AsByteArray);
        }
        var errors = driver.Manage().Logs.GetLog(LogType.Browser).Where(l => l.Level >= LogLevel.Warning).Select(l => l.Message).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}

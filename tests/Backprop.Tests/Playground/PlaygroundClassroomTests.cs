using System.Globalization;
using Backprop.Tests.Cli;
using OpenQA.Selenium;
using OpenQA.Selenium.Interactions;

namespace Backprop.Tests.Playground;

/// <summary>
/// The playground as a teacher leads a class with it, in Chromium at 1400×1000: a loss chart with axes and a legend over
/// the whole run, a speed of one epoch per picture, pale backgrounds under points that stay visible, training and test
/// points told apart, settings that change without a restart, errors in words, and TensorFlow Playground's controls.
/// </summary>
public sealed class PlaygroundClassroomTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private const string Skipped =
        "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver): the playground was not opened";

    [SkippableFact]
    public async Task The_loss_chart_has_axes_a_legend_and_the_loss_named_from_epoch_zero_at_one_epoch_per_picture()
    {
        await using var page = await PlaygroundTab.Open(_folder);
        Skip.If(page.Driver is null, Skipped);
        page.Go("dataset=circle&layers=3&lr=0.1&speed=1");
        Assert.Equal(1L, page.Run("return window.playground.state().epochsPerFrame"));
        page.Element("#play").Click();
        Assert.True(PlaygroundTab.Until(() => page.Epoch >= 12), "12 epochs played");
        Assert.True(page.Element("#play .pause").Displayed, "the pause sign shows while playing");
        page.Element("#play").Click();
        Assert.True(PlaygroundTab.Until(() => page.Run("return window.playground.state().playing") is false));

        // Every epoch so far is a point of both lines, the first at epoch 0 on the left axis (x = 34).
        // A picture sent before the pause may still arrive: wait until the label and the chart show the same last epoch.
        IReadOnlyCollection<object> History() => (IReadOnlyCollection<object>)page.Run("return window.playground.state().history")!;
        Assert.True(PlaygroundTab.Until(() => History().Count == page.Epoch + 1), $"{History().Count} points for epoch {page.Epoch}");
        var history = History();
        Assert.Equal(0L, ((IReadOnlyCollection<object>)history.First()).First());
        foreach (string line in new[] { "train", "test" })
        {
            string d = page.Element($"#loss-chart path.{line}").GetAttribute("d")!;
            Assert.StartsWith("M34.0,", d);
            Assert.Equal(history.Count, d.Count(c => c is 'M' or 'L'));
        }
        var legend = page.Driver!.FindElements(By.CssSelector("#loss-chart text.legend")).Select(e => e.Text).ToList();
        Assert.Equal(["training loss", "test loss"], legend);
        var xTicks = page.Driver.FindElements(By.CssSelector("#loss-chart text.tick.x")).Select(e => e.Text).ToList();
        Assert.Equal("0", xTicks[0]);
        Assert.True(xTicks.Count >= 3, string.Join(" ", xTicks));
        Assert.True(page.Driver.FindElements(By.CssSelector("#loss-chart text.tick.y")).Count >= 3);
        Assert.Equal("loss: cross-entropy, the mean over the points of −[t·ln y + (1 − t)·ln(1 − y)], t the label (0 or 1), y the output",
            page.Text("loss-name"));
        page.Shot("playground-loss.png");

        // A regression problem offers its two data sets and names its loss.
        page.Choose("problem", "regression");
        Assert.True(PlaygroundTab.Until(() => page.Run("return window.playground.points().regression") is true));
        var offered = page.Driver.FindElements(By.CssSelector("#dataset option")).Where(o => o.GetAttribute("hidden") is null)
            .Select(o => o.Text).ToList();
        Assert.Equal(["wave", "four bumps", "your CSV…"], offered);
        Assert.Equal("regression", page.Element("#dataset").GetAttribute("value"));
        page.Choose("dataset", "four bumps");
        Assert.True(PlaygroundTab.Until(() => page.Driver.Url.Contains("dataset=bumps", StringComparison.Ordinal)));
        Assert.Equal("loss: squared error, the mean over the points of ½(t − y)², t the label, y the output", page.Text("loss-name"));
    }

    [SkippableFact]
    public async Task Backgrounds_are_pale_training_and_test_points_differ_and_the_map_has_axes_and_a_colour_legend()
    {
        await using var page = await PlaygroundTab.Open(_folder);
        Skip.If(page.Driver is null, Skipped);
        page.Go("dataset=xor&features=x,y,xy&layers=4&lr=0.1&speed=0");
        page.Element("#play").Click();
        Assert.True(PlaygroundTab.Until(() => page.Epoch >= 300, 60));
        page.Element("#play").Click();
        Assert.True(PlaygroundTab.Until(() => page.Run("return window.playground.state().playing") is false));
        page.Shot("playground-colours.png");

        // Points far from any other (16 px apart on the 340 px map): a training point's centre is its class colour, a test point's white.
        var lonely = (IReadOnlyCollection<object>)page.Run("""
            const p = window.playground.points(), c = document.getElementById('heatmap');
            const at = (k) => [(p.x[k] + 6) / 12 * c.width, (6 - p.y[k]) / 12 * c.height];
            const out = [];
            for (let k = 0; k < p.x.length; k++) {
              const [x, y] = at(k);
              if (x < 8 || y < 8 || x > c.width - 8 || y > c.height - 8) continue;
              let alone = true;
              for (let j = 0; j < p.x.length; j++) { const [u, v] = at(j); if (j !== k && (u - x) ** 2 + (v - y) ** 2 < 256) alone = false; }
              if (alone) out.push([k < p.train ? 1 : 0, x, y]);
            }
            return out;
            """)!;
        var points = lonely.Cast<IReadOnlyCollection<object>>()
            .Select(p => p.Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToArray()).ToList();
        Assert.Contains(points, p => p[0] == 1);
        Assert.Contains(points, p => p[0] == 0);
        foreach (var p in points)
        {
            int[] centre = page.Pixel(p[1], p[2]);
            // A training point is blue (8, 119, 189) or orange (245, 147, 34).
            if (p[0] == 1) Assert.True(centre.Min() < 60, $"training point centre {string.Join(",", centre)}");
            else Assert.Equal([255, 255, 255], centre);
            // 8 px away the background shows: pale, every channel at least 150 (the full colours have a channel under 40).
            int[] background = page.Pixel(p[1] + 8 < 332 ? p[1] + 8 : p[1] - 8, p[2]);
            Assert.True(background.Min() >= 150, $"background {string.Join(",", background)}");
        }

        Assert.Equal(["−6", "−4", "−2", "0", "2", "4", "6"],
            page.Driver!.FindElements(By.CssSelector("#heatmap-axes text.tick.x")).Select(e => e.Text));
        Assert.Equal(7, page.Driver.FindElements(By.CssSelector("#heatmap-axes text.tick.y")).Count);
        Assert.Equal(["0", "0.25", "0.5", "0.75", "1"],
            page.Driver.FindElements(By.CssSelector("#colour-legend text.legend-tick")).Select(e => e.Text));
        Assert.Contains("probability of the blue class", page.Text("colour-legend"));
        Assert.Contains("training point", page.Text("colour-legend"));
        Assert.Contains("test point", page.Text("colour-legend"));

        // Hiding the test data leaves the background where a test point was; discretized, the map has two colours.
        var test = points.First(p => p[0] == 0);
        page.Element("#show-test").Click();
        Assert.True(PlaygroundTab.Until(() => page.Pixel(test[1], test[2]).Sum() < 3 * 255));
        page.Element("#discretize").Click();
        Assert.True(PlaygroundTab.Until(() => page.Driver.Url.Contains("discretize=1", StringComparison.Ordinal)));
        long colours = (long)page.Run("""
            const c = document.getElementById('heatmap'), p = window.playground.points();
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            const near = (x, y) => p.x.some((px, k) =>
              k < p.train && ((px + 6) / 12 * c.width - x) ** 2 + ((6 - p.y[k]) / 12 * c.height - y) ** 2 < 100);
            const seen = new Set();
            for (let y = 2; y < c.height; y += 7) for (let x = 2; x < c.width; x += 7) {
              if (near(x, y)) continue;
              const i = 4 * (y * c.width + x); seen.add(d[i] + ',' + d[i + 1] + ',' + d[i + 2]);
            }
            return seen.size;
            """)!;
        Assert.Equal(2L, colours);
    }

    [SkippableFact]
    public async Task Learning_rate_l2_batch_size_and_speed_change_without_a_restart_and_errors_are_said_in_words()
    {
        await using var page = await PlaygroundTab.Open(_folder);
        Skip.If(page.Driver is null, Skipped);
        page.Go("dataset=xor&layers=4,2&lr=0.03");
        for (int k = 1; k <= 3; k++)
        {
            page.Element("#step").Click();
            Assert.True(PlaygroundTab.Until(() => page.Epoch == k), $"step {k}");
        }
        var weights = page.Run("return JSON.stringify(window.playground.state().weights)");
        page.Choose("lr", "0.3");
        Assert.True(PlaygroundTab.Until(() => page.Number("return window.playground.state().learningRate") == 0.3));
        page.Choose("l2", "0.01");
        Assert.True(PlaygroundTab.Until(() => page.Number("return window.playground.state().l2") == 0.01));
        page.Type("batch", "25");
        Assert.True(PlaygroundTab.Until(() => page.Number("return window.playground.state().batchSize") == 25));
        page.Choose("speed", "1 epoch per picture");
        Assert.True(PlaygroundTab.Until(() => page.Number("return window.playground.state().epochsPerFrame") == 1));
        // The same run: the epoch and the weights are where they were.
        Assert.Equal(3L, page.Epoch);
        Assert.Equal(weights, page.Run("return JSON.stringify(window.playground.state().weights)"));
        Assert.Contains("lr=0.3", page.Driver!.Url);
        Assert.Contains("batch=25", page.Driver.Url);
        Assert.Equal("", page.Text("message"));

        page.Type("layers", "4,a");
        Assert.Equal("hidden layers: 'a' is not a whole number; write the units of each hidden layer with commas between, such as 4,2",
            page.Message());
        page.Type("batch", "");
        Assert.Equal("batch size must be a whole number from 1 to 500", page.Message());
        page.Type("batch", "10");
        page.Type("layers", "9");
        Assert.True(PlaygroundTab.Until(() => page.Text("message") == "a hidden layer of 9 units is outside 1 to 8"), page.Text("message"));
        Assert.DoesNotContain("System.", page.Driver.PageSource);
        Assert.DoesNotContain("Int32", page.Driver.PageSource);
    }

    [SkippableFact]
    public async Task Layers_and_units_grow_and_shrink_a_hovered_unit_fills_the_map_and_a_clicked_edge_is_read_and_set()
    {
        await using var page = await PlaygroundTab.Open(_folder);
        Skip.If(page.Driver is null, Skipped);
        page.Go("dataset=circle&features=x,y,x2&layers=4,2");
        // The drawing names the features as the checkboxes do.
        var drawn = page.Driver!.FindElements(By.CssSelector("#network text.feature")).Select(e => e.Text).ToList();
        var ticked = page.Driver.FindElements(By.CssSelector("input[name=feature]:checked + .feature-name")).Select(e => e.Text).ToList();
        Assert.Equal(["x", "y", "x²"], drawn);
        Assert.Equal(drawn, ticked);

        // The layers the drawing shows (once the new network's first picture is drawn), inputs and output included.
        string Layers() => page.Element("#network").GetAttribute("data-layers") ?? "";
        void Press(string css, string expected)
        {
            page.Element(css).Click();
            Assert.True(PlaygroundTab.Until(() => Layers() == expected), $"{css}: {Layers()}, not {expected}");
        }
        Press("#add-layer", "3,4,2,2,1");
        Press("#unit-buttons button[data-add='1']", "3,5,2,2,1");
        Press("#unit-buttons button[data-remove='2']", "3,5,1,2,1");
        Press("#remove-layer", "3,5,1,1");
        Assert.Equal("5,1", page.Element("#layers").GetAttribute("value"));
        Assert.Equal("2 hidden layers", page.Text("layer-count"));

        // Hovering a unit shows its picture on the large map; leaving it shows the output again.
        var unit = page.Element("canvas.thumbnail[data-layer='1'][data-unit='2']");
        new Actions(page.Driver).MoveToElement(unit).Perform();
        Assert.True(PlaygroundTab.Until(() => page.Element("#heatmap").GetAttribute("data-showing") == "1,2"));
        Assert.Equal("hidden layer 1, unit 3", page.Text("showing"));
        new Actions(page.Driver).MoveToElement(page.Element("h1")).Perform();
        Assert.True(PlaygroundTab.Until(() => page.Element("#heatmap").GetAttribute("data-showing") == "output"));

        // A real click on the middle of the edge from y to hidden unit 1 opens its weight; a new value is set on the server.
        var at = (IReadOnlyCollection<object>)page.Run("""
            const p = document.getElementById('edge-0-1-0'), m = p.getPointAtLength(p.getTotalLength() / 2).matrixTransform(p.getScreenCTM());
            const hit = document.elementFromPoint(m.x, m.y);
            return [m.x, m.y, hit.dataset.l + ',' + hit.dataset.i + ',' + hit.dataset.j];
            """)!;
        var xy = at.Take(2).Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToArray();
        string[] edge = ((string)at.Last()).Split(',');
        var svg = page.Element("#network");
        var box = (IReadOnlyCollection<object>)page.Run(
            "const r = arguments[0].getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2];", svg)!;
        var centre = box.Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToArray();
        new Actions(page.Driver).MoveToElement(svg, (int)Math.Round(xy[0] - centre[0]), (int)Math.Round(xy[1] - centre[1])).Click().Perform();
        Assert.True(PlaygroundTab.Until(() => page.Element("#edge-editor").Displayed));
        string from = edge[1] == "0" ? "x" : edge[1] == "1" ? "y" : "x²";
        Assert.Equal($"weight from {from} to hidden layer 1, unit {int.Parse(edge[2], CultureInfo.InvariantCulture) + 1}", page.Text("edge-name"));
        double shown = double.Parse(page.Element("#edge-value").GetAttribute("value")!, CultureInfo.InvariantCulture);
        double state = page.Number($"return window.playground.state().weights.find(w => w[0] === 0 && w[1] === {edge[1]} && w[2] === {edge[2]})[3]");
        Assert.Equal(state, shown);
        page.Shot("playground-edge.png");
        page.Type("edge-value", "1.5");
        page.Element("#edge-set").Click();
        Assert.True(PlaygroundTab.Until(() =>
            page.Number($"return window.playground.state().weights.find(w => w[0] === 0 && w[1] === {edge[1]} && w[2] === {edge[2]})[3]") == 1.5));
        Assert.Equal(0L, page.Epoch);
        Assert.False(page.Element("#edge-editor").Displayed);

        // Regenerate: other points of the same data set, the new data seed in the address.
        double first = page.Number("return window.playground.points().x[0]");
        page.Element("#regenerate").Click();
        Assert.True(PlaygroundTab.Until(() => page.Number("return window.playground.points().x[0]") != first));
        Assert.Contains("dataseed=2", page.Driver.Url);
        Assert.Equal("", page.Text("message"));
    }
}

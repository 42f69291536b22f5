using Backprop.Layers;
using Backprop.Playground;
using Backprop.Tensors;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Playground;

/// <summary>
/// TensorFlow Playground's L1 rate in the playground: it changes a run as it goes, as L2 does, and the next epoch is a gradient
/// step of the loss plus λ₁/m·Σ|w| (weights only), the gradient by central differences of the objective written out here;
/// in Chromium, the L1 select sends the change, keeps the epoch and the weights, and the address remembers it.
/// </summary>
public sealed class PlaygroundL1Tests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private const string Skipped =
        "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver): the playground was not opened";

    // 300 points, 60 % train (180 rows); a batch of 500 is all of them, so an epoch is one plain gradient step.
    private static readonly PlaygroundSetup FullBatch = new()
    {
        DataSet = "xor", Features = ["x", "y"], Layers = [3], Activation = "tanh", LearningRate = 0.1, BatchSize = 500,
        Noise = 10, TrainFraction = 0.6, Seed = 5,
    };

    /// <summary>E(w) = mean cross-entropy over the m = 180 training points + λ₁/m·Σ|w| over the weights, not the biases.</summary>
    private static double E(PlaygroundSession session, Network<double> network, double l1)
    {
        var (inputs, targets) = session.Data.Split(session.Setup.Features, train: true);
        var y = new Workspace<double>(network, inputs.Rows).Forward(inputs);
        double loss = 0;
        for (int r = 0; r < inputs.Rows; r++)
            loss -= targets[r, 0] * Math.Log(y[r, 0]) + (1 - targets[r, 0]) * Math.Log(1 - y[r, 0]);
        double absolutes = network.Layers.Sum(l => l.Weights.Span.ToArray().Sum(Math.Abs));
        return loss / inputs.Rows + l1 / inputs.Rows * absolutes;
    }

    [Fact]
    public void The_L1_rate_changes_mid_run_and_the_next_epoch_is_a_gradient_step_with_the_L1_term()
    {
        using var session = new PlaygroundSession("test", FullBatch, PlaygroundData.Create(FullBatch), new TrainingSlots(1),
            TimeSpan.FromMinutes(10));
        Assert.True(session.Control("step"));
        Assert.Null(session.Change(learningRate: null, l2: null, batchSize: null, epochsPerFrame: null, l1: 3));
        Assert.Equal(1, session.Snapshot()["epoch"]!.GetValue<int>()); // no restart
        var before = session.Network;
        var network = before.Clone();
        var expected = new List<double>();
        foreach (var parameter in network.Parameters)
            for (int i = 0; i < parameter.Values.Length; i++)
            {
                double w = parameter.Values[i], h = 1e-6;
                parameter.Values[i] = w + h;
                double up = E(session, network, 3);
                parameter.Values[i] = w - h;
                double down = E(session, network, 3);
                parameter.Values[i] = w;
                expected.Add(w - 0.1 * (up - down) / (2 * h));
            }
        Assert.True(session.Control("step"));
        var actual = session.Network.Parameters.SelectMany(p => p.Values).ToArray();
        Assert.Equal(expected.Count, actual.Length);
        for (int i = 0; i < actual.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-7, $"parameter {i}: {expected[i]} vs {actual[i]}");
        Assert.Equal(3, session.Snapshot()["l1"]!.GetValue<double>());
        Assert.Equal("the L1 rate 20 is outside 0 to 10", session.Change(null, null, null, null, l1: 20));
    }

    [SkippableFact]
    public async Task The_L1_select_changes_the_run_without_a_restart_and_the_address_keeps_it()
    {
        await using var page = await PlaygroundTab.Open(_folder);
        Skip.If(page.Driver is null, Skipped);
        page.Go("dataset=xor&layers=4,2&lr=0.03");
        var offered = page.Driver!.FindElements(OpenQA.Selenium.By.CssSelector("#l1 option")).Select(o => o.Text);
        Assert.Equal(["0", "0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1", "3", "10"], offered);
        Assert.Equal("L1 rate", page.Element("label[data-control=l1]").Text.Split('\n')[0].Trim());
        for (int k = 1; k <= 2; k++)
        {
            page.Element("#step").Click();
            Assert.True(PlaygroundTab.Until(() => page.Epoch == k), $"step {k}");
        }
        var weights = page.Run("return JSON.stringify(window.playground.state().weights)");
        page.Choose("l1", "0.03");
        Assert.True(PlaygroundTab.Until(() => page.Number("return window.playground.state().l1") == 0.03));
        Assert.Equal(2L, page.Epoch);
        Assert.Equal(weights, page.Run("return JSON.stringify(window.playground.state().weights)"));
        Assert.Contains("l1=0.03", page.Driver.Url);
        Assert.Equal("", page.Text("message"));
        page.Shot("playground-l1.png");

        // The address, opened afresh, starts a run with that L1 rate.
        page.Driver.Navigate().GoToUrl(page.Server.PageUrl + "#dataset=circle&layers=3&l1=0.3");
        page.Driver.Navigate().Refresh();
        Assert.True(PlaygroundTab.Until(() => page.Run("return window.playground.state() !== null") is true
            && page.Number("return window.playground.state().l1") == 0.3));
        Assert.Equal("0.3", page.Run("return document.getElementById('l1').value"));
    }
}

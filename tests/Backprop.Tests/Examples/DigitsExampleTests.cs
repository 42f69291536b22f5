using Backprop.Cli.Examples;

namespace Backprop.Tests.Examples;

public class DigitsExampleTests
{
    [Fact]
    public void Digits_example_trains_seed_004s_network_on_mnist()
    {
        // The example's own 60 iterations: the figures docs/worked-examples.md quotes are checked here, so that they cannot go stale.
        var r = DigitsExample.Compute(DigitsExample.DefaultSeed);
        Assert.Equal((8000, 2000), (r.TrainRows, r.TestRows));
        var costs = r.Training.History.Select(h => h.Loss).ToList();
        Assert.True(costs.Zip(costs.Skip(1)).All(p => p.Second < p.First), "each conjugate-gradient iteration lowers the cost");
        Assert.InRange(r.TestAccuracy, 0.6, 1.0);
        Assert.Equal([("Theta1", 25, 401), ("Theta2", 10, 26)], r.Thetas);
        string F(double v) => v.ToString("F4", System.Globalization.CultureInfo.InvariantCulture);
        var block = Docs.WorkedExamplesDoc.RunBlock("digits");
        Assert.Contains($"cost J = {F(r.Training.FinalLoss)}; training accuracy {F(r.TrainAccuracy)}; test accuracy {F(r.TestAccuracy)}", block);
        foreach (var line in block.Where(l => l.TrimStart().StartsWith("iteration", StringComparison.Ordinal)))
        {
            int epoch = int.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal($"  iteration {epoch,3}  cost {F(r.Training.History.Single(h => h.Epoch == epoch).Loss)}", line);
        }
    }
}

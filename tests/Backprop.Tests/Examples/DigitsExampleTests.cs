using Backprop.Cli.Examples;

namespace Backprop.Tests.Examples;

public class DigitsExampleTests
{
    [Fact]
    public void Digits_example_trains_seed_004s_network_on_mnist()
    {
        var r = DigitsExample.Compute(DigitsExample.DefaultSeed, iterations: 10);
        Assert.Equal((8000, 2000), (r.TrainRows, r.TestRows));
        var costs = r.Training.History.Select(h => h.Loss).ToList();
        Assert.True(costs.Zip(costs.Skip(1)).All(p => p.Second < p.First), "each conjugate-gradient iteration lowers the cost");
        Assert.InRange(r.TestAccuracy, 0.6, 1.0);
        Assert.Equal([("Theta1", 25, 401), ("Theta2", 10, 26)], r.Thetas);
    }
}

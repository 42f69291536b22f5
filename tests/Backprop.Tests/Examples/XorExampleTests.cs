using Backprop.Cli.Examples;

namespace Backprop.Tests.Examples;

public class XorExampleTests
{
    [Fact]
    public void Xor_network_learns_xor_with_the_default_seed()
    {
        var r = XorExample.Compute(XorExample.DefaultSeed);
        double[] targets = [0, 1, 1, 0];
        for (int i = 0; i < 4; i++) Assert.InRange(Math.Abs(r.Predictions[i] - targets[i]), 0, 0.1);
        Assert.Equal([0, 4000, 8000], r.Losses.Select(l => l.Epoch));
        Assert.True(r.Losses[0].Mse > r.Losses[1].Mse && r.Losses[1].Mse > r.Losses[2].Mse, "the loss falls between the printed epochs");
        // Seed 002 reports a loss of 0.0066 by epoch 8000; the same system gets below 0.01 here too.
        Assert.True(r.Losses[2].Mse < 0.01, $"MSE at epoch 8000 is {r.Losses[2].Mse}");
        Assert.Equal(10_000, r.Training.Epochs);
    }

    [Fact]
    public void Xor_run_is_the_same_bits_for_the_same_seed()
    {
        var a = XorExample.Compute(5);
        var b = XorExample.Compute(5);
        Assert.Equal(a.Predictions, b.Predictions);
    }
}

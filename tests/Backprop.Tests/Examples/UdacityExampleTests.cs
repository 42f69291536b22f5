using Backprop.Cli.Examples;

namespace Backprop.Tests.Examples;

public class UdacityExampleTests
{
    [Fact]
    public void Weight_changes_match_the_seed_to_its_printed_digits()
    {
        var r = UdacityExample.Compute();
        // Seed 003's printed output.
        Assert.Equal(0.00804047, r.HiddenToOutput[0], 8);
        Assert.Equal(0.00555918, r.HiddenToOutput[1], 8);
        double[,] expected = { { 1.77005547e-04, -5.11178506e-04 }, { 3.54011093e-05, -1.02235701e-04 }, { -7.08022187e-05, 2.04471402e-04 } };
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 2; j++)
                Assert.True(Math.Abs(r.InputToHidden[i, j] - expected[i, j]) <= 5e-9 * Math.Abs(expected[i, j]),
                    $"x{i + 1}→h{j + 1}: {r.InputToHidden[i, j]:E10} vs {expected[i, j]:E8}");
    }
}

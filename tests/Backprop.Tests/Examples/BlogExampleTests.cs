using Backprop.Cli.Examples;
using Backprop.Training;

namespace Backprop.Tests.Examples;

public class BlogExampleTests
{
    private static readonly BlogExample.Result R = BlogExample.Compute(BlogExample.DefaultSeed);

    [Fact]
    public void Forward_pass_of_the_first_input_matches_the_blog()
    {
        // Seed 000: Z_input[0], z_bias[0], Y_input[0], y_pred[0], printed to 8 decimals.
        double[][] expected = [[0.51344907, 0.03594138], [0.62561467, 0.50898438], [1.04963039, 0.86981908], [0.74070392, 0.70470805]];
        double[][] actual = [R.ZInput, R.Z, R.YInput, R.YPred];
        for (int q = 0; q < 4; q++)
            for (int k = 0; k < 2; k++) Assert.Equal(expected[q][k], actual[q][k], 8);
    }

    [Fact]
    public void Training_stops_when_rmse_changes_by_less_than_the_tolerance()
    {
        var h = R.Training.History;
        Assert.Equal(StopReason.Converged, R.Training.StopReason);
        Assert.InRange(R.Training.Epochs, 3, 9_999);
        Assert.True(Math.Abs(h[^1].Rmse - h[^2].Rmse) < 1e-6);
        for (int e = 1; e < h.Count - 1; e++)
            Assert.True(Math.Abs(h[e].Rmse - h[e - 1].Rmse) >= 1e-6, $"should have stopped at epoch {h[e].Epoch}");
        Assert.True(h[^1].Rmse < h[0].Rmse / 10, "training cut the RMSE by more than ten times");
    }

    [Fact]
    public void Generated_data_follows_the_blogs_recipe()
    {
        var (x, y) = BlogExample.MakeData(BlogExample.DefaultSeed);
        Assert.Equal(0.17988842, x[0, 0]);
        Assert.Equal(0.42611707, x[0, 1]);
        // y = σ(σ(x) + c1) + c2 with c1, c2 in [0, 0.1): between σ(σ(0)) ≈ 0.6225 and σ(σ(1) + 0.1) + 0.1 ≈ 0.7 + 0.1.
        foreach (double v in y.Span) Assert.InRange(v, 0.62, 0.80);
    }
}

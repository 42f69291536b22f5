using Backprop.Explain;
using Backprop.Cli.Examples;

namespace Backprop.Tests.Examples;

public class GfgExampleTests
{
    private static readonly GfgExample.Result R = GfgExample.Compute();

    [Fact]
    public void Forward_pass_gives_the_correct_values_not_the_documents_rounded_ones()
    {
        // Independent computation (Python, math.exp); seed 002 printed 0.56, 0.59 (used), 0.702, 0.67.
        Assert.Equal(0.21, R.A1, 12);
        Assert.Equal(0.5523079096, R.Y3, 10);
        Assert.Equal(0.315, R.A2, 12);
        Assert.Equal(0.5781052329, R.Y4, 10);
        Assert.Equal(0.6859870825, R.A3, 10);
        Assert.Equal(0.6650736395, R.Y5, 10);
        Assert.Equal(-0.1650736395, R.Error, 10);
        Assert.False(new DocumentFigure("0.56").Agrees(R.Y3));
        Assert.False(new DocumentFigure("0.702").Agrees(R.A3));
        Assert.True(new DocumentFigure("0.67").Agrees(R.Y5));
    }

    [Fact]
    public void Deltas_and_updated_weights_are_correct()
    {
        // Independent computation (Python); δ in the document's sign convention (target − y)·f′.
        Assert.Equal(-0.0367702677, R.Delta5, 10);
        Assert.Equal(-0.0027275877, R.Delta3, 10);
        Assert.Equal(-0.0080714273, R.Delta4, 10);
        Assert.Equal(0.1990453443, R.W11, 10);
        Assert.Equal(0.1980906886, R.W21, 10);
        Assert.Equal(0.2971750004, R.W12, 10);
        Assert.Equal(0.2943500009, R.W22, 10);
        Assert.Equal(0.2796914903, R.W13, 10);
        Assert.Equal(0.8787429158, R.W23, 10);
        Assert.False(new DocumentFigure("-0.0819").Agrees(R.Delta4)); // the document's δ4 is ten times too large
        Assert.False(new DocumentFigure("0.200945").Agrees(R.W11));   // and its Δw11 has the wrong sign
    }

    [Fact]
    public void Second_forward_pass_uses_the_updated_weights()
    {
        Assert.Equal(0.5518947828, R.Y3After, 10);
        Assert.Equal(0.5768989912, R.Y4After, 10);
        Assert.Equal(0.6595537417, R.Y5After, 10);
        Assert.False(new DocumentFigure("0.61").Agrees(R.Y5After));
    }
}

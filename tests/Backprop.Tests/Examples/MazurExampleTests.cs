using Backprop.Explain;
using Backprop.Cli.Examples;

namespace Backprop.Tests.Examples;

public class MazurExampleTests
{
    private static readonly MazurExample.Result Result = MazurExample.Compute();

    [Fact]
    public void Forward_pass_and_total_error_match_the_post()
    {
        // Seed 001: the forward pass of the post and its total error 0.298371109.
        Assert.Equal(0.3775, Result.NetH1, 12);
        Assert.Equal(0.593269992, Result.OutH1, 9);
        Assert.Equal(0.596884378, Result.OutH2, 9);
        Assert.Equal(0.75136507, Result.OutO1, 8);
        Assert.Equal(0.772928465, Result.OutO2, 9);
        Assert.Equal(0.298371109, Result.ErrorBefore, 9);
    }

    [Fact]
    public void Mazur_first_update_matches_the_post()
    {
        // The eight updated weights printed in seed 001 (w1 … w8), each to the digits printed.
        double[] post = [0.149780716, 0.19956143, 0.24975114, 0.29950229, 0.35891648, 0.408666186, 0.511301270, 0.561370121];
        int[] digits = [9, 8, 8, 8, 8, 9, 9, 9];
        for (int k = 0; k < 8; k++) Assert.Equal(post[k], Result.UpdatedWeights[k], digits[k]);
    }

    [Fact]
    public void Errors_after_one_and_ten_thousand_updates_follow_the_formulas_not_the_posts_figures()
    {
        // Independent computation (plain Python floats, simultaneous updates, biases fixed): see docs/worked-examples.md.
        Assert.Equal(0.29102777369359933, Result.ErrorAfterOne, 14);
        Assert.Equal(3.510187782978859e-05, Result.ErrorAfterLongRun, 13);
        Assert.Equal(0.01591362044355068, Result.OutputsAfterLongRun[0], 11);
        Assert.Equal(0.9840642735146238, Result.OutputsAfterLongRun[1], 11);
        // The post's figures (0.291027924, 0.000035085) are what the wrong update order gives, and differ.
        Assert.False(new DocumentFigure("0.291027924").Agrees(Result.ErrorAfterOne));
        Assert.False(new DocumentFigure("0.000035085").Agrees(Result.ErrorAfterLongRun));
    }
}

using Backprop.Data;
using Backprop.Estimators;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Metrics;

/// <summary>The library call behind <c>backprop evaluate</c>, on numbers worked out by hand.</summary>
public class EvaluationTests
{
    // y = 2x + 1, one identity unit.
    private static Network<double> Line()
    {
        var network = Network<double>.Create(1, [new LayerSpec(1, "identity")], seed: 1);
        network.Layers[0].SetWeights(new double[,] { { 2 } }).SetBias(1);
        return network;
    }

    private static Dataset Block(double[] x, double[] t) =>
        new(new Matrix<double>(x.Length, 1, x), new Matrix<double>(t.Length, 1, t), ["x"], ["t"]);

    // Outputs 1, 3, 5 against targets 1, 4, 3: errors 0, −1, 2; ½e² = 0, 0.5, 2.
    private static IEnumerable<Dataset> Blocks() => [Block([0, 1], [1, 4]), Block([2], [3])];

    [Fact]
    public void Blocks_are_measured_as_one_set()
    {
        var e = Evaluation.Of(Line(), Blocks(), new Objective(new SquaredError(), Reduction.Mean), _ => null);
        Assert.Equal(3, e.Samples);
        Assert.Equal(2.5 / 3, e.Loss, 14);
        Assert.Null(e.Classification);
        Assert.Equal(Math.Sqrt(5.0 / 3), e.Regression.Rmse, 14);
        Assert.Equal(1.0, e.Regression.Mae, 14);

        var sum = Evaluation.Of(Line(), Blocks(), new Objective(new SquaredError(), Reduction.Sum), _ => null);
        Assert.Equal(2.5, sum.Loss, 14);
    }

    [Fact]
    public void Row_weights_weigh_the_loss_and_see_every_rows_targets()
    {
        Matrix<double>? seen = null;
        var e = Evaluation.Of(Line(), Blocks(), new Objective(new SquaredError(), Reduction.Mean), _ => null,
            (classes, truth) => { seen = truth; return new Matrix<double>(3, 1, [1, 2, 3]); });
        // (1·0 + 2·0.5 + 3·2) / (1 + 2 + 3) = 7/6.
        Assert.Equal(7.0 / 6, e.Loss, 14);
        Assert.Equal([1.0, 4, 3], seen!.Span.ToArray());
    }
}

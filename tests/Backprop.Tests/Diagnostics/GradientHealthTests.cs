using Backprop.Diagnostics;
using Backprop.Initialization;
using Backprop.Layers;
using Backprop.Tensors;
using Backprop.Training;
using Backprop.Training.Gradients;

namespace Backprop.Tests.Diagnostics;

public class GradientHealthTests
{
    private static (Matrix<double> X, Matrix<double> T) Data()
    {
        var rng = new Rng(3, 5);
        var x = new Matrix<double>(64, 4);
        var t = new Matrix<double>(64, 1);
        for (int r = 0; r < 64; r++)
        {
            for (int c = 0; c < 4; c++) x[r, c] = rng.NextGaussian();
            t[r, 0] = x[r, 0] * x[r, 1] - x[r, 2];
        }
        return (x, t);
    }

    private static EpochRecord FirstEpoch(string activation, Initializer init)
    {
        var specs = Enumerable.Repeat(new LayerSpec(16, activation, BiasMode.Trainable, init), 8).Append(new LayerSpec(1, "identity")).ToList();
        var network = Network<double>.Create(4, specs, seed: 2);
        var (x, t) = Data();
        var result = Trainer.Train(network, x, t, new TrainingOptions { Epochs = 1, BatchSize = 16, CollectDiagnostics = true, LearningRate = 0.01 });
        return result.History[0];
    }

    [Fact]
    public void Deep_sigmoid_network_warns_of_vanishing_gradients()
    {
        var record = FirstEpoch("sigmoid", new GlorotInitializer(uniform: true));
        Assert.NotNull(record.Layers);
        Assert.Equal(9, record.Layers!.Count);
        var warnings = GradientHealth.Warnings(record);
        Assert.Contains(warnings, w => w.Contains("layer 1 gradient norm") && w.Contains("vanishing"));
        Assert.True(record.Layers[0].GradientNorm < 1e-3 * record.Layers[^1].GradientNorm);
        Assert.All(record.Layers, l => Assert.Null(l.DeadFraction));
    }

    [Fact]
    public void Same_network_with_relu_and_he_initialisation_does_not_warn()
    {
        var record = FirstEpoch("relu", new FanInNormalInitializer(2.0, "he"));
        Assert.Empty(GradientHealth.Warnings(record));
        Assert.All(record.Layers!.Take(8), l => Assert.InRange(l.DeadFraction!.Value, 0.0, 1.0));
    }

    [Fact]
    public void Non_finite_loss_is_reported_as_exploding()
    {
        var record = new EpochRecord(3, double.NaN, double.NaN,
            [new LayerDiagnostics(0, double.PositiveInfinity, 1, null), new LayerDiagnostics(1, 1, 1, null)]);
        var warnings = GradientHealth.Warnings(record);
        Assert.Contains(warnings, w => w.Contains("the loss is NaN") && w.Contains("exploding"));
        Assert.Contains(warnings, w => w.Contains("layer 1") && w.Contains("exploding"));
    }

    [Fact]
    public void Dead_fraction_counts_units_that_never_fire()
    {
        // A ReLU layer whose first unit has large negative bias never fires on inputs in [0, 1].
        var hidden = new DenseLayer<double>(2, 2, new Backprop.Activations.Relu(), BiasMode.Frozen, 0)
            .SetWeights(new[,] { { 1.0, 1.0 }, { 1.0, 1.0 } }).SetBias(-100, 0.5);
        var network = new Network<double>(2, [hidden, new DenseLayer<double>(2, 1, new Backprop.Activations.Identity(), BiasMode.None, 1)]);
        var x = Matrix<double>.FromArray(new double[,] { { 0.1, 0.2 }, { 0.9, 0.3 } });
        var t = Matrix<double>.FromArray(new double[,] { { 1 }, { 0 } });
        var result = Trainer.Train(network, x, t, new TrainingOptions { Epochs = 1, CollectDiagnostics = true });
        Assert.Equal(0.5, result.History[0].Layers![0].DeadFraction);
    }
}

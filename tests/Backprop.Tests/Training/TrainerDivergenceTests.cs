using Backprop.Layers;
using Backprop.Losses;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Training;

/// <summary>A learning rate too large to train with: the run is called diverged and keeps the last weights whose loss was finite.</summary>
public class TrainerDivergenceTests
{
    [Fact]
    public void A_huge_learning_rate_on_a_linear_output_network_diverges_and_keeps_finite_weights()
    {
        var (x, t) = TrainerTests.Data(10, 3, 1, 8, targetScale: 1000);
        var network = Network<double>.Create(3, [new LayerSpec(1, "identity")], 3);
        var result = Trainer.Train(network, x, t, new TrainingOptions { LearningRate = 1e6, Epochs = 1000 });

        Assert.Equal(StopReason.Diverged, result.StopReason);
        Assert.True(result.Epochs < 1000);
        AssertAllFinite(network);
    }

    [Fact]
    public void A_huge_learning_rate_on_a_network_with_a_hidden_layer_diverges_and_keeps_finite_weights()
    {
        var (x, t) = TrainerTests.Data(10, 3, 1, 8, targetScale: 1000);
        var network = Network<double>.Create(3, [new LayerSpec(4, "tanh"), new LayerSpec(1, "identity")], 3);
        var result = Trainer.Train(network, x, t, new TrainingOptions { LearningRate = 1e6, Epochs = 1000 });

        Assert.Equal(StopReason.Diverged, result.StopReason);
        AssertAllFinite(network);
        Assert.True(double.IsFinite(result.FinalLoss) || double.IsPositiveInfinity(result.FinalLoss));
    }

    [Fact]
    public void A_huge_learning_rate_with_mini_batches_diverges_and_keeps_finite_weights()
    {
        var (x, t) = TrainerTests.Data(10, 3, 1, 8, targetScale: 1000);
        var network = Network<double>.Create(3, [new LayerSpec(4, "tanh"), new LayerSpec(1, "identity")], 3);
        var result = Trainer.Train(network, x, t, new TrainingOptions { LearningRate = 1e6, Epochs = 1000, BatchSize = 2 });

        Assert.Equal(StopReason.Diverged, result.StopReason);
        AssertAllFinite(network);
    }

    [Fact]
    public void Divergence_restores_weights_whose_loss_is_finite()
    {
        // StopReason.Diverged promises "the weights are those of the last epoch with a finite loss"; with the full
        // batch an epoch's loss is measured at the weights it started with, so those weights have that finite loss.
        var (x, t) = TrainerTests.Data(10, 3, 1, 8, targetScale: 1000);
        var network = Network<double>.Create(3, [new LayerSpec(1, "identity")], 3);
        var result = Trainer.Train(network, x, t, new TrainingOptions { LearningRate = 1e6, Epochs = 1000 });

        Assert.Equal(StopReason.Diverged, result.StopReason);
        AssertAllFinite(network);
        Assert.True(double.IsFinite(result.FinalLoss), $"the restored weights give a loss of {result.FinalLoss}");
        var lastFinite = result.History.Last(r => double.IsFinite(r.Loss));
        Assert.Equal(lastFinite.Loss, result.FinalLoss, 6);
    }

    [Fact]
    public void Divergence_caused_by_an_overflowing_step_still_leaves_finite_weights()
    {
        // η = 1e307 is accepted (finite, positive); the first epoch's loss is finite (measured before the step),
        // but the step itself overflows every weight to ±∞.
        var (x, t) = TrainerTests.Data(10, 3, 1, 8, targetScale: 1000);
        var network = Network<double>.Create(3, [new LayerSpec(1, "identity")], 3);
        var result = Trainer.Train(network, x, t, new TrainingOptions { LearningRate = 1e307, Epochs = 10 });

        Assert.Equal(StopReason.Diverged, result.StopReason);
        AssertAllFinite(network);
    }

    private static void AssertAllFinite(Network<double> network)
    {
        foreach (var p in network.Parameters)
            for (int i = 0; i < p.Length; i++)
                Assert.True(double.IsFinite(p.Values[i]), $"{p.Name}[{i}] is {p.Values[i]}");
    }
}

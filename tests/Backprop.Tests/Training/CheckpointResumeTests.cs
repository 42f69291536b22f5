using Backprop.Layers;
using Backprop.Losses;
using Backprop.Optimizers;
using Backprop.Tensors;
using Backprop.Training;
using Backprop.Training.Schedules;

namespace Backprop.Tests.Training;

public class CheckpointResumeTests
{
    private static (Matrix<double> X, Matrix<double> T) Data()
    {
        var rng = new Backprop.Initialization.Rng(8, 1);
        var x = new Matrix<double>(23, 3);
        var t = new Matrix<double>(23, 2);
        for (int r = 0; r < 23; r++)
        {
            for (int c = 0; c < 3; c++) x[r, c] = rng.NextGaussian();
            t[r, r % 2] = 1;
        }
        return (x, t);
    }

    private static TrainingOptions Options(TrainingCheckpoint? resume = null) => new()
    {
        Objective = new Objective(new CrossEntropy(), Reduction.Mean, 0.01),
        Optimizer = new Adam(),
        Schedule = new AdaptiveSchedule(),
        LearningRate = 0.05,
        Epochs = 6,
        BatchSize = 5,
        Seed = 9,
        Resume = resume,
    };

    private static Network<double> Fresh() => Network<double>.Create(3, [new LayerSpec(4, "tanh"), new LayerSpec(2, "softmax")], seed: 3);

    private static double[] Weights(Network<double> n) => n.Parameters.SelectMany(p => p.Values).ToArray();

    [Fact]
    public void Interrupted_mid_epoch_then_resumed_equals_the_uninterrupted_run_bit_for_bit()
    {
        var (x, t) = Data();
        var straight = Fresh();
        var expected = Trainer.Train(straight, x, t, Options());

        var interrupted = Fresh();
        using var cancel = new CancellationTokenSource();
        // Cancelled during the first batch: stops at its end (a token cancelled before the run trains nothing).
        var first = Trainer.Train(interrupted, x, t, Options() with { OnBatch = (_, _, _) => cancel.Cancel() }, cancellationToken: cancel.Token);
        Assert.Equal(StopReason.Cancelled, first.StopReason);
        Assert.Equal((1, 1), (first.Checkpoint!.Epoch, first.Checkpoint.NextBatch));

        var resumed = interrupted.Clone(); // as loaded from the saved model
        var rest = Trainer.Train(resumed, x, t, Options(first.Checkpoint));
        Assert.Equal(Weights(straight), Weights(resumed));
        Assert.Equal(expected.History.Select(h => h.Loss), rest.History.Select(h => h.Loss));
    }

    [Fact]
    public void Interrupted_between_epochs_then_resumed_equals_the_uninterrupted_run()
    {
        var (x, t) = Data();
        var straight = Fresh();
        Trainer.Train(straight, x, t, Options());

        var interrupted = Fresh();
        using var cancel = new CancellationTokenSource();
        var first = Trainer.Train(interrupted, x, t, Options(), record => { if (record.Epoch == 3) cancel.Cancel(); }, cancel.Token);
        Assert.Equal((4, 0), (first.Checkpoint!.Epoch, first.Checkpoint.NextBatch));
        Trainer.Train(interrupted, x, t, Options(first.Checkpoint));
        Assert.Equal(Weights(straight), Weights(interrupted));
    }

    [Fact]
    public void Checkpoints_every_n_epochs_resume_to_the_same_bits()
    {
        var (x, t) = Data();
        var straight = Fresh();
        Trainer.Train(straight, x, t, Options());

        var saved = new List<(TrainingCheckpoint Checkpoint, double[] Weights)>();
        var network = Fresh();
        Trainer.Train(network, x, t, Options() with { CheckpointEvery = 2, OnCheckpoint = c => saved.Add((c, Weights(network))) });
        Assert.Equal([3, 5], saved.Select(s => s.Checkpoint.Epoch));

        var (checkpoint, weights) = saved[0];
        var restored = Fresh();
        int offset = 0;
        foreach (var p in restored.Parameters)
            for (int i = 0; i < p.Length; i++) p.Values[i] = weights[offset++];
        Trainer.Train(restored, x, t, Options(checkpoint));
        Assert.Equal(Weights(straight), Weights(restored));
    }
}

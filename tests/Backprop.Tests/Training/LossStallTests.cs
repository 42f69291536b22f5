using Backprop.Layers;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Training;

/// <summary>
/// Stopping on the training loss as scikit-learn's <c>n_iter_no_change</c> and <c>tol</c> do (<c>_update_no_improvement_count</c>):
/// an epoch above best − tol counts, any other resets the count; the best falls with every lower loss; training stops once
/// the count exceeds the epochs allowed.
/// </summary>
public sealed class LossStallTests
{
    [Fact]
    public void A_hand_made_loss_sequence_stops_where_scikit_learns_rule_says()
    {
        // tol = 1e-4, n = 2. Epoch by epoch (best before → count after):
        // 1.0      : ∞       → 0 (best 1.0)
        // 0.9      : 1.0     → 0 (0.9 ≤ 0.9999; best 0.9)
        // 0.89995  : 0.9     → 1 (0.89995 > 0.8999; best 0.89995, lowered though the fall is below tol)
        // 0.89988  : 0.89995 → 2 (0.89988 > 0.89985; had the best stayed 0.9 the count would reset: 0.89988 ≤ 0.8999)
        // 0.95     : 0.89988 → 3 > 2: stop at epoch 5.
        double[] losses = [1.0, 0.9, 0.89995, 0.89988, 0.95, 0.1];
        var stall = new LossStall(1e-4);
        int[] counts = losses.Select(stall.Observe).ToArray();
        Assert.Equal([0, 0, 1, 2, 3, 0], counts);
    }

    [Fact]
    public void A_resumed_run_replays_its_history()
    {
        var history = new[] { 1.0, 0.9, 0.89995 }.Select((l, i) => new EpochRecord(i + 1, l, 0)).ToList();
        var stall = LossStall.Replay(history, 1e-4);
        Assert.Equal(1, stall.Count);
        Assert.Equal(2, stall.Observe(0.89988));
    }

    [Theory]
    [InlineData(2, 0.05)]
    [InlineData(5, 0.01)]
    public void Training_stops_at_the_epoch_the_loss_curve_implies(int n, double tol)
    {
        // y = 2x on 8 points, one linear unit, plain gradient descent: the same losses epoch by epoch with or without the rule,
        // so the stopping epoch follows from the uninterrupted run's curve by the rule written out here.
        var x = new Matrix<double>(8, 1);
        var y = new Matrix<double>(8, 1);
        for (int i = 0; i < 8; i++) (x[i, 0], y[i, 0]) = (i / 4.0 - 1, i / 2.0 - 2);
        var options = new TrainingOptions { LearningRate = 0.05, Epochs = 300 };
        var free = Network<double>.Create(1, [new LayerSpec(1, "identity")], 3);
        var whole = Trainer.Train(free, x, y, options);
        var curve = whole.History.Select(r => r.Loss).ToArray();
        int expected = 0, count = 0;
        double best = double.PositiveInfinity;
        for (int e = 0; e < curve.Length; e++)
        {
            count = curve[e] > best - tol ? count + 1 : 0;
            best = Math.Min(best, curve[e]);
            if (count > n) { expected = e + 1; break; }
        }
        Assert.InRange(expected, n + 2, 299); // it does stop, and not before n + 1 epochs without improvement

        var stopped = Trainer.Train(Network<double>.Create(1, [new LayerSpec(1, "identity")], 3), x, y,
            options with { NoChangeEpochs = n, LossTolerance = tol });
        Assert.Equal(StopReason.NoImprovement, stopped.StopReason);
        Assert.Equal(expected, stopped.Epochs);
        Assert.Equal(curve[..expected], stopped.History.Select(r => r.Loss).ToArray());
    }
}

using Backprop.Layers;
using Backprop.Optimizers;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Training;

/// <summary>The held-out R² and early stopping on the held-out score (<see cref="TrainingOptions.MonitorScore"/>).</summary>
public class ScoreEarlyStopTests
{
    // far: the second output's targets near 100, where the network starts far off.
    private static (Matrix<double> X, Matrix<double> T) Data(int rows, ulong seed, bool far = false)
    {
        var rng = new Backprop.Initialization.Rng(seed, 1);
        var x = new Matrix<double>(rows, 2);
        var t = new Matrix<double>(rows, 2);
        for (int r = 0; r < rows; r++)
        {
            (x[r, 0], x[r, 1]) = (rng.NextGaussian(), rng.NextGaussian());
            (t[r, 0], t[r, 1]) = (Math.Sin(x[r, 0]) + 0.1 * rng.NextGaussian(),
                far ? 100 + x[r, 0] * x[r, 1] : 0.5 * x[r, 0] - 0.3 * x[r, 1]);
        }
        return (x, t);
    }

    private static Network<double> Fresh() => Network<double>.Create(2, [new LayerSpec(6, "tanh"), new LayerSpec(2, "identity")], seed: 4);

    private static double[] Weights(Network<double> n) => n.Parameters.SelectMany(p => p.Values).ToArray();

    [Fact]
    public void The_held_out_R2_is_the_mean_over_outputs_of_one_minus_SSE_over_SST()
    {
        var (x, t) = Data(30, 2, far: true);
        var (vx, vt) = Data(9, 3, far: true);
        var network = Fresh();
        var result = Trainer.Train(network, x, t, new TrainingOptions { Epochs = 2, LearningRate = 0.01 }, validation: (vx, vt));
        // The last epoch is measured with the final weights: R² by its formula from the network's own predictions.
        var y = network.Predict(vx);
        double expected = 0;
        for (int j = 0; j < 2; j++)
        {
            double mean = Enumerable.Range(0, 9).Average(r => vt[r, j]);
            double sse = Enumerable.Range(0, 9).Sum(r => (vt[r, j] - y[r, j]) * (vt[r, j] - y[r, j]));
            double sst = Enumerable.Range(0, 9).Sum(r => (vt[r, j] - mean) * (vt[r, j] - mean));
            expected += (1 - sse / sst) / 2;
        }
        var held = result.History[^1].Validation!;
        Assert.Equal(expected, held.R2!.Value, 10);
        Assert.Equal(held.R2, held.Score);
        Assert.Null(held.Accuracy);
        // A far-off second output (targets near 100) makes R² strongly negative: the number is not a clipped one.
        Assert.True(held.R2 < -10, $"R² {held.R2}");
    }

    [Fact]
    public void Watching_the_score_keeps_its_highest_epoch_and_waits_from_its_last_lead_of_more_than_min_delta()
    {
        var (x, t) = Data(40, 5);
        var (vx, vt) = Data(12, 6);
        var options = new TrainingOptions
        {
            Optimizer = new Adam(), LearningRate = 0.01, Epochs = 400, Patience = 8, MinDelta = 0.05, MonitorScore = true,
        };
        var network = Fresh();
        var snapshots = new Dictionary<int, double[]>();
        var result = Trainer.Train(network, x, t, options, r => snapshots[r.Epoch] = Weights(network), validation: (vx, vt));

        Assert.Equal(StopReason.EarlyStopped, result.StopReason);
        var scores = result.History.Select(h => h.Validation!.Score!.Value).ToList();
        // scikit-learn's rule, recounted: the best is the highest score so far; the wait restarts on a lead > tol.
        double best = double.NegativeInfinity;
        int wait = 0, bestEpoch = 0;
        bool smallLead = false;
        for (int e = 0; e < scores.Count; e++)
        {
            wait = scores[e] > best + 0.05 ? 0 : wait + 1;
            if (scores[e] > best && wait > 0) smallLead = true;
            if (scores[e] > best) (best, bestEpoch) = (scores[e], e + 1);
        }
        Assert.Equal(8, wait);
        Assert.True(smallLead, "no epoch took the best by less than min delta: the test would not tell the two rules apart");
        Assert.Equal(scores.Max(), scores[bestEpoch - 1]);
        Assert.Equal(snapshots[bestEpoch], Weights(network));
    }

    [Fact]
    public void A_run_watching_the_score_resumed_after_a_small_lead_stops_where_the_straight_run_does()
    {
        var (x, t) = Data(40, 5);
        var (vx, vt) = Data(12, 6);
        // A new optimiser for each run (it keeps its state).
        TrainingOptions Options() => new()
        {
            Optimizer = new Adam(), LearningRate = 0.01, Epochs = 400, Patience = 8, MinDelta = 0.05, MonitorScore = true,
        };
        var straight = Fresh();
        var whole = Trainer.Train(straight, x, t, Options(), validation: (vx, vt));
        // Cut the run just after an epoch that took the best by less than min delta (the best epoch is then past the last lead).
        var scores = whole.History.Select(h => h.Validation!.Score!.Value).ToList();
        int cut = Enumerable.Range(1, scores.Count - 1).First(e => scores[e] > scores.Take(e).Max()
            && scores[e] <= scores.Take(e).Max() + 0.05) + 1;

        var first = Fresh();
        var part = Trainer.Train(first, x, t, Options() with { Epochs = cut }, validation: (vx, vt));
        var rest = Trainer.Train(first, x, t, Options() with { Resume = part.Checkpoint }, validation: (vx, vt));
        Assert.Equal(whole.Epochs, rest.Epochs); // the resumed history holds the first part's epochs
        Assert.Equal(Weights(straight), Weights(first));
    }
}

using Backprop.Layers;
using Backprop.Playground;
using Backprop.Tensors;

namespace Backprop.Tests.Playground;

/// <summary>
/// A run changed as it goes: the learning rate, L2 and batch size change without new weights or a new epoch count, one
/// weight can be set by hand, the speed is a number of epochs per picture, and the loss history keeps the whole run
/// sampled evenly from epoch 0. Each step after a change is checked against gradient descent done here by hand: the
/// gradient by central differences of the objective written out below, never by the library's backpropagation.
/// </summary>
public sealed class PlaygroundChangeTests
{
    // 300 points, 60 % train (180 rows); a batch of 500 is all of them, so an epoch is one plain gradient step, whatever the order.
    private static readonly PlaygroundSetup FullBatch = new()
    {
        DataSet = "circle", Features = ["x", "y"], Layers = [3], Activation = "tanh", LearningRate = 0.1, BatchSize = 500, L2 = 0,
        Noise = 10, TrainFraction = 0.6, Seed = 3,
    };

    private static PlaygroundSession Open(PlaygroundSetup setup) =>
        new("test", setup, PlaygroundData.Create(setup), new TrainingSlots(1), TimeSpan.FromMinutes(10));

    /// <summary>
    /// E(w) = mean cross-entropy over the training points + λ/(2m)·Σ w² over the weights (not the biases), m = 180:
    /// the playground's objective as the teacher writes it on the board.
    /// </summary>
    private static double E(PlaygroundSession session, Network<double> network, double l2)
    {
        var (inputs, targets) = session.Data.Split(session.Setup.Features, train: true);
        double loss = 0;
        var workspace = new Workspace<double>(network, inputs.Rows);
        var y = workspace.Forward(inputs);
        for (int r = 0; r < inputs.Rows; r++)
        {
            double p = y[r, 0], t = targets[r, 0];
            loss -= t * Math.Log(p) + (1 - t) * Math.Log(1 - p);
        }
        double squares = network.Layers.Sum(l => l.Weights.Span.ToArray().Sum(w => w * w));
        return loss / inputs.Rows + l2 / (2.0 * inputs.Rows) * squares;
    }

    /// <summary>w − η·∇E(w), the gradient by central differences.</summary>
    private static double[] GradientStep(PlaygroundSession session, Network<double> start, double rate, double l2)
    {
        var network = start.Clone();
        var values = network.Parameters.SelectMany(p => p.Values).ToArray();
        var next = new double[values.Length];
        int k = 0;
        foreach (var parameter in network.Parameters)
            for (int i = 0; i < parameter.Values.Length; i++, k++)
            {
                double w = parameter.Values[i], h = 1e-6;
                parameter.Values[i] = w + h;
                double up = E(session, network, l2);
                parameter.Values[i] = w - h;
                double down = E(session, network, l2);
                parameter.Values[i] = w;
                next[k] = w - rate * (up - down) / (2 * h);
            }
        return next;
    }

    private static double[] Values(Network<double> network) => network.Parameters.SelectMany(p => p.Values).ToArray();

    private static void Near(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-7, $"parameter {i}: {expected[i]} vs {actual[i]}");
    }

    [Fact]
    public void The_learning_rate_and_l2_change_mid_run_and_the_next_epoch_is_a_gradient_step_with_the_new_values()
    {
        using var session = Open(FullBatch);
        session.Control("step");
        session.Control("step");
        var before = session.Network;
        Near(GradientStep(session, before, 0.1, 0), Values(Step(session))); // unchanged: a step of η = 0.1
        before = session.Network;
        Assert.Null(session.Change(learningRate: 0.5, l2: null, batchSize: null, epochsPerFrame: null));
        Assert.Equal(3, session.Snapshot()["epoch"]!.GetValue<int>()); // no restart
        Near(GradientStep(session, before, 0.5, 0), Values(Step(session)));
        before = session.Network;
        Assert.Null(session.Change(learningRate: null, l2: 0.3, batchSize: null, epochsPerFrame: null));
        Near(GradientStep(session, before, 0.5, 0.3), Values(Step(session)));
        var snapshot = session.Snapshot();
        Assert.Equal(5, snapshot["epoch"]!.GetValue<int>());
        Assert.Equal(0.5, snapshot["learningRate"]!.GetValue<double>());
        Assert.Equal(0.3, snapshot["l2"]!.GetValue<double>());
        // The history goes on from epoch 0 through every epoch, across the changes.
        Assert.Equal([0, 1, 2, 3, 4, 5], snapshot["history"]!.AsArray().Select(h => h![0]!.GetValue<int>()));
    }

    private static Network<double> Step(PlaygroundSession session)
    {
        Assert.True(session.Control("step"));
        return session.Network;
    }

    [Fact]
    public void The_batch_size_changes_mid_run_and_a_setting_out_of_range_is_refused_in_words()
    {
        using var session = Open(FullBatch with { BatchSize = 7 });
        session.Control("step");
        Assert.Null(session.Change(null, null, batchSize: 500, null));
        var before = session.Network;
        Near(GradientStep(session, before, 0.1, 0), Values(Step(session)));
        Assert.Null(session.Change(null, null, batchSize: 20, null));
        Step(session);
        Assert.Equal(3, session.Snapshot()["epoch"]!.GetValue<int>());
        Assert.Equal(20, session.Snapshot()["batchSize"]!.GetValue<int>());
        Assert.Equal("batch size 0 is outside 1 to 500", session.Change(null, null, 0, null));
        Assert.Equal("learning rate 20 is outside (0, 10]", session.Change(20, null, null, null));
        Assert.Equal("the speed must be one of 1, 2, 5, 10, 20, 50, 100 epochs per picture, or 0 for as fast as it goes",
            session.Change(null, null, null, 3));
    }

    [Fact]
    public void A_weight_set_by_hand_before_training_changes_that_weight_only_and_training_goes_on_from_it()
    {
        using var session = Open(FullBatch);
        var start = session.Network;
        Assert.Null(session.SetWeight(layer: 0, from: 1, to: 2, value: 0.75));
        var edited = session.Network;
        Assert.Equal(0.75, edited.Layers[0].Weights[2, 1]);
        start.Layers[0].Weights[2, 1] = 0.75;
        Assert.Equal(Values(start), Values(edited)); // nothing else moved: no epoch was trained
        Assert.Equal(0, session.Snapshot()["epoch"]!.GetValue<int>());
        Near(GradientStep(session, edited, 0.1, 0), Values(Step(session)));
        // Mid-run too, and an edge the network does not have is refused in words.
        Assert.Null(session.SetWeight(1, 0, 0, -2));
        Assert.Equal(-2, session.Network.Layers[1].Weights[0, 0]);
        Assert.Equal(1, session.Snapshot()["epoch"]!.GetValue<int>());
        Assert.Equal("layer 2 has no edge from input 4 to unit 1: it has 3 inputs and 1 units", session.SetWeight(1, 3, 0, 1));
        Assert.Equal("there is no layer 3: this network's layers are 1 to 2", session.SetWeight(2, 0, 0, 1));
    }

    [Fact]
    public void At_a_set_speed_every_picture_comes_after_that_many_epochs()
    {
        using var session = Open(FullBatch with { BatchSize = 10 });
        Assert.Null(session.Change(null, null, null, epochsPerFrame: 5));
        Assert.True(session.Control("play"));
        // Waits for the pictures (against a hang, not a timing).
        for (var end = DateTime.UtcNow.AddSeconds(60); session.Frames.Count < 6 && DateTime.UtcNow < end;) Thread.Sleep(20);
        session.Control("pause");
        var frames = session.Frames;
        Assert.True(frames.Count >= 6, $"{frames.Count} pictures");
        Assert.Equal(Enumerable.Range(1, frames.Count).Select(k => 5 * k), frames);
    }

    [Fact]
    public void The_loss_history_keeps_epoch_zero_and_samples_the_run_evenly()
    {
        var history = new LossHistory(capacity: 8);
        for (int epoch = 0; epoch <= 100; epoch++) history.Add(epoch, 1.0 / (epoch + 1), 2.0 / (epoch + 1));
        // Full at 8 points: the stride doubles at epochs 7, 14, 28 and 56 (keeping multiples of 2, 4, 8, 16).
        Assert.Equal([0, 16, 32, 48, 64, 80, 96], history.Points.Select(p => p.Epoch));
        Assert.Equal(16, history.Stride);
        Assert.Equal(1.0 / 17, history.Points[1].Train);
        Assert.Equal(2.0 / 17, history.Points[1].Test);
    }

    [Fact]
    public void Four_bumps_is_a_regression_and_regenerated_data_is_other_points_of_the_same_set()
    {
        var setup = FullBatch with { DataSet = "bumps", Noise = 0 };
        var data = PlaygroundData.Create(setup);
        Assert.True(data.IsRegression);
        for (int k = 0; k < 5; k++)
        {
            double x = data.X[k], y = data.Y[k];
            double B(double cx, double cy) => Math.Exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / 4);
            Assert.Equal(B(2.5, 2.5) + B(-2.5, -2.5) - B(-2.5, 2.5) - B(2.5, -2.5), data.Label[k], 12);
        }
        var again = PlaygroundData.Create(setup with { DataSeed = 3 });
        Assert.Equal(data.X, again.X); // the seed's own data
        var regenerated = PlaygroundData.Create(setup with { DataSeed = 4 });
        Assert.NotEqual(data.X[0], regenerated.X[0]);
        Assert.True(PlaygroundData.Create(setup with { DataSet = "regression" }).IsRegression);
        Assert.False(PlaygroundData.Create(setup with { DataSet = "circle" }).IsRegression);
    }
}

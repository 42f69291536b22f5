using Backprop.Layers;
using Backprop.Losses;
using Backprop.Tensors;
using Backprop.Training;
using Backprop.Training.Schedules;

namespace Backprop.Tests.Training;

public class ScheduleClipEarlyStopTests
{
    [Fact]
    public void Step_exponential_and_cosine_schedules_follow_their_formulas()
    {
        var step = new StepSchedule(0.5, 3);
        Assert.Equal([1, 1, 1, 0.5, 0.5, 0.5, 0.25], Enumerable.Range(1, 7).Select(e => step.Rate(e, 7, 1.0)));
        Assert.Equal(0.1 * Math.Pow(0.9, 4), new ExponentialSchedule(0.9).Rate(5, 10, 0.1), 15);
        var cosine = new CosineSchedule(0.01);
        Assert.Equal(1.0, cosine.Rate(1, 10, 1.0), 15);
        Assert.Equal(0.01 + 0.5 * 0.99, cosine.Rate(6, 10, 1.0), 15);       // halfway: cos(π/2) = 0
        Assert.Equal(0.01 + 0.5 * 0.99 * (1 + Math.Cos(Math.PI * 0.9)), cosine.Rate(10, 10, 1.0), 15);
    }

    [Fact]
    public void Adaptive_schedule_divides_by_five_after_two_epochs_without_progress()
    {
        var adaptive = new AdaptiveSchedule();
        foreach (var loss in new[] { 1.0, 0.9, 0.89995, 0.95 }) adaptive.Observe(loss); // 0.89995 is not 1e-4 better than 0.9
        Assert.Equal(0.02, adaptive.Rate(5, 10, 0.1), 15);
        adaptive.Observe(0.5);
        Assert.Equal(0.02, adaptive.Rate(6, 10, 0.1), 15);
    }

    [Fact]
    public void Clipping_scales_the_step_to_the_given_global_norm()
    {
        var network = Network<double>.Create(2, [new LayerSpec(1, "identity")], seed: 3);
        var x = Matrix<double>.FromArray(new[,] { { 1.0, 2.0 }, { -1.0, 0.5 } });
        var t = Matrix<double>.FromArray(new[,] { { 10.0 }, { -5.0 } });
        var objective = new Objective(new SquaredError(), Reduction.Mean);
        objective.Evaluate(network, new Workspace<double>(network, 2), x, t, computeGradient: true);
        var gradient = network.Parameters.SelectMany(p => p.Gradient).ToArray();
        var before = network.Parameters.SelectMany(p => p.Values).ToArray();
        double norm = Math.Sqrt(gradient.Sum(g => g * g));
        Assert.True(norm > 1, $"the gradient norm {norm} must exceed the clip for the test to mean anything");

        Trainer.Train(network, x, t, new TrainingOptions { Objective = objective, LearningRate = 0.1, Epochs = 1, ClipNorm = 1 });
        var after = network.Parameters.SelectMany(p => p.Values).ToArray();
        for (int i = 0; i < before.Length; i++) Assert.Equal(before[i] - 0.1 * gradient[i] / norm, after[i], 14);
    }

    [Fact]
    public void Early_stopping_restores_the_best_epochs_weights()
    {
        // A noisy regression that a wide network overfits: the validation loss turns up.
        var rng = new Backprop.Initialization.Rng(5, 7);
        Matrix<double> Make(int n, out Matrix<double> y)
        {
            var x = new Matrix<double>(n, 1);
            y = new Matrix<double>(n, 1);
            for (int r = 0; r < n; r++) { x[r, 0] = rng.NextUniform(-1, 1); y[r, 0] = x[r, 0] + 0.5 * rng.NextGaussian(); }
            return x;
        }
        var x = Make(12, out var y);
        var vx = Make(40, out var vy);
        var network = Network<double>.Create(1, [new LayerSpec(64, "tanh"), new LayerSpec(1, "identity")], seed: 2);
        var snapshots = new Dictionary<int, double[]>();
        var result = Trainer.Train(network, x, y,
            new TrainingOptions { Optimizer = new Backprop.Optimizers.Adam(), LearningRate = 0.02, Epochs = 2000, Patience = 25 },
            record => snapshots[record.Epoch] = network.Parameters.SelectMany(p => p.Values).ToArray(),
            validation: (vx, vy));

        Assert.Equal(StopReason.EarlyStopped, result.StopReason);
        var bestEpoch = result.History.MinBy(r => r.Validation!.Loss)!.Epoch;
        Assert.Equal(bestEpoch + 25, result.Epochs);
        Assert.Equal(snapshots[bestEpoch], network.Parameters.SelectMany(p => p.Values).ToArray());
    }

    [Fact]
    public void Validation_every_third_epoch_is_measured_on_epochs_3_6_and_the_last()
    {
        var network = Network<double>.Create(1, [new LayerSpec(3, "tanh"), new LayerSpec(1, "identity")], seed: 1);
        var x = Matrix<double>.FromArray(new[,] { { 1.0 }, { -1.0 }, { 0.5 } });
        var y = Matrix<double>.FromArray(new[,] { { 0.5 }, { -0.5 }, { 0.2 } });
        var result = Trainer.Train(network, x, y, new TrainingOptions { Epochs = 7, ValidationFrequency = 3 }, validation: (x, y));
        Assert.Equal([3, 6, 7], result.History.Where(r => r.Validation is not null).Select(r => r.Epoch));
        // On a measured epoch the validation data (here the training data itself, measured after the epoch's steps) gives
        // the loss of the weights at the end of that epoch: the next epoch's full-batch training loss.
        Assert.Equal(result.History[3].Loss, result.History[2].Validation!.Loss, 14);
    }

    [Fact]
    public void A_validation_frequency_below_one_is_refused()
    {
        var network = Network<double>.Create(1, [new LayerSpec(1, "identity")], seed: 1);
        var x = Matrix<double>.FromArray(new[,] { { 1.0 } });
        var e = Assert.Throws<Backprop.Diagnostics.TrainingException>(() =>
            Trainer.Train(network, x, x, new TrainingOptions { ValidationFrequency = 0 }));
        Assert.Contains("validation frequency", e.Message);
    }

    [Fact]
    public void Early_stopping_without_validation_data_is_refused()
    {
        var network = Network<double>.Create(1, [new LayerSpec(1, "identity")], seed: 1);
        var x = Matrix<double>.FromArray(new[,] { { 1.0 } });
        Assert.Throws<Backprop.Diagnostics.TrainingException>(() => Trainer.Train(network, x, x, new TrainingOptions { Patience = 3 }));
    }
}

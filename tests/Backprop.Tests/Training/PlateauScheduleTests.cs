using Backprop.Layers;
using Backprop.Losses;
using Backprop.Optimizers;
using Backprop.Tensors;
using Backprop.Training;
using Backprop.Training.Schedules;

namespace Backprop.Tests.Training;

public class PlateauScheduleTests
{
    [Fact]
    public void The_rate_falls_by_the_factor_after_patience_epochs_without_improvement_and_stops_at_the_minimum()
    {
        // Keras's ReduceLROnPlateau(factor=0.5, patience=2, min_lr=0.3, min_delta=1e-4) on this loss series, by hand:
        // epoch 1: 1.0 best; 2: 0.9 best; 3: 0.95 wait 1; 4: 0.89995 (not 1e-4 below 0.9) wait 2 → η 1 → 0.5, wait 0;
        // 5: 0.8 best; 6: 0.85 wait 1; 7: 0.85 wait 2 → 0.5 → max(0.25, 0.3) = 0.3; 8, 9: wait 1, 2 → η is at the minimum, stays 0.3.
        var schedule = new PlateauSchedule(factor: 0.5, patience: 2, minimum: 0.3);
        double[] losses = [1.0, 0.9, 0.95, 0.89995, 0.8, 0.85, 0.85, 0.9, 0.9];
        var rates = new List<double>();
        for (int epoch = 1; epoch <= losses.Length; epoch++)
        {
            rates.Add(schedule.Rate(epoch, 9, 1.0));
            schedule.Observe(losses[epoch - 1], null, validates: false);
        }
        Assert.Equal([1, 1, 1, 1, 0.5, 0.5, 0.5, 0.3, 0.3], rates);
    }

    [Fact]
    public void With_validation_data_it_watches_the_validation_loss_and_skips_epochs_that_did_not_measure_it()
    {
        var schedule = new PlateauSchedule(factor: 0.1, patience: 1);
        Assert.Equal(1.0, schedule.Rate(1, 5, 1.0));
        schedule.Observe(0.5, 2.0, validates: true);    // best 2.0
        schedule.Observe(0.4, null, validates: true);   // not measured: ignored, though the training loss fell
        Assert.Equal(1.0, schedule.Rate(3, 5, 1.0));
        schedule.Observe(0.3, 2.5, validates: true);    // worse: one epoch waited = patience
        Assert.Equal(0.1, schedule.Rate(4, 5, 1.0), 15);
    }

    [Fact]
    public void A_run_resumed_from_a_checkpoint_ends_as_the_run_that_was_never_stopped()
    {
        var (x, t) = RandomClasses.Make(60, 4, 3, seed: 9);
        var (vx, vt) = RandomClasses.Make(20, 4, 3, seed: 10);
        var xd = x.Convert<double>(); var td = t.Convert<double>();
        (Matrix<double>, Matrix<double>) validation = (vx.Convert<double>(), vt.Convert<double>());
        TrainingOptions Options() => new()
        {
            Objective = new Objective(new CrossEntropy()), Optimizer = new Adam(), LearningRate = 0.05, BatchSize = 16, Epochs = 30,
            Schedule = new PlateauSchedule(factor: 0.5, patience: 2),
        };
        Network<double> Fresh() => Network<double>.Create(4, [new LayerSpec(8, "relu"), new LayerSpec(3, "softmax")], seed: 9);
        var whole = Fresh();
        var full = Trainer.Train(whole, xd, td, Options(), validation: validation);
        // Random labels: the held-out loss soon stops falling, so the rate is cut during the run, before and after epoch 12.
        var rates = full.History.Select(h => h.LearningRate).ToList();
        Assert.True(rates[11] < 0.05 && rates[^1] < rates[11], string.Join(", ", rates));

        var split = Fresh();
        var first = Trainer.Train(split, xd, td, Options() with { Epochs = 12 }, validation: validation);
        var second = Trainer.Train(split, xd, td, Options() with { Resume = first.Checkpoint }, validation: validation);
        Assert.Equal(full.History.Select(h => h.Loss), second.History.Select(h => h.Loss));
        Assert.Equal(rates, second.History.Select(h => h.LearningRate));
        for (int p = 0; p < whole.Parameters.Count; p++) Assert.Equal(whole.Parameters[p].Values, split.Parameters[p].Values);
    }
}

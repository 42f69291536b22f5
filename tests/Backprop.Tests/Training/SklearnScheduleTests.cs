using Backprop.Diagnostics;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Tensors;
using Backprop.Training;
using Backprop.Training.Schedules;
using Backprop.Training.Solvers;

namespace Backprop.Tests.Training;

/// <summary>
/// scikit-learn's invscaling and adaptive schedules, the optimiser's η after a run (<see cref="TrainingResult.LearningRate"/>),
/// and the cap on a full-batch solver's function evaluations (<see cref="TrainingOptions.MaxFunctionEvaluations"/>).
/// </summary>
public class SklearnScheduleTests
{
    private static readonly Matrix<double> X = new(4, 2, [0, 0, 0, 1, 1, 0, 1, 1]);
    private static readonly Matrix<double> T = new(4, 1, [0, 1, 1, 0]);

    private static Network<double> Xor() => Network<double>.Create(2, [new LayerSpec(3, "tanh"), new LayerSpec(1, "sigmoid")], seed: 3);

    [Fact]
    public void Invscaling_divides_by_the_rows_seen_plus_one_to_the_power()
    {
        // t = (epoch − 1) × 4 rows: η₀/1, η₀/√5, η₀/3 (√9), η₀/√13.
        var schedule = new InverseScalingSchedule(0.5);
        schedule.Begin(4);
        Assert.Equal([0.1, 0.1 / Math.Sqrt(5), 0.1 / 3, 0.1 / Math.Sqrt(13)], Enumerable.Range(1, 4).Select(e => schedule.Rate(e, 10, 0.1)));
        Assert.Equal("invscaling", schedule.Kind);
        Assert.Throws<ArgumentOutOfRangeException>(() => new InverseScalingSchedule(-1));
        Assert.IsType<InverseScalingSchedule>(LearningRateSchedule.Create("invscaling", power: 0.25));
    }

    [Fact]
    public void Training_with_invscaling_uses_each_epochs_rate_and_reports_the_next()
    {
        var options = new TrainingOptions
        {
            Objective = new Objective(new CrossEntropy()), LearningRate = 0.5, Epochs = 3, Schedule = new InverseScalingSchedule(0.25),
        };
        var result = Trainer.Train(Xor(), X, T, options);
        Assert.Equal([0.5, 0.5 / Math.Pow(5, 0.25), 0.5 / Math.Pow(9, 0.25)], result.History.Select(h => h.LearningRate));
        Assert.Equal(0.5 / Math.Pow(13, 0.25), result.LearningRate);
    }

    [Fact]
    public void Scikit_learns_adaptive_schedule_divides_after_more_than_n_stalls_and_stops_at_a_small_rate()
    {
        // n_iter_no_change 2, tol 0.1, stop at η ≤ 0.01 (η₀ = 0.1): the best is 1.0 and nothing falls 0.1 below it.
        var adaptive = new AdaptiveSchedule(2, 0.1, 0.01);
        double[] rates = new double[8];
        for (int e = 1; e <= 8 && !adaptive.Stopped; e++)
        {
            rates[e - 1] = adaptive.Rate(e, 10, 0.1);
            adaptive.Observe(e == 1 ? 1.0 : 0.95);
        }
        // Stalls counted 1, 2, 3 at epochs 2–4 → η / 5 after epoch 4; 3 more at 5–7 → at 0.02 > 0.01, η / 5 again; the next stall
        // would come at epoch 10, so the run of 8 epochs does not stop.
        Assert.Equal([0.1, 0.1, 0.1, 0.1, 0.02, 0.02, 0.02, 0.004], rates.Select(r => Math.Round(r, 15)));
        Assert.False(adaptive.Stopped);
        for (int e = 9; e <= 10; e++)
        {
            adaptive.Rate(e, 10, 0.1);
            adaptive.Observe(0.95);
        }
        Assert.True(adaptive.Stopped);
        Assert.True(adaptive.Stops);
        Assert.False(new AdaptiveSchedule().Stops);
    }

    [Fact]
    public void The_trainer_stops_where_the_adaptive_schedule_stops_and_ignores_its_own_stall_rule()
    {
        // The loss of a constant-learning network never falls by 10: every epoch from the 2nd stalls. With NoChangeEpochs 1,
        // a constant schedule stops after epoch 3; the adaptive one divides there and at 5, and stops at 7 (η₀/25 = 0.04 ≤ 0.05).
        var o = new TrainingOptions
        {
            Objective = new Objective(new CrossEntropy()), LearningRate = 1, Epochs = 50, NoChangeEpochs = 1, LossTolerance = 10,
        };
        Assert.Equal((3, StopReason.NoImprovement), Run(o));
        Assert.Equal((7, StopReason.NoImprovement), Run(o with { Schedule = new AdaptiveSchedule(1, 10, 0.05) }));

        static (int, StopReason) Run(TrainingOptions options)
        {
            var result = Trainer.Train(Xor(), X, T, options);
            return (result.Epochs, result.StopReason);
        }
    }

    [Fact]
    public void A_full_batch_solver_stops_once_its_evaluations_reach_the_cap()
    {
        var options = new TrainingOptions { Objective = new Objective(new CrossEntropy()), Solver = new Lbfgs(), Epochs = 100 };
        var free = Trainer.Train(Xor(), X, T, options);
        Assert.True(free.Epochs > 3, $"{free.Epochs} iterations");
        // 1 evaluation before the first iteration, at least 1 per line search: 3 reached within at most 2 iterations.
        var capped = Trainer.Train(Xor(), X, T, options with { MaxFunctionEvaluations = 3 });
        Assert.Equal(StopReason.MaxFunctionEvaluations, capped.StopReason);
        Assert.InRange(capped.Epochs, 1, 2);
        Assert.Null(capped.LearningRate);
        // The capped run's iterations are the free run's first ones.
        Assert.Equal(free.History.Take(capped.Epochs).Select(h => h.Loss), capped.History.Select(h => h.Loss));
        var e = Assert.Throws<TrainingException>(() => Trainer.Train(Xor(), X, T, new TrainingOptions { MaxFunctionEvaluations = 3 }));
        Assert.Contains("full-batch solver", e.Message);
    }
}

using Backprop.Diagnostics;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Serialization;
using Backprop.Tensors;
using Backprop.Training;
using Backprop.Training.Schedules;
using Backprop.Training.Solvers;

namespace Backprop.Tests.Training;

/// <summary>
/// The full-batch solvers inside the one training loop: each option of <see cref="TrainingOptions"/> either works for
/// L-BFGS and CG as it does for a mini-batch optimiser, or is refused.
/// </summary>
public class SolverLoopTests
{
    public static TheoryData<string> Solvers => new() { "lbfgs", "cg" };

    private static FullBatchSolver Solver(string name) => FullBatchSolver.Find(name)!;

    /// <summary>m samples of two features with noisy 0/1 labels from a logistic model; <paramref name="flip"/> turns the labels over.</summary>
    private static (Matrix<double> X, Matrix<double> T) Data(int m, ulong seed, bool flip = false)
    {
        var rng = new Backprop.Initialization.Rng(seed, 3);
        var x = new Matrix<double>(m, 2);
        var t = new Matrix<double>(m, 1);
        for (int r = 0; r < m; r++)
        {
            x[r, 0] = rng.NextGaussian();
            x[r, 1] = rng.NextGaussian();
            double p = 1 / (1 + Math.Exp(-(1.5 * x[r, 0] - 2 * x[r, 1] + 0.3)));
            bool one = rng.NextDouble() < p;
            t[r, 0] = one != flip ? 1 : 0;
        }
        return (x, t);
    }

    private static Network<double> Fresh() => Network<double>.Create(2, [new LayerSpec(3, "tanh"), new LayerSpec(1, "sigmoid")], seed: 7);

    private static TrainingOptions Options(string solver, int epochs = 12) => new()
    {
        Objective = new Objective(new CrossEntropy(), Reduction.Mean, 0.1),
        Solver = Solver(solver),
        Epochs = epochs,
    };

    private static double[] Weights(Network<double> n) => n.Parameters.SelectMany(p => p.Values).ToArray();

    /// <summary>
    /// The mean binary cross-entropy of the 2-3-1 tanh/sigmoid network whose parameters are <paramref name="w"/> (in the
    /// order of <c>Network.Parameters</c>: W₁ 3×2, b₁, W₂ 1×3, b₂), written out here independently of the library.
    /// </summary>
    private static double ReferenceLoss(double[] w, Matrix<double> x, Matrix<double> t)
    {
        double sum = 0;
        for (int r = 0; r < x.Rows; r++)
        {
            double net = w[12];
            for (int j = 0; j < 3; j++) net += w[9 + j] * Math.Tanh(w[2 * j] * x[r, 0] + w[2 * j + 1] * x[r, 1] + w[6 + j]);
            double y = 1 / (1 + Math.Exp(-net));
            sum -= t[r, 0] * Math.Log(y) + (1 - t[r, 0]) * Math.Log(1 - y);
        }
        return sum / x.Rows;
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void Validation_history_is_kept_with_the_held_out_loss_of_each_iterations_weights(string solver)
    {
        var (x, t) = Data(60, 17);
        var held = Data(25, 4);
        var network = Fresh();
        var weights = new List<double[]>();
        var result = Trainer.Train(network, x, t, Options(solver), _ => weights.Add(Weights(network)), validation: held);
        Assert.Equal(12, result.History.Count);
        Assert.Equal(StopReason.MaxEpochs, result.StopReason);
        for (int i = 0; i < result.History.Count; i++)
            Assert.Equal(ReferenceLoss(weights[i], held.X, held.T), result.History[i].Validation!.Loss, 12);
        // The training loss of an iteration is the objective (with its penalty) at that iteration's weights.
        double penalty(double[] w) => 0.1 / (2 * 60) * (w[..6].Sum(v => v * v) + w[9..12].Sum(v => v * v));
        Assert.Equal(ReferenceLoss(weights[^1], x, t) + penalty(weights[^1]), result.History[^1].Loss, 12);
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void Patience_stops_when_the_held_out_loss_gets_worse_and_restores_the_best_iterations_weights(string solver)
    {
        // The held-out labels are the training labels' opposite: the better the fit, the worse the held-out loss.
        var (x, t) = Data(60, 17);
        var held = Data(40, 17, flip: true);
        var network = Fresh();
        var weights = new List<double[]>();
        var result = Trainer.Train(network, x, t, Options(solver, 50) with { Patience = 2 }, _ => weights.Add(Weights(network)), validation: held);
        Assert.Equal(StopReason.EarlyStopped, result.StopReason);
        var losses = result.History.Select(h => h.Validation!.Loss).ToList();
        int best = losses.IndexOf(losses.Min());
        Assert.Equal(best + 3, result.History.Count); // two iterations without improvement after the best, then stop
        Assert.Equal(weights[best], Weights(network));
        Assert.NotEqual(weights[^1], Weights(network));
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void Options_a_solver_cannot_apply_are_refused(string solver)
    {
        var (x, t) = Data(60, 17);
        var clip = Assert.Throws<TrainingException>(() => Trainer.Train(Fresh(), x, t, Options(solver) with { ClipNorm = 1 }));
        Assert.Contains($"gradient clipping (clip norm) does not apply to {solver}", clip.Message);
        var schedule = Assert.Throws<TrainingException>(() =>
            Trainer.Train(Fresh(), x, t, Options(solver) with { Schedule = new CosineSchedule(0) }));
        Assert.Contains($"a learning-rate schedule (cosine (to 0)) does not apply to {solver}", schedule.Message);
        var batch = Assert.Throws<TrainingException>(() => Trainer.Train(Fresh(), x, t, Options(solver) with { BatchSize = 32 }));
        Assert.Contains($"{solver} works on the full batch: a batch size of 32 (of 60 samples) does not apply", batch.Message);
        // A batch of the whole data set is the full batch, and is accepted, with the same result as none.
        var full = Fresh();
        Trainer.Train(full, x, t, Options(solver) with { BatchSize = 60 });
        var none = Fresh();
        Trainer.Train(none, x, t, Options(solver));
        Assert.Equal(Weights(none), Weights(full));
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void Cancelled_then_resumed_through_a_model_file_equals_the_uninterrupted_run_bit_for_bit(string solver)
    {
        var (x, t) = Data(60, 17);
        var held = Data(25, 4);
        var straight = Fresh();
        var expected = Trainer.Train(straight, x, t, Options(solver), validation: held);
        Assert.Equal(12, expected.History.Count);

        var network = Fresh();
        using var ctrlC = new CancellationTokenSource();
        var first = Trainer.Train(network, x, t, Options(solver), r => { if (r.Epoch == 4) ctrlC.Cancel(); }, ctrlC.Token, held);
        Assert.Equal(StopReason.Cancelled, first.StopReason);
        Assert.Equal((5, 0), (first.Checkpoint!.Epoch, first.Checkpoint.NextBatch));
        Assert.Equal(solver, first.Checkpoint.Optimizer.Optimizer);
        Assert.Equal(4, first.Checkpoint.Optimizer.Steps);

        // Through the file: the solver's memory (L-BFGS's pairs, CG's direction) is saved as slots of the parameter blocks.
        using var folder = new Backprop.Tests.Cli.TempFolder();
        string path = folder.File("m.json");
        ModelFile.Save(path, ModelDocument.FromNetwork(network) with { Checkpoint = first.Checkpoint });
        var loaded = ModelFile.Load(path);
        var resumed = loaded.ToNetwork<double>();
        var rest = Trainer.Train(resumed, x, t, Options(solver) with { Resume = loaded.Checkpoint }, validation: held);
        Assert.Equal(Weights(straight), Weights(resumed));
        Assert.Equal(expected.History.Select(h => h.Loss), rest.History.Select(h => h.Loss));
        Assert.Equal(expected.History.Select(h => h.Validation!.Loss), rest.History.Select(h => h.Validation!.Loss));
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void A_finished_run_continued_to_more_iterations_equals_the_longer_run(string solver)
    {
        var (x, t) = Data(60, 17);
        var straight = Fresh();
        Trainer.Train(straight, x, t, Options(solver, 12));
        var network = Fresh();
        var five = Trainer.Train(network, x, t, Options(solver, 5));
        Assert.Equal(StopReason.MaxEpochs, five.StopReason);
        Trainer.Train(network, x, t, Options(solver, 12) with { Resume = five.Checkpoint });
        Assert.Equal(Weights(straight), Weights(network));
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void In_single_precision_too_a_run_continued_from_its_saved_weights_equals_the_longer_run(string solver)
    {
        // The solver works in double on θ; the network holds float. The continued run starts from the float weights, as
        // loaded from a model file, so the solver's θ must be the rounded weights all along.
        var (xd, td) = Data(60, 17);
        var (x, t) = (xd.Convert<float>(), td.Convert<float>());
        var options = new TrainingOptions { Objective = new Objective(new CrossEntropy(), Reduction.Mean, 0.1), Solver = Solver(solver),
            Epochs = 12 };
        var straight = Fresh().Convert<float>();
        Trainer.Train(straight, x, t, options);
        var first = Fresh().Convert<float>();
        var five = Trainer.Train(first, x, t, options with { Epochs = 5 });
        var loaded = first.Clone();
        Trainer.Train(loaded, x, t, options with { Resume = five.Checkpoint });
        Assert.Equal(straight.Parameters.SelectMany(p => p.Values), loaded.Parameters.SelectMany(p => p.Values));
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void Checkpoints_every_n_iterations_resume_to_the_same_bits(string solver)
    {
        var (x, t) = Data(60, 17);
        var straight = Fresh();
        Trainer.Train(straight, x, t, Options(solver));
        var network = Fresh();
        var saved = new List<(TrainingCheckpoint Checkpoint, double[] Weights)>();
        Trainer.Train(network, x, t, Options(solver) with { CheckpointEvery = 3, OnCheckpoint = c => saved.Add((c, Weights(network))) });
        Assert.Equal([4, 7, 10], saved.Select(s => s.Checkpoint.Epoch));
        Assert.Equal(Weights(straight), Weights(network)); // saving along the way changes nothing

        var (checkpoint, weights) = saved[1];
        var restored = Fresh();
        int offset = 0;
        foreach (var p in restored.Parameters)
            for (int i = 0; i < p.Length; i++) p.Values[i] = weights[offset++];
        Trainer.Train(restored, x, t, Options(solver) with { Resume = checkpoint });
        Assert.Equal(Weights(straight), Weights(restored));
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void Progress_is_reported_once_per_iteration_and_cancellation_stops_after_the_current_one(string solver)
    {
        var (x, t) = Data(60, 17);
        var calls = new List<(int Epoch, int Batch, int Batches)>();
        var result = Trainer.Train(Fresh(), x, t, Options(solver, 6) with { OnBatch = (e, b, n) => calls.Add((e, b, n)) });
        Assert.Equal(Enumerable.Range(1, 6).Select(e => (e, 1, 1)), calls);
        Assert.Equal(6, result.History.Count);

        using var ctrlC = new CancellationTokenSource();
        // Cancelled during the first iteration: it ends (a token cancelled before the run trains nothing).
        var cancelled = Trainer.Train(Fresh(), x, t, Options(solver, 6) with { OnBatch = (_, _, _) => ctrlC.Cancel() },
            cancellationToken: ctrlC.Token);
        Assert.Equal(StopReason.Cancelled, cancelled.StopReason);
        Assert.Single(cancelled.History);
        Assert.Equal(2, cancelled.Checkpoint!.Epoch);
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void Target_loss_and_diagnostics_apply_to_solvers_too(string solver)
    {
        var (x, t) = Data(60, 17);
        var free = Trainer.Train(Fresh(), x, t, Options(solver, 30));
        double target = free.History[5].Loss; // iterations lower the objective, so the run reaches it at iteration 6
        var stopped = Trainer.Train(Fresh(), x, t, Options(solver, 30) with { TargetLoss = target });
        Assert.Equal(StopReason.TargetLoss, stopped.StopReason);
        Assert.Equal(6, stopped.History.Count);
        // --tolerance just above |ΔRMSE| between the first two iterations: the run stops at the first iteration that changes the RMSE less.
        double change = Math.Abs(free.History[1].Rmse - free.History[0].Rmse);
        var converged = Trainer.Train(Fresh(), x, t, Options(solver, 30) with { Tolerance = change * (1 + 1e-9) });
        Assert.Equal(StopReason.Converged, converged.StopReason);
        Assert.Equal(Enumerable.Range(1, free.History.Count - 1)
            .First(i => Math.Abs(free.History[i].Rmse - free.History[i - 1].Rmse) < change * (1 + 1e-9)) + 1, converged.History.Count);

        var network = Fresh();
        var norms = new List<double>();
        var diagnosed = Trainer.Train(network, x, t, Options(solver, 3) with { CollectDiagnostics = true }, r => norms.Add(r.Layers![1].WeightNorm));
        Assert.All(diagnosed.History, h => Assert.Equal(2, h.Layers!.Count));
        Assert.Equal(Math.Sqrt(network.Layers[1].Weights.Span.ToArray().Sum(w => w * w)), norms[^1], 12);
        Assert.True(diagnosed.History.All(h => h.Layers!.All(l => l.GradientNorm > 0)));
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void An_objective_that_overflows_is_a_divergence_with_the_weights_kept(string solver)
    {
        // Inputs of 1e200 through an identity output: the squared error overflows to infinity at the first weights.
        var x = new Matrix<double>(4, 2);
        var t = new Matrix<double>(4, 1);
        for (int r = 0; r < 4; r++) { x[r, 0] = 1e200 * (r + 1); x[r, 1] = -1e200; t[r, 0] = r; }
        var network = Network<double>.Create(2, [new LayerSpec(1, "identity")], seed: 2);
        var start = Weights(network);
        var result = Trainer.Train(network, x, t,
            new TrainingOptions { Objective = new Objective(new SquaredError()), Solver = Solver(solver), Epochs = 5 });
        Assert.Equal(StopReason.Diverged, result.StopReason);
        Assert.Single(result.History);
        Assert.False(double.IsFinite(result.History[0].Loss));
        Assert.Equal(start, Weights(network));
    }
}

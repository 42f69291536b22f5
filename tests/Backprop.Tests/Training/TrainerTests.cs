using Backprop.Initialization;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Training;

public class TrainerTests
{
    internal static (Matrix<double> Inputs, Matrix<double> Targets) Data(int samples, int inputs, int outputs, int seed, double targetScale = 1)
    {
        var random = new Random(seed);
        var x = new Matrix<double>(samples, inputs);
        var t = new Matrix<double>(samples, outputs);
        for (int s = 0; s < samples; s++)
        {
            double sum = 0;
            for (int i = 0; i < inputs; i++) { x[s, i] = 2 * random.NextDouble() - 1; sum += x[s, i] * (i + 1); }
            for (int k = 0; k < outputs; k++) t[s, k] = targetScale * (0.5 + 0.4 * Math.Sin(sum + k));
        }
        return (x, t);
    }

    private static LayerSpec[] Specs() => [new LayerSpec(4, "tanh"), new LayerSpec(2, "sigmoid")];

    private static void AssertSameBits(Network<double> a, Network<double> b)
    {
        Assert.Equal(a.Parameters.Count, b.Parameters.Count);
        for (int p = 0; p < a.Parameters.Count; p++)
        {
            var x = a.Parameters[p].Values;
            var y = b.Parameters[p].Values;
            Assert.Equal(x.Length, y.Length);
            for (int i = 0; i < x.Length; i++)
                Assert.True(BitConverter.DoubleToInt64Bits(x[i]) == BitConverter.DoubleToInt64Bits(y[i]),
                    $"{a.Parameters[p].Name}[{i}]: {x[i]:R} vs {y[i]:R}");
        }
    }

    private static bool AnyDifferent(Network<double> a, Network<double> b)
    {
        for (int p = 0; p < a.Parameters.Count; p++)
            if (!a.Parameters[p].Values.AsSpan().SequenceEqual(b.Parameters[p].Values)) return true;
        return false;
    }

    [Fact]
    public void Same_seed_creates_identical_networks_and_a_different_seed_does_not()
    {
        var a = Network<double>.Create(3, Specs(), 42);
        var b = Network<double>.Create(3, Specs(), 42);
        var c = Network<double>.Create(3, Specs(), 43);
        AssertSameBits(a, b);
        Assert.True(AnyDifferent(a, c));
        // Weights are drawn, not all zero.
        Assert.Contains(a.Parameters[0].Values, v => v != 0);
    }

    [Fact]
    public void Same_seed_trains_to_bitwise_identical_weights_with_shuffled_mini_batches()
    {
        var (x, t) = Data(10, 3, 2, 1);
        var options = new TrainingOptions { LearningRate = 0.5, Epochs = 20, BatchSize = 3, Shuffle = true, Seed = 7 };

        var a = Network<double>.Create(3, Specs(), 42);
        var b = Network<double>.Create(3, Specs(), 42);
        var resultA = Trainer.Train(a, x, t, options);
        var resultB = Trainer.Train(b, x, t, options);

        AssertSameBits(a, b);
        Assert.Equal(resultA.History.Select(r => r.Loss), resultB.History.Select(r => r.Loss));
        // Training changed the weights.
        Assert.True(AnyDifferent(a, Network<double>.Create(3, Specs(), 42)));
    }

    [Fact]
    public void A_different_shuffle_seed_trains_to_different_weights()
    {
        var (x, t) = Data(10, 3, 2, 1);
        var options = new TrainingOptions { LearningRate = 0.5, Epochs = 20, BatchSize = 3, Shuffle = true, Seed = 7 };
        var a = Network<double>.Create(3, Specs(), 42);
        var b = Network<double>.Create(3, Specs(), 42);
        Trainer.Train(a, x, t, options);
        Trainer.Train(b, x, t, options with { Seed = 8 });
        Assert.True(AnyDifferent(a, b));
    }

    [Fact]
    public void A_different_initialisation_seed_trains_to_different_weights()
    {
        var (x, t) = Data(10, 3, 2, 1);
        var options = new TrainingOptions { LearningRate = 0.5, Epochs = 20, BatchSize = 3, Shuffle = true, Seed = 7 };
        var a = Network<double>.Create(3, Specs(), 42);
        var b = Network<double>.Create(3, Specs(), 41);
        Trainer.Train(a, x, t, options);
        Trainer.Train(b, x, t, options);
        Assert.True(AnyDifferent(a, b));
    }

    [Fact]
    public void One_full_batch_step_updates_all_parameters_from_the_same_forward_pass()
    {
        const double learningRate = 0.9;
        var (x, t) = Data(6, 3, 2, 2);
        var network = Network<double>.Create(3, [new LayerSpec(4, "sigmoid"), new LayerSpec(3, "tanh"), new LayerSpec(2, "sigmoid")], 5);
        foreach (var layer in network.Layers) layer.Bias.Fill(0.1);
        var objective = new Objective(new SquaredError(), Reduction.Mean, 0.2);

        var before = network.Clone();
        objective.Evaluate(before, new Workspace<double>(before, x.Rows), x, t, computeGradient: true);
        var expected = before.Parameters
            .Select(p => p.Values.Zip(p.Gradient, (v, g) => v - learningRate * g).ToArray())
            .ToArray();

        var result = Trainer.Train(network, x, t, new TrainingOptions { Objective = objective, LearningRate = learningRate, Epochs = 1 });

        Assert.Equal(1, result.Epochs);
        for (int p = 0; p < expected.Length; p++)
            for (int i = 0; i < expected[p].Length; i++)
                Assert.True(Math.Abs(expected[p][i] - network.Parameters[p].Values[i]) <= 1e-15 * Math.Max(1, Math.Abs(expected[p][i])),
                    $"{network.Parameters[p].Name}[{i}]: expected {expected[p][i]:R}, got {network.Parameters[p].Values[i]:R}");
    }

    [Fact]
    public void Full_batch_epoch_record_reports_the_loss_at_the_weights_the_epoch_started_with()
    {
        var (x, t) = Data(6, 3, 2, 3);
        var network = Network<double>.Create(3, Specs(), 9);
        var objective = new Objective(new SquaredError(), Reduction.Mean);
        var (loss, rmse) = Trainer.Measure(network, x, t, objective);
        var result = Trainer.Train(network, x, t, new TrainingOptions { Objective = objective, LearningRate = 0.3, Epochs = 3 });
        Assert.Equal(loss, result.History[0].Loss, 14);
        Assert.Equal(rmse, result.History[0].Rmse, 14);
    }

    [Theory]
    [InlineData(Reduction.Mean, 0.0)]
    [InlineData(Reduction.Sum, 0.0)]
    [InlineData(Reduction.Mean, 0.3)]
    public void Measure_of_a_data_set_larger_than_one_pass_equals_the_sum_over_samples(Reduction reduction, double l2)
    {
        // 2,500 samples take three passes of 1,024 rows; the expected values come sample by sample from the network's
        // own weights, written out here: E = r·Σ ½‖y − t‖² + λ/(2m)·Σw², RMSE over every output.
        var (x, t) = Data(2500, 3, 2, 12);
        var network = Network<double>.Create(3, Specs(), 5);
        var (loss, rmse) = Trainer.Measure(network, x, t, new Objective(new SquaredError(), reduction, l2));
        double sum = 0, squares = 0;
        for (int s = 0; s < 2500; s++)
        {
            var hidden = new double[4];
            var w1 = network.Layers[0].Weights;
            for (int j = 0; j < 4; j++)
            {
                double net = network.Layers[0].Bias[j];
                for (int i = 0; i < 3; i++) net += w1[j, i] * x[s, i];
                hidden[j] = Math.Tanh(net);
            }
            var w2 = network.Layers[1].Weights;
            for (int k = 0; k < 2; k++)
            {
                double net = network.Layers[1].Bias[k];
                for (int j = 0; j < 4; j++) net += w2[k, j] * hidden[j];
                double e = 1 / (1 + Math.Exp(-net)) - t[s, k];
                sum += 0.5 * e * e;
                squares += e * e;
            }
        }
        double weights = network.Parameters.Where(p => p.IsWeight).SelectMany(p => p.Values).Sum(w => w * w);
        double expected = (reduction == Reduction.Mean ? sum / 2500 : sum) + l2 / (2 * 2500.0) * weights;
        Assert.Equal(expected, loss, 1e-12 * Math.Max(1, expected));
        Assert.Equal(Math.Sqrt(squares / 5000), rmse, 1e-12);
    }

    [Fact]
    public void Frozen_biases_keep_their_values_while_trainable_ones_change()
    {
        var (x, t) = Data(8, 3, 2, 4);
        var network = Network<double>.Create(3, [new LayerSpec(4, "tanh", BiasMode.Frozen), new LayerSpec(2, "sigmoid", BiasMode.Trainable)], 3);
        network.Layers[0].Bias.Fill(0.25);
        Trainer.Train(network, x, t, new TrainingOptions { LearningRate = 0.5, Epochs = 5 });
        Assert.All(network.Layers[0].Bias.ToArray(), b => Assert.Equal(0.25, b));
        Assert.Contains(network.Layers[1].Bias.ToArray(), b => b != 0);
    }

    [Fact]
    public void Tolerance_stops_training_as_converged_when_the_rmse_change_is_small()
    {
        const double tolerance = 1e-4;
        var (x, t) = Data(12, 3, 2, 5);
        var network = Network<double>.Create(3, Specs(), 11);
        var result = Trainer.Train(network, x, t, new TrainingOptions { LearningRate = 0.5, Epochs = 100_000, Tolerance = tolerance });

        Assert.Equal(StopReason.Converged, result.StopReason);
        Assert.True(result.Epochs < 100_000);
        Assert.Equal(result.Epochs, result.History.Count);
        Assert.True(Math.Abs(result.History[^1].Rmse - result.History[^2].Rmse) < tolerance);
        // It stopped at the first epoch that met the criterion.
        for (int e = 1; e < result.History.Count - 1; e++)
            Assert.True(Math.Abs(result.History[e].Rmse - result.History[e - 1].Rmse) >= tolerance, $"epoch {e + 1} already met the tolerance");
    }

    [Fact]
    public void Target_loss_stops_training_at_the_first_epoch_that_reaches_it()
    {
        var (x, t) = Data(12, 3, 2, 6);
        var network = Network<double>.Create(3, Specs(), 12);
        var probe = network.Clone();
        double initial = Trainer.Measure(probe, x, t, new Objective(new SquaredError())).Loss;
        double target = initial * 0.5;

        var result = Trainer.Train(network, x, t, new TrainingOptions { LearningRate = 0.5, Epochs = 100_000, TargetLoss = target });

        Assert.Equal(StopReason.TargetLoss, result.StopReason);
        Assert.True(result.History[^1].Loss <= target);
        Assert.All(result.History.Take(result.History.Count - 1), r => Assert.True(r.Loss > target));
        Assert.True(result.Epochs > 1);
    }

    [Fact]
    public void Max_epochs_is_the_stop_reason_when_nothing_else_stops_training()
    {
        var (x, t) = Data(5, 3, 2, 7);
        var network = Network<double>.Create(3, Specs(), 1);
        var result = Trainer.Train(network, x, t, new TrainingOptions { LearningRate = 0.1, Epochs = 4 });
        Assert.Equal(StopReason.MaxEpochs, result.StopReason);
        Assert.Equal(4, result.Epochs);
        Assert.Equal([1, 2, 3, 4], result.History.Select(r => r.Epoch));
    }

    [Fact]
    public void Float_and_double_networks_trained_from_the_same_weights_agree()
    {
        var (x, t) = Data(16, 3, 2, 9);
        var network = Network<double>.Create(3, [new LayerSpec(5, "tanh"), new LayerSpec(2, "sigmoid")], 21);
        foreach (var layer in network.Layers) layer.Bias.Fill(0.05);
        var single = network.Convert<float>();
        var options = new TrainingOptions { LearningRate = 0.5, Epochs = 10, BatchSize = 4, Shuffle = true, Seed = 3 };

        var resultDouble = Trainer.Train(network, x, t, options);
        var resultFloat = Trainer.Train(single, x.Convert<float>(), t.Convert<float>(), options);

        Assert.True(AnyDifferent(network, Network<double>.Create(3, [new LayerSpec(5, "tanh"), new LayerSpec(2, "sigmoid")], 21)));
        for (int p = 0; p < network.Parameters.Count; p++)
            for (int i = 0; i < network.Parameters[p].Length; i++)
                Assert.True(Math.Abs(network.Parameters[p].Values[i] - single.Parameters[p].Values[i]) < 1e-4,
                    $"{network.Parameters[p].Name}[{i}]: double {network.Parameters[p].Values[i]:R}, float {single.Parameters[p].Values[i]:R}");
        Assert.Equal(resultDouble.FinalLoss, resultFloat.FinalLoss, 4);
    }

    [Fact]
    public void Cancellation_stops_after_the_current_epoch()
    {
        var (x, t) = Data(5, 3, 2, 10);
        var network = Network<double>.Create(3, Specs(), 1);
        using var cts = new CancellationTokenSource();
        var result = Trainer.Train(network, x, t, new TrainingOptions { Epochs = 100 }, onEpoch: r => { if (r.Epoch == 3) cts.Cancel(); }, cts.Token);
        Assert.Equal(StopReason.Cancelled, result.StopReason);
        Assert.Equal(3, result.Epochs);
    }

    [Fact]
    public void Mismatched_data_shapes_throw_TrainingException()
    {
        var network = Network<double>.Create(3, Specs(), 1);
        var (x, t) = Data(5, 3, 2, 10);
        var (wrongX, _) = Data(5, 4, 2, 10);
        var (_, wrongT) = Data(5, 3, 1, 10);
        var (shortX, _) = Data(4, 3, 2, 10);
        Assert.Throws<Backprop.Diagnostics.TrainingException>(() => Trainer.Train(network, wrongX, t, new TrainingOptions()));
        Assert.Throws<Backprop.Diagnostics.TrainingException>(() => Trainer.Train(network, x, wrongT, new TrainingOptions()));
        Assert.Throws<Backprop.Diagnostics.TrainingException>(() => Trainer.Train(network, shortX, t, new TrainingOptions()));
        Assert.Throws<Backprop.Diagnostics.TrainingException>(() => Trainer.Train(network, x, t, new TrainingOptions { LearningRate = 0 }));
        Assert.Throws<Backprop.Diagnostics.TrainingException>(() => Trainer.Train(network, x, t, new TrainingOptions { BatchSize = 0 }));
    }

    [Fact]
    public void Initializer_draws_are_reproducible_for_the_same_seed_and_stream()
    {
        var a = new Rng(5, Rng.Streams.Initialization);
        var b = new Rng(5, Rng.Streams.Initialization);
        var c = new Rng(5, Rng.Streams.Shuffle);
        var da = Enumerable.Range(0, 8).Select(_ => a.NextDouble()).ToArray();
        var db = Enumerable.Range(0, 8).Select(_ => b.NextDouble()).ToArray();
        var dc = Enumerable.Range(0, 8).Select(_ => c.NextDouble()).ToArray();
        Assert.Equal(da, db);
        Assert.NotEqual(da, dc);
    }
}

using System.Diagnostics;
using Backprop.Data.Idx;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Optimizers;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Benchmarks;

/// <summary>
/// <c>-- phases [hidden,…] [batch] [cold]</c>: trains on MNIST in process as <c>compare.py</c> does (float, Adam, ReLU,
/// softmax and cross-entropy) and prints the microseconds per batch of each phase of a training step, then the samples/s
/// of <see cref="Trainer.Train{T}"/> itself on the same data, with and without a held-out set. With <c>cold</c> it
/// instead times three one-epoch runs of a fresh process: the first pays for compiling the training code.
/// </summary>
internal static class PhaseProfile
{
    public static void Run(string[] args)
    {
        int[] hidden = args.Length > 0 ? args[0].Split(',').Select(int.Parse).ToArray() : [128];
        int batch = args.Length > 1 ? int.Parse(args[1]) : 64;
        string data = Environment.GetEnvironmentVariable("BACKPROP_DATA") ?? Path.Combine(FindRoot(), "..", "shared", "data");
        var (images, labels) = MnistFile.Read(Path.Combine(data, "mnist-t10k", "t10k-images-idx3-ubyte.gz"));
        const int train = 8000;
        var x = new Matrix<float>(train, images.Columns);
        var y = new Matrix<float>(train, 10);
        for (int r = 0; r < train; r++)
        {
            for (int c = 0; c < images.Columns; c++) x[r, c] = (float)images[r, c];
            y[r, labels[r]] = 1;
        }
        var specs = hidden.Select(h => new LayerSpec(h, "relu")).Append(new LayerSpec(10, "softmax")).ToList();
        var objective = new Objective(new CrossEntropy(), Reduction.Mean);

        if (args.Length > 2 && args[2] == "cold")
        {
            for (int run = 0; run < 3; run++)
            {
                var cold = Network<float>.Create(x.Columns, specs, seed: 1);
                var r = Trainer.Train(cold, x, y, new TrainingOptions { Objective = objective, LearningRate = 0.001, Epochs = 1, BatchSize = batch, Optimizer = new Adam() });
                Console.WriteLine($"1 epoch, run {run + 1}: {r.Seconds * 1000:F1} ms");
            }
            return;
        }
        var network = Network<float>.Create(x.Columns, specs, seed: 1);
        var workspace = new Workspace<float>(network, batch);
        var bx = new Matrix<float>(batch, x.Columns);
        var by = new Matrix<float>(batch, 10);
        var adam = new Adam();
        var order = Enumerable.Range(0, train).ToArray();
        string[] names = ["gather rows", "forward", "loss + δ", "backward", "adam"];
        // Each phase's time is its smallest per-epoch mean over the epochs after the first (on a shared machine the
        // smallest is the one least disturbed by other work).
        var best = Enumerable.Repeat(double.PositiveInfinity, names.Length).ToArray();
        var ticks = new long[names.Length];
        for (int epoch = 0; epoch < 8; epoch++)
        {
            Array.Clear(ticks);
            int steps = 0;
            Random.Shared.Shuffle(order);
            for (int start = 0; start + batch <= train; start += batch)
            {
                long t0 = Stopwatch.GetTimestamp();
                x.GatherRows(order.AsSpan(start, batch), bx);
                y.GatherRows(order.AsSpan(start, batch), by);
                long t1 = Stopwatch.GetTimestamp();
                workspace.Forward(bx);
                long t2 = Stopwatch.GetTimestamp();
                int last = network.Layers.Count - 1;
                var delta = workspace.Delta(last);
                delta.SetRows(batch);
                objective.Loss.Sum<float>(workspace.Net(last).Span, workspace.Output(last).Span, by.Span, 10, network.Layers[last].Activation);
                objective.Loss.OutputDelta<float>(workspace.Net(last).Span, workspace.Output(last).Span, by.Span, delta.Span, 10, network.Layers[last].Activation);
                System.Numerics.Tensors.TensorPrimitives.Multiply(delta.Span, 1f / batch, delta.Span);
                long t3 = Stopwatch.GetTimestamp();
                workspace.Backward(accumulate: false);
                long t4 = Stopwatch.GetTimestamp();
                adam.Step(network.Parameters, 0.001);
                long t5 = Stopwatch.GetTimestamp();
                ticks[0] += t1 - t0; ticks[1] += t2 - t1; ticks[2] += t3 - t2; ticks[3] += t4 - t3; ticks[4] += t5 - t4;
                steps++;
            }
            if (epoch > 0)
                for (int i = 0; i < names.Length; i++) best[i] = Math.Min(best[i], ticks[i] * 1e6 / Stopwatch.Frequency / steps);
        }
        double total = best.Sum();
        Console.WriteLine($"{x.Columns}-{string.Join("-", hidden)}-10, batch {batch}, {Environment.ProcessorCount} cores: {total:F1} µs per batch = {batch / total * 1e6:N0} samples/s (phases only)");
        for (int i = 0; i < names.Length; i++)
        {
            double us = best[i];
            Console.WriteLine($"  {names[i],-12} {us,8:F1} µs  {100 * us / total,5:F1}%");
        }

        var vx = new Matrix<float>(images.Rows - train, images.Columns);
        var vy = new Matrix<float>(images.Rows - train, 10);
        for (int r = train; r < images.Rows; r++)
        {
            for (int c = 0; c < images.Columns; c++) vx[r - train, c] = (float)images[r, c];
            vy[r - train, labels[r]] = 1;
        }
        for (int run = 0; run < 6; run++)
        {
            var fresh = Network<float>.Create(x.Columns, specs, seed: 1);
            bool validate = run % 2 == 1;
            var result = Trainer.Train(fresh, x, y, new TrainingOptions
            {
                Objective = objective, LearningRate = 0.001, Epochs = 10, BatchSize = batch, Shuffle = true, Optimizer = new Adam(),
            }, validation: validate ? (vx, vy) : null);
            Console.WriteLine($"Trainer.Train, 10 epochs{(validate ? " with validation" : "")}: {result.Seconds:F3} s = {train * 10 / result.Seconds:N0} samples/s");
        }
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Backprop.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("Backprop.sln not found above " + AppContext.BaseDirectory);
    }
}

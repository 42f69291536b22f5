using System.Numerics;
using Backprop.Activations;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Optimizers;
using Backprop.Tensors;
using Backprop.Training;
using Backprop.Training.Solvers;

namespace Backprop.Cli.Commands;

/// <summary>
/// Compiles the training code on a spare core while the data loads. The CLI runs without tiered compilation, so the
/// first call of each method of the training loop waits for the optimising compiler: about a tenth of a second in
/// all, as much as three epochs of a small MNIST network. A throw-away run of a few batches of random numbers, through
/// the same precision, hidden activations, optimiser and every output layer and loss the data could call for, moves
/// that wait off the training's clock and usually out of the command's wall time too.
/// </summary>
internal static class TrainingWarmup
{
    /// <summary>What this process has warmed already: compiled code stays compiled, so a second run in-process needs none.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Warmed = new();

    /// <summary>The warm-up of the run <paramref name="options"/> describe, in its precision.</summary>
    public static Task? Start(Runs.MlpOptions options) => options.Precision == Runs.Precision.Float
        ? Start<float>(options.Activations, options.Optimizer, options.BatchSize)
        : Start<double>(options.Activations, options.Optimizer, options.BatchSize);

    /// <summary>
    /// Starts the warm-up on the thread pool; null when there is nothing worth warming (one core, a full-batch solver,
    /// or code this process has already compiled) or no memory to spare for it (a heap under <see cref="MinimumHeap"/>).
    /// The task never fails: a warm-up that throws, even for want of memory, only leaves some code to compile later.
    /// </summary>
    public static Task? Start<T>(IReadOnlyList<string> hiddenActivations, string optimizer, int? batchSize) where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        if (Environment.ProcessorCount < 2 || FullBatchSolver.Find(optimizer) is not null) return null;
        if (GC.GetGCMemoryInfo().TotalAvailableMemoryBytes < MinimumHeap) return null;
        var known = hiddenActivations.Where(a => ActivationRegistry.Contains(a) && ActivationRegistry.Get(a).IsDifferentiable && a != "softmax")
            .DefaultIfEmpty("relu").Distinct().Order(StringComparer.Ordinal).ToArray();
        if (!IsOptimizer(optimizer)) return null;
        if (!Warmed.TryAdd($"{typeof(T).Name} {optimizer} {string.Join(",", known)}", true)) return null;
        int batch = Math.Clamp(batchSize ?? 64, 1, 2 * Training.Steps.BatchChunks.MinRows);
        return Task.Run(() =>
        {
            try { Run<T>(known, optimizer, batch); }
            catch (Exception) { /* compiling ahead is an optimisation: the run itself compiles what is left */ }
        });
    }

    /// <summary>
    /// <paramref name="warmup"/> followed by compiling <paramref name="callbacks"/> (the command's own, which the training calls
    /// at its first batch and epoch) on the same spare core; null when there is no warm-up. Never fails.
    /// </summary>
    public static Task? Then(Task? warmup, params Delegate[] callbacks) => warmup?.ContinueWith(_ =>
    {
        foreach (var callback in callbacks)
        {
            try { System.Runtime.CompilerServices.RuntimeHelpers.PrepareMethod(callback.Method.MethodHandle); }
            catch (Exception) { /* as for the warm-up: what is not compiled here is compiled at its first call */ }
        }
    }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);

    /// <summary>
    /// The least memory the process may use (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>: the machine's, or a
    /// container's or <c>DOTNET_GCHeapHardLimit</c>'s limit) for a warm-up: its throw-away network and batches take about
    /// ten megabytes, which a run under a tight limit needs for its own data.
    /// </summary>
    internal const long MinimumHeap = 1L << 30;

    private static bool IsOptimizer(string name)
    {
        try { Optimizer.Create(name); return true; }
        catch (ArgumentException) { return false; }
    }

    private static void Run<T>(string[] hidden, string optimizer, int batch) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // 560 inputs and 128 units take the paths a real table or image set takes and a smaller shape would not: at batch 64
        // the gather and the optimiser's step split across threads (64 × 560 and 560 × 128 values are past their
        // thresholds), the forward product runs in blocks of six rows (560 is a multiple of 16), and δᵀ·X has 48 columns
        // past its last 64-wide strip (the narrow kernel). A batch of 256 or more also takes the data-parallel step.
        const int inputs = 560, units = 128, outputs = 3;
        var rng = new Initialization.Rng(1, 0);
        int rows = 2 * batch;
        var x = new Matrix<T>(rows, inputs);
        for (int i = 0; i < x.Span.Length; i++) x.Span[i] = T.CreateChecked(rng.NextDouble());
        var oneHot = new Matrix<T>(rows, outputs);
        for (int r = 0; r < rows; r++) oneHot[r, r % outputs] = T.One;
        foreach (var (output, loss) in new (string, Loss)[] { ("softmax", new CrossEntropy()), ("sigmoid", new CrossEntropy()),
            ("identity", new SquaredError()) })
        {
            var specs = hidden.Select(h => new LayerSpec(units, h)).Append(new LayerSpec(outputs, output)).ToList();
            var network = Network<T>.Create(inputs, specs, seed: 1);
            Trainer.Train(network, x, oneHot, new TrainingOptions
            {
                Objective = new Objective(loss), Optimizer = Optimizer.Create(optimizer), LearningRate = 1e-3, Epochs = 1, BatchSize = batch,
            }, validation: (x, oneHot));
        }
    }
}

using System.Diagnostics;
using System.Numerics.Tensors;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Optimizers;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Benchmarks;

/// <summary>
/// <c>-- steps [widths] [batch] [epochs] [rows]</c>, e.g. <c>-- steps 54,256,128,7 256</c> (the tabular benchmark's network,
/// the default): a training step of float, Adam, ReLU hidden layers, softmax and cross-entropy, on random rows held in
/// memory (180,000 by default, as many as the tabular benchmark trains on), taken apart. Each piece the trainer fuses or
/// hides inside a product is run and timed on its own, in the trainer's order and on its buffers: the batch gather, the
/// forward products X·Wᵀ, bias + activation, the loss and the summed squared error, the loss gradient δ of the output, the
/// gradient products δᵀ·X, the bias gradients Σδ, the error products δ·W, the activation derivatives f′ and Adam's update.
/// Then the step as the trainer runs it (<see cref="Objective.Evaluate{T}(Network{T}, Workspace{T}, Matrix{T}, Matrix{T}, Matrix{T}, bool)"/>
/// and <see cref="Optimizer.Step{T}"/>), and <see cref="Trainer.Train{T}"/>'s own loop. Every figure is per batch: the
/// smallest and the median of the per-epoch means after a first, warming, epoch; beside them the calling thread's CPU time
/// (clock_gettime's thread clock, about half a microsecond a reading), which on a loaded machine leaves out the time the
/// thread waited for a core: with <c>BACKPROP_THREADS=1</c> that is all the work, the figure to compare two builds by when
/// other work shares the machine.
/// </summary>
internal static class StepProfile
{
    private static readonly string[] Names =
    [
        "gather the batch", "forward products X·Wᵀ", "bias + activation", "loss + squared error", "loss gradient δ",
        "gradient products δᵀ·X", "bias gradients Σδ", "error products δ·W", "activation derivatives", "Adam update",
    ];

    public static void Run(string[] args)
    {
        int[] widths = args.Length > 0 ? args[0].Split(',').Select(int.Parse).ToArray() : [54, 256, 128, 7];
        int batch = args.Length > 1 ? int.Parse(args[1]) : 256;
        int epochs = args.Length > 2 ? int.Parse(args[2]) : 4;
        int rows = args.Length > 3 ? int.Parse(args[3]) : 180_000;
        int inputs = widths[0], classes = widths[^1];
        var rng = new Random(1);
        var x = new Matrix<float>(rows, inputs);
        var y = new Matrix<float>(rows, classes);
        for (int i = 0; i < x.Span.Length; i++) x.Span[i] = (float)(rng.NextDouble() * 2 - 1);
        for (int r = 0; r < rows; r++) y[r, rng.Next(classes)] = 1;
        var specs = widths[1..^1].Select(h => new LayerSpec(h, "relu")).Append(new LayerSpec(classes, "softmax")).ToList();
        var objective = new Objective(new CrossEntropy(), Reduction.Mean);
        long products = 0, errors = 0;
        for (int l = 1; l < widths.Length; l++)
        {
            products += 2L * batch * widths[l - 1] * widths[l];
            if (l > 1) errors += 2L * batch * widths[l - 1] * widths[l];
        }
        Console.WriteLine($"{string.Join("-", widths)}, batch {batch}, {rows:N0} rows, {epochs} epochs, {Environment.ProcessorCount} cores, " +
            $"512-bit: {Gemm.Use512}, load average {LoadAverage()}");

        if (args.Length > 4 && args[4] == "loop")
        {
            Loop(x, y, specs, objective, batch, epochs);
            return;
        }
        var (pieces, batches, byLayer, cpu, byLayerCpu) = Pieces(x, y, specs, objective, batch, epochs);
        var table = pieces.Select(t => PerBatch(t, batches)).ToArray();
        var cpuTable = cpu.Select(t => PerBatch(t, batches, 1e-3)).ToArray();
        double total = table.Sum(t => t.Best);
        Console.WriteLine($"{"phase",-26} {"best µs",9} {"median",9} {"share",7} {"CPU µs",9} {"median",9}");
        for (int p = 0; p < Names.Length; p++)
        {
            long flops = p switch { 1 or 5 => products, 7 => errors, _ => 0 };
            string rate = flops > 0 ? $"  {flops / table[p].Best / 1e3,6:F1} GFLOP/s, {flops / cpuTable[p].Best / 1e3,6:F1} of CPU" : "";
            Console.WriteLine($"{Names[p],-26} {table[p].Best,9:F1} {table[p].Median,9:F1} {100 * table[p].Best / total,6:F1}% " +
                $"{cpuTable[p].Best,9:F1} {cpuTable[p].Median,9:F1}{rate}");
            int kind = p switch { 1 => 0, 5 => 1, 7 => 2, _ => -1 };
            for (int l = kind < 0 ? widths.Length : kind == 2 ? 2 : 1; l < widths.Length; l++)
            {
                var one = PerBatch(Enumerable.Range(0, epochs + 1).Select(e => byLayer[kind, l - 1, e]).ToArray(), batches);
                var oneCpu = PerBatch(Enumerable.Range(0, epochs + 1).Select(e => byLayerCpu[kind, l - 1, e]).ToArray(), batches, 1e-3);
                long f = 2L * batch * widths[l - 1] * widths[l];
                Console.WriteLine($"  {$"layer {l}, {batch}×{widths[l - 1]}→{widths[l]}",-24} {one.Best,9:F1} {one.Median,9:F1} " +
                    $"{100 * one.Best / total,6:F1}% {oneCpu.Best,9:F1} {oneCpu.Median,9:F1}  {f / one.Best / 1e3,6:F1} GFLOP/s, " +
                    $"{f / oneCpu.Best / 1e3,6:F1} of CPU");
            }
        }
        Console.WriteLine($"{"sum of the pieces",-26} {total,9:F1} {table.Sum(t => t.Median),9:F1} {"",7} {cpuTable.Sum(t => t.Best),9:F1} " +
            $"{cpuTable.Sum(t => t.Median),9:F1}   {batch / total * 1e6,10:N0} samples/s");

        var (wholeTicks, wholeCpu) = Whole(x, y, specs, objective, batch, epochs);
        var whole = PerBatch(wholeTicks, batches);
        var wholeCpuTable = PerBatch(wholeCpu, batches, 1e-3);
        Console.WriteLine($"{"the step as trained",-26} {whole.Best,9:F1} {whole.Median,9:F1} {"",7} {wholeCpuTable.Best,9:F1} " +
            $"{wholeCpuTable.Median,9:F1}   {batch / whole.Best * 1e6,10:N0} samples/s (fused: bias + activation in the forward product)");
        Loop(x, y, specs, objective, batch, epochs);
        double all = 2 * products + errors;
        Console.WriteLine($"products: {all / 1e6:F2} MFLOP a batch; at the forward products' {products / table[1].Best / 1e3:F1} GFLOP/s they take " +
            $"{all / (products / table[1].Best):F1} µs, {100 * all / (products / table[1].Best) / whole.Best:F0}% of the step as trained; " +
            $"load average {LoadAverage()}");
    }

    /// <summary>
    /// The trainer's own loop, as the CLI runs it: <paramref name="epochs"/> epochs with a held-out tenth measured after each, then
    /// the final measurement over all the training rows; and that measurement alone, to take the loop's extra cost apart.
    /// </summary>
    private static void Loop(Matrix<float> x, Matrix<float> y, List<LayerSpec> specs, Objective objective, int batch, int epochs)
    {
        int rows = x.Rows, inputs = x.Columns, classes = y.Columns;
        int held = rows / 10;
        var trainRows = new Matrix<float>(rows - held, inputs);
        var trainTargets = new Matrix<float>(rows - held, classes);
        x.CopyRows(0, rows - held, trainRows);
        y.CopyRows(0, rows - held, trainTargets);
        var heldRows = new Matrix<float>(held, inputs);
        var heldTargets = new Matrix<float>(held, classes);
        x.CopyRows(rows - held, held, heldRows);
        y.CopyRows(rows - held, held, heldTargets);
        int trainBatches = (rows - held + batch - 1) / batch;
        var loops = new List<(double Wall, double Cpu, double Measure)>();
        var joins = new List<(double Joins, double WaitMicroseconds)>();
        for (int run = 0; run < 3; run++)
        {
            WorkerPool.MeasureJoins = true;
            long joinsBefore = WorkerPool.Shared.Joins, waitBefore = WorkerPool.Shared.JoinWaitTicks;
            var network = Network<float>.Create(inputs, specs, seed: 1);
            long cpuStart = ThreadCpu.Nanoseconds();
            var result = Trainer.Train(network, trainRows, trainTargets, new TrainingOptions
            {
                Objective = objective, LearningRate = 0.001, Epochs = epochs, BatchSize = batch, Shuffle = true, Optimizer = new Adam(),
            }, validation: (heldRows, heldTargets));
            double cpuTrain = (ThreadCpu.Nanoseconds() - cpuStart) / 1e3;
            WorkerPool.MeasureJoins = false;
            joins.Add(((WorkerPool.Shared.Joins - joinsBefore) / (double)(epochs * trainBatches),
                (WorkerPool.Shared.JoinWaitTicks - waitBefore) * 1e6 / Stopwatch.Frequency / (epochs * trainBatches)));
            long measureStart = ThreadCpu.Nanoseconds();
            Trainer.Measure(network, trainRows, trainTargets, objective);
            double measure = (ThreadCpu.Nanoseconds() - measureStart) / 1e3;
            loops.Add((result.Seconds * 1e6 / (epochs * trainBatches), cpuTrain / (epochs * trainBatches), measure / (epochs * trainBatches)));
        }
        var byCpu = loops.OrderBy(l => l.Cpu).ToArray();
        Console.WriteLine($"{$"Trainer.Train, {epochs} epochs",-26} {loops.Min(l => l.Wall),9:F1} {loops.Select(l => l.Wall).Order().ElementAt(1),9:F1} " +
            $"{"",7} {byCpu[0].Cpu,9:F1} {byCpu[1].Cpu,9:F1}   per batch, with validation on a tenth every epoch and the final measure " +
            "(best and median of 3 runs)");
        Console.WriteLine($"{"  joins, caller's wait",-26} {joins.Min(j => j.Joins),9:F1} {"",9} {"",7} {joins.Min(j => j.WaitMicroseconds),9:F1} " +
            $"{joins.Select(j => j.WaitMicroseconds).Order().ElementAt(1),9:F1}   hand-overs to the workers and wall µs the calling thread " +
            $"waited at their joins, per training batch (chunk rows {Training.Steps.BatchChunks.MinRows})");
        Console.WriteLine($"{"  of which final measure",-26} {"",9} {"",9} {"",7} {loops.Min(l => l.Measure),9:F1} " +
            $"{loops.Select(l => l.Measure).Order().ElementAt(1),9:F1}   CPU µs per training batch, Trainer.Measure over the training rows");
    }

    /// <summary>Ticks of each piece, per epoch, and the batches of an epoch.</summary>
    private static (long[][] Ticks, int Batches, long[,,] Layers, long[][] Cpu, long[,,] LayersCpu) Pieces(Matrix<float> x, Matrix<float> y, List<LayerSpec> specs, Objective objective, int batch,
        int epochs)
    {
        var network = Network<float>.Create(x.Columns, specs, seed: 1);
        var layers = network.Layers;
        var workspace = new Workspace<float>(network, batch);
        var error = layers.Select(l => new Matrix<float>(batch, l.Inputs)).ToArray();
        var bx = new Matrix<float>(batch, x.Columns);
        var by = new Matrix<float>(batch, y.Columns);
        var adam = new Adam();
        var order = Enumerable.Range(0, x.Rows).ToArray();
        var shuffle = new Random(2);
        var ticks = new long[Names.Length][];
        for (int p = 0; p < ticks.Length; p++) ticks[p] = new long[epochs + 1];
        int batches = x.Rows / batch, last = layers.Count - 1;
        var byLayer = new long[3, layers.Count, epochs + 1]; // forward, gradient and error products of each layer
        var byLayerCpu = new long[3, layers.Count, epochs + 1];
        var cpu = new long[Names.Length][];
        for (int p = 0; p < cpu.Length; p++) cpu[p] = new long[epochs + 1];
        for (int epoch = 0; epoch <= epochs; epoch++)
        {
            shuffle.Shuffle(order);
            for (int b = 0; b < batches; b++)
            {
                long t = Stopwatch.GetTimestamp(), c = ThreadCpu.Nanoseconds();
                void Mark(int phase, int layer = -1)
                {
                    long now = Stopwatch.GetTimestamp(), cpuNow = ThreadCpu.Nanoseconds();
                    ticks[phase][epoch] += now - t;
                    cpu[phase][epoch] += cpuNow - c;
                    if (layer >= 0)
                    {
                        byLayer[phase == 1 ? 0 : phase == 5 ? 1 : 2, layer, epoch] += now - t;
                        byLayerCpu[phase == 1 ? 0 : phase == 5 ? 1 : 2, layer, epoch] += cpuNow - c;
                    }
                    (t, c) = (Stopwatch.GetTimestamp(), ThreadCpu.Nanoseconds());
                }
                x.GatherRows(order.AsSpan(b * batch, batch), bx);
                y.GatherRows(order.AsSpan(b * batch, batch), by);
                Mark(0);
                var input = bx;
                for (int l = 0; l <= last; l++)
                {
                    var layer = layers[l];
                    Matrix<float> net = workspace.Net(l), output = workspace.Output(l);
                    net.SetRows(batch);
                    output.SetRows(batch);
                    Gemm.MultiplyTransposedB<float>(input.Span, layer.Weights.Span, net.Span, batch, layer.Units, layer.Inputs);
                    Mark(1, l);
                    Gemm.AddRowToEachRow<float>(layer.Bias, net.Span, batch);
                    layer.Activation.Forward<float>(net.Span, output.Span, layer.Units);
                    Mark(2);
                    input = output;
                }
                var top = layers[last];
                objective.Loss.Sum<float>(workspace.Net(last).Span, workspace.Output(last).Span, by.Span, top.Units, top.Activation);
                Trainer.SumOfSquaredErrors(workspace.Output(last), by);
                Mark(3);
                var delta = workspace.Delta(last);
                delta.SetRows(batch);
                objective.Loss.OutputDelta<float>(workspace.Net(last).Span, workspace.Output(last).Span, by.Span, delta.Span, top.Units, top.Activation);
                TensorPrimitives.Multiply(delta.Span, 1f / batch, delta.Span);
                Mark(4);
                for (int l = last; l >= 0; l--)
                {
                    var layer = layers[l];
                    var below = l == 0 ? bx : workspace.Output(l - 1);
                    delta = workspace.Delta(l);
                    Gemm.MultiplyTransposedA<float>(delta.Span, below.Span, layer.WeightParameter.Gradient, batch, layer.Units, layer.Inputs);
                    Mark(5, l);
                    Array.Clear(layer.BiasParameter!.Gradient);
                    Gemm.AddColumnSums<float>(delta.Span, layer.BiasParameter.Gradient, batch);
                    Mark(6);
                    if (l == 0) break;
                    error[l].SetRows(batch);
                    Gemm.Multiply<float>(delta.Span, layer.Weights.Span, error[l].Span, batch, layer.Inputs, layer.Units);
                    Mark(7, l);
                    var down = workspace.Delta(l - 1);
                    down.SetRows(batch);
                    layers[l - 1].Activation.Backward<float>(workspace.Net(l - 1).Span, below.Span, error[l].Span, down.Span, layers[l - 1].Units);
                    Mark(8);
                }
                adam.Step(network.Parameters, 0.001);
                Mark(9);
            }
        }
        return (ticks, batches, byLayer, cpu, byLayerCpu);
    }

    /// <summary>Ticks per epoch of the step as the trainer runs it: gather, evaluate with the gradient, squared error, Adam.</summary>
    private static (long[] Ticks, long[] Cpu) Whole(Matrix<float> x, Matrix<float> y, List<LayerSpec> specs, Objective objective, int batch,
        int epochs)
    {
        var network = Network<float>.Create(x.Columns, specs, seed: 1);
        var workspace = new Workspace<float>(network, batch);
        var bx = new Matrix<float>(batch, x.Columns);
        var by = new Matrix<float>(batch, y.Columns);
        var adam = new Adam();
        var order = Enumerable.Range(0, x.Rows).ToArray();
        var shuffle = new Random(2);
        var ticks = new long[epochs + 1];
        var cpu = new long[epochs + 1];
        int batches = x.Rows / batch;
        for (int epoch = 0; epoch <= epochs; epoch++)
        {
            shuffle.Shuffle(order);
            long start = Stopwatch.GetTimestamp(), cpuStart = ThreadCpu.Nanoseconds();
            for (int b = 0; b < batches; b++)
            {
                x.GatherRows(order.AsSpan(b * batch, batch), bx);
                y.GatherRows(order.AsSpan(b * batch, batch), by);
                objective.Evaluate(network, workspace, bx, by, null, computeGradient: true);
                Trainer.SumOfSquaredErrors(workspace.Output(network.Layers.Count - 1), by);
                adam.Step(network.Parameters, 0.001);
            }
            ticks[epoch] = Stopwatch.GetTimestamp() - start;
            cpu[epoch] = ThreadCpu.Nanoseconds() - cpuStart;
        }
        return (ticks, cpu);
    }

    /// <summary>Microseconds per batch of one piece: the smallest and the median of its per-epoch means, the first epoch left out.</summary>
    private static (double Best, double Median) PerBatch(long[] ticks, int batches, double microsecondsPerTick = 0)
    {
        double scale = microsecondsPerTick > 0 ? microsecondsPerTick : 1e6 / Stopwatch.Frequency;
        var means = ticks.Skip(1).Select(t => t * scale / batches).Order().ToArray();
        return (means[0], means.Length % 2 == 1 ? means[means.Length / 2] : (means[means.Length / 2 - 1] + means[means.Length / 2]) / 2);
    }

    private static string LoadAverage()
    {
        try { return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "unknown"; }
    }

    /// <summary>The calling thread's CPU time (Linux's CLOCK_THREAD_CPUTIME_ID), in nanoseconds; 0 where it cannot be read.</summary>
    internal static class ThreadCpu
    {
        [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
        private struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
        private static extern int ClockGetTime(int clock, out TimeSpec time);

        private static readonly bool Available = OperatingSystem.IsLinux();

        public static long Nanoseconds()
        {
            if (!Available || ClockGetTime(3, out var time) != 0) return 0;
            return time.Seconds * 1_000_000_000 + time.Nanoseconds;
        }
    }
}

using System.Diagnostics;
using BenchmarkDotNet.Running;
using Backprop.Tensors;

namespace Backprop.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/Backprop.Benchmarks</c> runs the BenchmarkDotNet suite;
/// <c>-- quick [shape…] [forward]</c> prints GFLOP/s of each kernel (only the forward one with <c>forward</c>) from a plain
/// timing loop in a few seconds; <c>-- phases</c> and <c>-- steps</c> time the parts of a training step; <c>-- packing</c>
/// compares the product kernels with and without packed blocks and <c>-- packbits</c> checks that packing keeps every bit.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        // BENCH_PACK=0 runs the product kernels without packing their blocks, to compare two runs of one build.
        if (Environment.GetEnvironmentVariable("BENCH_PACK") == "0") Gemm512.Pack = false;
        // BENCH_CHUNK_ROWS sets the fewest rows of a data-parallel chunk (a large number turns the data-parallel step off).
        if (int.TryParse(Environment.GetEnvironmentVariable("BENCH_CHUNK_ROWS"), out int chunkRows)) Training.Steps.BatchChunks.MinRows = chunkRows;
        if (args is ["quick", ..]) { Quick(args); return; }
        if (args is ["phases", .. var rest]) { PhaseProfile.Run(rest); return; }
        if (args is ["steps", .. var shape]) { StepProfile.Run(shape); return; }
        if (args is ["packing", .. var sizes]) { PackComparison.Run(sizes); return; }
        if (args is ["packbits"]) { PackBits.Run(); return; }
        if (args is ["csv", .. var files]) { CsvParsers.Run(files); return; }
        if (args is ["narrow", .. var network]) { NarrowProducts.Run(network); return; }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    private static void Quick(string[] args)
    {
        Console.WriteLine($"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture}, 512-bit path: {Gemm512.Supported}");
        bool forwardOnly = args.Contains("forward");
        var shapes = args[1..].Where(a => a != "forward").ToArray();
        foreach (var shape in shapes.Length > 0 ? shapes : ["16x32x64", "64x128x784", "256x512x512", "256x512x784", "1024x1024x1024"])
        {
            var bench = new KernelBenchmarks { Shape = shape };
            bench.Setup();
            var parts = shape.Split('x').Select(long.Parse).ToArray();
            double flops = 2.0 * parts[0] * parts[1] * parts[2];
            foreach (var (name, run) in new (string, Action)[]
            {
                ("forward X·Wᵀ", bench.Forward), ("gradient δᵀ·X", bench.WeightGradient), ("error δ·W", bench.BackwardError),
                ("reference fwd", bench.ForwardReference), ("reference grad", bench.WeightGradientReference), ("reference err", bench.BackwardErrorReference),
            }.Take(forwardOnly ? 1 : 6))
            {
                run();
                int reps = Math.Max(3, (int)(4e8 / flops));
                // The best of five rounds: on a shared machine the fastest round is the one least disturbed.
                double seconds = double.PositiveInfinity;
                for (int round = 0; round < 5; round++)
                {
                    var clock = Stopwatch.StartNew();
                    for (int r = 0; r < reps; r++) run();
                    seconds = Math.Min(seconds, clock.Elapsed.TotalSeconds / reps);
                }
                Console.WriteLine($"{shape,-16} {name,-16} {flops / seconds / 1e9,8:F1} GFLOP/s");
            }
        }
    }
}

using System.Diagnostics;
using System.Runtime.InteropServices;
using Backprop.Tensors;

namespace Backprop.Benchmarks;

/// <summary>
/// <c>-- packing [shape…]</c>: the gradient (δᵀ·X) and error (δ·W) kernels with their blocks packed and without, and with
/// several packing depths (the forward kernel, which does not pack, beside them as a yardstick of the noise), taking turns
/// in one process so that a loaded machine slows every variant alike. Each figure is
/// the best of the rounds, by this thread's CPU time (run with <c>BACKPROP_THREADS=1</c> to measure one core) and by the clock.
/// </summary>
internal static class PackComparison
{
    public static void Run(string[] shapes)
    {
        var variants = new (string Name, bool Pack, int Depth)[] { ("plain", false, 128), ("pack 64", true, 64), ("pack 128", true, 128) };
        foreach (var shape in shapes.Length > 0 ? shapes : ["64x10x128", "64x128x784", "256x512x512", "256x512x784", "1024x1024x1024"])
        {
            var bench = new KernelBenchmarks { Shape = shape };
            bench.Setup();
            var parts = shape.Split('x').Select(long.Parse).ToArray();
            double flops = 2.0 * parts[0] * parts[1] * parts[2];
            int reps = Math.Max(3, (int)(4e9 / flops));
            var kernels = new (string, Action)[]
                { ("forward X·Wᵀ", bench.Forward), ("gradient δᵀ·X", bench.WeightGradient), ("error δ·W", bench.BackwardError) };
            foreach (var (kernel, run) in kernels)
            {
                var cpu = new double[variants.Length];
                var wall = new double[variants.Length];
                Array.Fill(cpu, double.PositiveInfinity);
                Array.Fill(wall, double.PositiveInfinity);
                for (int round = 0; round < 7; round++)
                    for (int v = 0; v < variants.Length; v++)
                    {
                        (Gemm512.Pack, Gemm512.PackDepth) = (variants[v].Pack, variants[v].Depth);
                        run();
                        double cpu0 = ThreadCpuSeconds();
                        var clock = Stopwatch.StartNew();
                        for (int r = 0; r < reps; r++) run();
                        wall[v] = Math.Min(wall[v], clock.Elapsed.TotalSeconds / reps);
                        cpu[v] = Math.Min(cpu[v], (ThreadCpuSeconds() - cpu0) / reps);
                    }
                for (int v = 0; v < variants.Length; v++)
                    Console.WriteLine($"{shape,-16} {kernel,-14} {variants[v].Name,-9} {flops / cpu[v] / 1e9,7:F1} GFLOP/s of CPU " +
                        $"{flops / wall[v] / 1e9,7:F1} by the clock");
            }
            (Gemm512.Pack, Gemm512.PackDepth) = (true, 128);
        }
    }

    /// <summary>The CPU time of the calling thread (Linux: getrusage with RUSAGE_THREAD), in microseconds' resolution.</summary>
    private static double ThreadCpuSeconds()
    {
        var usage = new long[18];
        if (GetRusage(1, usage) != 0) return Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
        return usage[0] + usage[1] / 1e6 + usage[2] + usage[3] / 1e6;
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRusage(int who, long[] usage);
}

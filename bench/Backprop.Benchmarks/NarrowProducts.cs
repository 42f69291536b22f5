using Backprop.Tensors;

namespace Backprop.Benchmarks;

/// <summary>
/// <c>-- narrow [widths] [batch] [rounds]</c>, e.g. <c>-- narrow 54,256,128,7 256</c>: the three products of every layer of a
/// network at one batch (X·Wᵀ, δᵀ·X and δ·W), each called back to back on random numbers, timed in the calling thread's CPU
/// time (run with <c>BACKPROP_THREADS=1</c>): the smallest and the median over the rounds of the mean per call, and GFLOP/s
/// of the smallest. On a loaded machine the thread's CPU time leaves out the waits for a core, so two builds can be compared.
/// </summary>
internal static class NarrowProducts
{
    public static void Run(string[] args)
    {
        int[] widths = args.Length > 0 ? args[0].Split(',').Select(int.Parse).ToArray() : [54, 256, 128, 7];
        int batch = args.Length > 1 ? int.Parse(args[1]) : 256;
        int rounds = args.Length > 2 ? int.Parse(args[2]) : 15;
        var rng = new Random(1);
        float[] Random(int length) => Enumerable.Range(0, length).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        Console.WriteLine($"{string.Join("-", widths)}, batch {batch}, {rounds} rounds, load average " +
            string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)));
        for (int l = 1; l < widths.Length; l++)
        {
            int inputs = widths[l - 1], units = widths[l];
            float[] x = Random(batch * inputs), w = Random(units * inputs), delta = Random(batch * units);
            float[] net = new float[batch * units], gradient = new float[units * inputs], error = new float[batch * inputs];
            double flops = 2.0 * batch * inputs * units;
            foreach (var (name, run) in new (string, Action)[]
            {
                ("X·Wᵀ", () => Gemm.MultiplyTransposedB<float>(x, w, net, batch, units, inputs)),
                ("δᵀ·X", () => Gemm.MultiplyTransposedA<float>(delta, x, gradient, batch, units, inputs)),
                ("δ·W", () => Gemm.Multiply<float>(delta, w, error, batch, inputs, units)),
            })
            {
                run();
                int calls = Math.Max(5, (int)(2e8 / flops));
                var perCall = new double[rounds];
                for (int r = 0; r < rounds; r++)
                {
                    long start = StepProfile.ThreadCpu.Nanoseconds();
                    for (int c = 0; c < calls; c++) run();
                    perCall[r] = (StepProfile.ThreadCpu.Nanoseconds() - start) / 1e3 / calls;
                }
                Array.Sort(perCall);
                Console.WriteLine($"layer {l}, {batch}×{inputs}→{units}  {name,-5} {perCall[0],8:F2} µs {perCall[rounds / 2],8:F2} median  " +
                    $"{flops / perCall[0] / 1e3,6:F1} GFLOP/s of CPU");
            }
        }
    }
}

using System.Diagnostics;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Optimizers;
using Backprop.Serialization;
using Backprop.Tensors;
using Backprop.Training;
using Xunit.Abstractions;

namespace Backprop.Tests.Training;

/// <summary>
/// What "same seed, same bits" covers (docs/training.md, "Threads and precision"): the same bits with any thread count
/// for one choice of kernels, and, across the kernels of different vector widths (512-bit with fused multiply-adds,
/// <see cref="System.Numerics.Vector{T}"/> of 256 or 128 bits with separate ones), weights that agree to rounding: their
/// sums add the same terms in another order.
/// </summary>
[Collection(ThreadCountCollection.Name)]
public class InstructionSetDeterminismTests(ITestOutputHelper log)
{
    /// <summary>The largest difference allowed, relative to the largest weight, after the short runs below.</summary>
    private const double Tolerance = 1e-12;

    private static double[] Train(bool use512, int threads)
    {
        var (x, t) = RandomClasses.Make(256, 200, 10, seed: 6);
        var (xd, td) = (ToDouble(x), ToDouble(t));
        bool saved512 = Gemm.Use512;
        int savedThreads = Gemm.MaxThreads;
        try
        {
            Gemm.Use512 = use512 && Gemm512.Supported;
            Gemm.MaxThreads = threads;
            var network = Network<double>.Create(200, [new LayerSpec(96, "relu"), new LayerSpec(10, "softmax")], seed: 3);
            Trainer.Train(network, xd, td, new TrainingOptions
            {
                Objective = new Objective(new CrossEntropy(), Reduction.Mean, 1e-4),
                Optimizer = new Adam(), LearningRate = 1e-3, BatchSize = 128, Epochs = 2, Seed = 8,
            });
            return network.Parameters.SelectMany(p => p.Values).ToArray();
        }
        finally
        {
            Gemm.Use512 = saved512;
            Gemm.MaxThreads = savedThreads;
        }
    }

    private static Matrix<double> ToDouble(Matrix<float> m)
    {
        var d = new Matrix<double>(m.Rows, m.Columns);
        for (int r = 0; r < m.Rows; r++)
            for (int c = 0; c < m.Columns; c++) d[r, c] = m[r, c];
        return d;
    }

    private (int Differ, double Largest) Compare(double[] a, double[] b, string what)
    {
        Assert.Equal(a.Length, b.Length);
        double scale = a.Max(Math.Abs), largest = 0;
        int differ = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(a[i]) != BitConverter.DoubleToInt64Bits(b[i])) differ++;
            largest = Math.Max(largest, Math.Abs(a[i] - b[i]));
        }
        log.WriteLine($"{what}: {differ} of {a.Length} weights differ, by at most {largest:E2} ({largest / scale:E2} of the largest weight)");
        Assert.True(largest <= Tolerance * scale, $"{what}: weights differ by {largest:E3}, more than {Tolerance} × {scale:E3}");
        return (differ, largest);
    }

    [Fact]
    public void The_portable_kernels_give_the_same_bits_with_any_thread_count_and_agree_with_the_512_bit_ones_to_rounding()
    {
        var portable1 = Train(use512: false, threads: 1);
        Assert.Equal(portable1, Train(use512: false, threads: 2));
        Assert.Equal(portable1, Train(use512: false, threads: 3));
        var fast = Train(use512: true, threads: 2);
        Assert.Equal(fast, Train(use512: true, threads: 1));
        var (differ, _) = Compare(fast, portable1, "512-bit kernels against Vector<T>");
        // On a machine with 512-bit vectors the two are different code (fused multiply-adds, other lane counts): the
        // comparison above is then between different roundings, which this run does show.
        if (Gemm512.Supported) Assert.True(differ > 0, "the 512-bit and portable kernels gave the same bits: the switch did nothing");
    }

    [Fact]
    public async Task Without_AVX2_a_run_agrees_with_the_default_one_to_rounding()
    {
        // The case of issue 11: a child process with DOTNET_EnableAVX2=0 (128-bit Vector<T>, no 512-bit kernels, no
        // fused multiply-adds) and one thread, against this process's kernels and threads.
        string folder = Directory.CreateTempSubdirectory("backprop-isa-").FullName;
        try
        {
            var rng = new Backprop.Initialization.Rng(9, 2);
            var lines = new List<string> { string.Join(",", Enumerable.Range(0, 24).Select(i => $"x{i}")) + ",kind" };
            for (int r = 0; r < 300; r++)
            {
                var v = Enumerable.Range(0, 24).Select(_ => rng.NextGaussian()).ToArray();
                lines.Add(string.Join(",", v.Select(d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + ","
                    + (v[0] + v[1] > 0 ? "a" : v[2] > 0 ? "b" : "c"));
            }
            string data = Path.Combine(folder, "data.csv");
            File.WriteAllLines(data, lines);
            string[] Args(string output) =>
                ["train", "--data", data, "--target", "kind", "--layers", "32", "--optimizer", "adam", "--lr", "0.005", "--batch-size", "25",
                 "--epochs", "4", "--seed", "2", "--quiet", "--out", output];

            string here = Path.Combine(folder, "here.json");
            var r0 = Backprop.Tests.Cli.CliRunner.Run(Args(here));
            Assert.True(r0.ExitCode == 0, r0.Error);

            string there = Path.Combine(folder, "no-avx2.json");
            string cli = typeof(Backprop.Cli.CliApp).Assembly.Location;
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { RedirectStandardOutput = true,
                RedirectStandardError = true };
            start.ArgumentList.Add(cli);
            foreach (string a in Args(there)) start.ArgumentList.Add(a);
            start.Environment["DOTNET_EnableAVX2"] = "0";
            start.Environment["BACKPROP_THREADS"] = "1";
            using var child = Process.Start(start)!;
            var stderr = child.StandardError.ReadToEndAsync();
            _ = child.StandardOutput.ReadToEndAsync();
            using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            {
                try { await child.WaitForExitAsync(timeout.Token); }
                catch (OperationCanceledException)
                {
                    child.Kill(entireProcessTree: true);
                    Assert.Fail("the child process did not finish within 60 s");
                }
            }
            string errors = await stderr;
            Assert.True(child.ExitCode == 0, errors);

            static double[] Weights(string path) => ModelFile.Load(path)
                .Layers.SelectMany(l => l.Weights.SelectMany(r => r).Concat(l.Bias ?? [])).ToArray();
            var (differ, _) = Compare(Weights(here), Weights(there), "default kernels against DOTNET_EnableAVX2=0");
            if (System.Runtime.Intrinsics.X86.Avx2.IsSupported) Assert.True(differ > 0,
                "the child's kernels gave the same bits: DOTNET_EnableAVX2=0 did nothing");
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}

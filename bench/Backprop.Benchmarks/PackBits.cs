using Backprop.Layers;
using Backprop.Losses;
using Backprop.Optimizers;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Benchmarks;

/// <summary>
/// <c>-- packbits</c>: trains the MNIST benchmark's two networks (and a double one) on random rows twice, with the product
/// kernels' packing off and on, and compares every weight bit for bit: packing copies numbers, it must not change a sum.
/// </summary>
internal static class PackBits
{
    public static void Run()
    {
        Check<float>([784, 128, 10], 64);
        Check<float>([784, 512, 512, 10], 256);
        Check<double>([300, 96, 40, 10], 64);
    }

    private static void Check<T>(int[] widths, int batch) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        const int rows = 2000;
        var rng = new Random(7);
        var x = new Matrix<T>(rows, widths[0]);
        var y = new Matrix<T>(rows, widths[^1]);
        for (int i = 0; i < x.Span.Length; i++) x.Span[i] = T.CreateChecked(rng.NextDouble() * 2 - 1);
        for (int r = 0; r < rows; r++) y[r, rng.Next(widths[^1])] = T.One;
        var specs = widths[1..^1].Select(h => new LayerSpec(h, "relu")).Append(new LayerSpec(widths[^1], "softmax")).ToList();
        var weights = new List<T[]>[2];
        for (int pass = 0; pass < 2; pass++)
        {
            Gemm512.Pack = pass == 1;
            var network = Network<T>.Create(widths[0], specs, seed: 3);
            Trainer.Train(network, x, y, new TrainingOptions
            {
                Objective = new Objective(new CrossEntropy(), Reduction.Mean), LearningRate = 0.001, Epochs = 2, BatchSize = batch,
                Shuffle = true, Optimizer = new Adam(),
            });
            weights[pass] = network.Layers.Select(l => l.Weights.Span.ToArray()).ToList();
        }
        Gemm512.Pack = true;
        int differ = 0;
        int size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        for (int l = 0; l < weights[0].Count; l++)
        {
            var plain = System.Runtime.InteropServices.MemoryMarshal.AsBytes(weights[0][l].AsSpan());
            var packed = System.Runtime.InteropServices.MemoryMarshal.AsBytes(weights[1][l].AsSpan());
            for (int i = 0; i < weights[0][l].Length; i++)
                if (!plain.Slice(i * size, size).SequenceEqual(packed.Slice(i * size, size))) differ++;
        }
        Console.WriteLine($"{typeof(T).Name} {string.Join("-", widths)} batch {batch}, {Gemm.MaxThreads} threads: " +
            $"{weights[0].Sum(w => w.Length):N0} weights, {differ} differ with packing on and off");
    }
}

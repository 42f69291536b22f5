using BenchmarkDotNet.Attributes;
using Backprop.Tensors;

namespace Backprop.Benchmarks;

/// <summary>The three matrix products of backpropagation in float, for small, MNIST-sized and large shapes.</summary>
[MemoryDiagnoser]
[Config(typeof(GflopsColumn.Config))]
public class KernelBenchmarks
{
    /// <summary>m×k times (n×k)ᵀ: "64x128x784" is a batch of 64 MNIST images through a 128-unit layer.</summary>
    [Params("16x32x64", "64x128x784", "256x512x784", "1024x1024x1024")]
    public string Shape { get; set; } = "64x128x784";

    private int _m, _n, _k;
    private float[] _a = [], _b = [], _c = [], _delta = [], _x = [];

    [GlobalSetup]
    public void Setup()
    {
        var parts = Shape.Split('x').Select(int.Parse).ToArray();
        (_m, _n, _k) = (parts[0], parts[1], parts[2]);
        var rng = new Random(1);
        float[] Fill(int length) => Enumerable.Range(0, length).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        _a = Fill(_m * _k);
        _b = Fill(_n * _k);
        _c = new float[_m * _n];
        _delta = Fill(_m * _n);
        _x = Fill(_m * _k);
    }

    /// <summary>Forward: net = X·Wᵀ.</summary>
    [Benchmark]
    public void Forward() => Gemm.MultiplyTransposedB<float>(_a, _b, _c, _m, _n, _k);

    /// <summary>Weight gradient: ∂E/∂W += δᵀ·X (W is n×k).</summary>
    [Benchmark]
    public void WeightGradient() => Gemm.AddTransposedAMultiply<float>(_delta, _x, _b, _m, _n, _k);

    /// <summary>The plain loops, for comparison.</summary>
    [Benchmark(Baseline = true)]
    public void ForwardReference() => GemmReference.MultiplyTransposedB<float>(_a, _b, _c, _m, _n, _k);

    /// <summary>The plain loops, for comparison.</summary>
    [Benchmark]
    public void WeightGradientReference() => GemmReference.AddTransposedAMultiply<float>(_delta, _x, _b, _m, _n, _k);

    /// <summary>The plain loops, for comparison.</summary>
    [Benchmark]
    public void BackwardErrorReference() => GemmReference.Multiply<float>(_delta, _b, _a, _m, _k, _n);

    /// <summary>Error sent back: δ·W (m×n times n×k).</summary>
    [Benchmark]
    public void BackwardError() => Gemm.Multiply<float>(_delta, _b, _a, _m, _k, _n);
}

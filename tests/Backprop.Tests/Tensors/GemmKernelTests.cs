using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Tests.Tensors;

/// <summary>The fast kernels against the plain loops of <see cref="GemmReference"/>, on sizes that take the multi-threaded path too.</summary>
[Collection(ThreadCountCollection.Name)]
public class GemmKernelTests
{
    private static T[] Random<T>(int length, int seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Backprop.Initialization.Rng((ulong)seed, 5);
        return Enumerable.Range(0, length).Select(_ => T.CreateChecked(rng.NextUniform(-1, 1))).ToArray();
    }

    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 }, { 3, 5, 7 }, { 2, 4, 8 }, { 5, 9, 17 }, { 64, 128, 784 }, { 256, 512, 512 }, { 33, 10, 129 },
    };

    private static void AssertClose<T>(T[] expected, T[] actual, double tolerance) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(double.CreateChecked(expected[i] - actual[i])) <= tolerance
                * Math.Max(1, Math.Abs(double.CreateChecked(expected[i]))), $"element {i}: {expected[i]} vs {actual[i]}");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Kernels_agree_with_the_reference_loops(int m, int n, int k)
    {
        Check<double>(m, n, k, 1e-12);
        Check<float>(m, n, k, 2e-4);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Portable_kernels_agree_with_the_reference_loops(int m, int n, int k)
    {
        // The Vector<T> kernels that machines without 512-bit vectors run.
        bool saved = Gemm.Use512;
        Gemm.Use512 = false;
        try
        {
            Check<double>(m, n, k, 1e-12);
            Check<float>(m, n, k, 2e-4);
        }
        finally { Gemm.Use512 = saved; }
    }

    private static void Check<T>(int m, int n, int k, double tolerance) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = Random<T>(m * k, 1);
        var b = Random<T>(n * k, 2);
        var fast = new T[m * n];
        var slow = new T[m * n];
        Gemm.MultiplyTransposedB<T>(a, b, fast, m, n, k);
        GemmReference.MultiplyTransposedB<T>(a, b, slow, m, n, k);
        AssertClose(slow, fast, tolerance);

        // δᵀ·X: a p×m δ (p = k here) and a p×n X, added to what C held.
        var delta = Random<T>(k * m, 3);
        var x = Random<T>(k * n, 4);
        var start = Random<T>(m * n, 5);
        var fastSum = (T[])start.Clone();
        var slowSum = (T[])start.Clone();
        Gemm.AddTransposedAMultiply<T>(delta, x, fastSum, k, m, n);
        GemmReference.AddTransposedAMultiply<T>(delta, x, slowSum, k, m, n);
        AssertClose(slowSum, fastSum, tolerance);

        // δᵀ·X overwriting whatever C held.
        var fastFresh = Random<T>(m * n, 8);
        var slowFresh = new T[m * n];
        Gemm.MultiplyTransposedA<T>(delta, x, fastFresh, k, m, n);
        GemmReference.AddTransposedAMultiply<T>(delta, x, slowFresh, k, m, n);
        AssertClose(slowFresh, fastFresh, tolerance);

        // δ·W: m×k times k×n, overwriting C.
        var w = Random<T>(k * n, 6);
        var fastProduct = Random<T>(m * n, 7);
        var slowProduct = new T[m * n];
        Gemm.Multiply<T>(a, w, fastProduct, m, n, k);
        GemmReference.Multiply<T>(a, w, slowProduct, m, n, k);
        AssertClose(slowProduct, fastProduct, tolerance);
    }

    [Fact]
    public void Results_are_the_same_bits_with_one_thread_and_with_all()
    {
        const int m = 256, n = 512, k = 784;
        var a = Random<float>(m * k, 1);
        var b = Random<float>(n * k, 2);
        float[] Run(int threads, Action<float[]> kernel)
        {
            int saved = Gemm.MaxThreads;
            Gemm.MaxThreads = threads;
            try { var c = new float[m * n]; kernel(c); return c; }
            finally { Gemm.MaxThreads = saved; }
        }
        foreach (var kernel in new Action<float[]>[]
        {
            c => Gemm.MultiplyTransposedB<float>(a, b, c, m, n, k),
            c => Gemm.AddTransposedAMultiply<float>(a.AsSpan(0, k * m), b.AsSpan(0, k * n), c, k, m, n),
            c => Gemm.MultiplyTransposedA<float>(a.AsSpan(0, k * m), b.AsSpan(0, k * n), c, k, m, n),
            c => Gemm.Multiply<float>(a.AsSpan(0, m * k), b.AsSpan(0, k * n), c, m, n, k),
        })
            Assert.Equal(Run(1, kernel), Run(Math.Max(2, Environment.ProcessorCount), kernel));
    }
}

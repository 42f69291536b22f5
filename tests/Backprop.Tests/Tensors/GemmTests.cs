using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Tests.Tensors;

public class GemmTests
{
    // 0 and 1 are the degenerate cases; 7, 8, 9, 17 and 33 straddle every vector width (4, 8, 16 lanes) so both
    // the vectorised body and the scalar tail of each kernel run.
    private static readonly int[] Sizes = [0, 1, 7, 8, 9, 17, 33];

    /// <summary>Values a kernel must not write: any element beyond the m×n result keeps it.</summary>
    private const double Sentinel = 12345.5;
    private const int Slack = 5;

    private static T[] Random<T>(Random random, int count) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var values = new T[count];
        for (int i = 0; i < count; i++) values[i] = T.CreateChecked(2 * random.NextDouble() - 1);
        return values;
    }

    /// <summary>The first <paramref name="count"/> values random, then <see cref="Slack"/> sentinels.</summary>
    private static T[] WithSlack<T>(T[] values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var buffer = new T[values.Length + Slack];
        values.CopyTo(buffer, 0);
        for (int i = values.Length; i < buffer.Length; i++) buffer[i] = T.CreateChecked(Sentinel);
        return buffer;
    }

    private static double Tolerance<T>() => typeof(T) == typeof(float) ? 2e-5 : 1e-13;

    /// <summary>Checks <paramref name="actual"/> against a reference computed in double, relative to Σ|terms|.</summary>
    private static void AssertClose<T>(double[] expected, double[] magnitude, T[] actual, string what) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < expected.Length; i++)
        {
            double a = double.CreateChecked(actual[i]);
            Assert.True(Math.Abs(a - expected[i]) <= Tolerance<T>() * Math.Max(1, magnitude[i]),
                $"{what} ({typeof(T).Name}): element {i} is {a:R}, expected {expected[i]:R}");
        }
        for (int i = expected.Length; i < actual.Length; i++)
            Assert.True(double.CreateChecked(actual[i]) == Sentinel,
                $"{what} ({typeof(T).Name}): wrote element {i}, past the {expected.Length} of the result");
    }

    private static double D<T>(T value) where T : unmanaged, IFloatingPointIeee754<T> => double.CreateChecked(value);

    private static void CheckMultiplyTransposedB<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(1);
        foreach (int m in Sizes)
            foreach (int n in Sizes)
                foreach (int k in Sizes)
                {
                    var a = Random<T>(random, m * k);
                    var b = Random<T>(random, n * k);
                    var c = WithSlack(Random<T>(random, m * n)); // garbage in c must be overwritten
                    var expected = new double[m * n];
                    var magnitude = new double[m * n];
                    for (int i = 0; i < m; i++)
                        for (int j = 0; j < n; j++)
                            for (int t = 0; t < k; t++)
                            {
                                expected[i * n + j] += D(a[i * k + t]) * D(b[j * k + t]);
                                magnitude[i * n + j] += Math.Abs(D(a[i * k + t]) * D(b[j * k + t]));
                            }
                    Gemm.MultiplyTransposedB<T>(a, b, c, m, n, k);
                    AssertClose(expected, magnitude, c, $"A·Bᵀ with m={m}, n={n}, k={k}");
                }
    }

    private static void CheckAddTransposedAMultiply<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(2);
        foreach (int p in Sizes)
            foreach (int m in Sizes)
                foreach (int n in Sizes)
                {
                    var a = Random<T>(random, p * m);
                    var b = Random<T>(random, p * n);
                    var initial = Random<T>(random, m * n); // the kernel accumulates into c
                    var c = WithSlack(initial);
                    var expected = new double[m * n];
                    var magnitude = new double[m * n];
                    for (int i = 0; i < m; i++)
                        for (int j = 0; j < n; j++)
                        {
                            expected[i * n + j] = D(initial[i * n + j]);
                            magnitude[i * n + j] = Math.Abs(D(initial[i * n + j]));
                            for (int s = 0; s < p; s++)
                            {
                                expected[i * n + j] += D(a[s * m + i]) * D(b[s * n + j]);
                                magnitude[i * n + j] += Math.Abs(D(a[s * m + i]) * D(b[s * n + j]));
                            }
                        }
                    Gemm.AddTransposedAMultiply<T>(a, b, c, p, m, n);
                    AssertClose(expected, magnitude, c, $"C += Aᵀ·B with p={p}, m={m}, n={n}");
                }
    }

    private static void CheckMultiply<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(3);
        foreach (int m in Sizes)
            foreach (int n in Sizes)
                foreach (int k in Sizes)
                {
                    var a = Random<T>(random, m * k);
                    var b = Random<T>(random, k * n);
                    var c = WithSlack(Random<T>(random, m * n)); // garbage in c must be overwritten
                    var expected = new double[m * n];
                    var magnitude = new double[m * n];
                    for (int i = 0; i < m; i++)
                        for (int j = 0; j < n; j++)
                            for (int t = 0; t < k; t++)
                            {
                                expected[i * n + j] += D(a[i * k + t]) * D(b[t * n + j]);
                                magnitude[i * n + j] += Math.Abs(D(a[i * k + t]) * D(b[t * n + j]));
                            }
                    Gemm.Multiply<T>(a, b, c, m, n, k);
                    AssertClose(expected, magnitude, c, $"A·B with m={m}, n={n}, k={k}");
                }
    }

    private static void CheckAddRowToEachRow<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(4);
        foreach (int m in Sizes)
            foreach (int n in Sizes)
            {
                var row = Random<T>(random, n);
                var initial = Random<T>(random, m * n);
                var c = WithSlack(initial);
                var expected = new double[m * n];
                var magnitude = new double[m * n];
                for (int i = 0; i < m; i++)
                    for (int j = 0; j < n; j++)
                    {
                        expected[i * n + j] = D(initial[i * n + j]) + D(row[j]);
                        magnitude[i * n + j] = 1;
                    }
                Gemm.AddRowToEachRow<T>(row, c, m);
                AssertClose(expected, magnitude, c, $"C + row with m={m}, n={n}");
            }
    }

    private static void CheckAddColumnSums<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(5);
        foreach (int m in Sizes)
            foreach (int n in Sizes)
            {
                var a = Random<T>(random, m * n);
                var initial = Random<T>(random, n); // the kernel accumulates into sums
                var sums = (T[])initial.Clone();
                var expected = new double[n];
                var magnitude = new double[n];
                for (int j = 0; j < n; j++)
                {
                    expected[j] = D(initial[j]);
                    magnitude[j] = Math.Abs(D(initial[j]));
                    for (int i = 0; i < m; i++)
                    {
                        expected[j] += D(a[i * n + j]);
                        magnitude[j] += Math.Abs(D(a[i * n + j]));
                    }
                }
                Gemm.AddColumnSums<T>(a, sums, m);
                AssertClose(expected, magnitude, sums, $"column sums with m={m}, n={n}");
            }
    }

    [Fact]
    public void MultiplyTransposedB_matches_triple_loop_in_double() => CheckMultiplyTransposedB<double>();

    [Fact]
    public void MultiplyTransposedB_matches_triple_loop_in_float() => CheckMultiplyTransposedB<float>();

    [Fact]
    public void AddTransposedAMultiply_matches_triple_loop_in_double() => CheckAddTransposedAMultiply<double>();

    [Fact]
    public void AddTransposedAMultiply_matches_triple_loop_in_float() => CheckAddTransposedAMultiply<float>();

    [Fact]
    public void Multiply_matches_triple_loop_in_double() => CheckMultiply<double>();

    [Fact]
    public void Multiply_matches_triple_loop_in_float() => CheckMultiply<float>();

    [Fact]
    public void AddRowToEachRow_matches_loop_in_double() => CheckAddRowToEachRow<double>();

    [Fact]
    public void AddRowToEachRow_matches_loop_in_float() => CheckAddRowToEachRow<float>();

    [Fact]
    public void AddColumnSums_matches_loop_in_double() => CheckAddColumnSums<double>();

    [Fact]
    public void AddColumnSums_matches_loop_in_float() => CheckAddColumnSums<float>();

    [Fact]
    public void Small_products_give_exact_hand_computed_values()
    {
        // A = [[1, 2], [3, 4]], B = [[5, 6], [7, 8]]:  A·B = [[19, 22], [43, 50]],  A·Bᵀ = [[17, 23], [39, 53]],  Aᵀ·B = [[26, 30], [38, 44]].
        double[] a = [1, 2, 3, 4];
        double[] b = [5, 6, 7, 8];
        var c = new double[4];
        Gemm.Multiply<double>(a, b, c, 2, 2, 2);
        Assert.Equal([19.0, 22, 43, 50], c);
        Gemm.MultiplyTransposedB<double>(a, b, c, 2, 2, 2);
        Assert.Equal([17.0, 23, 39, 53], c);
        Array.Clear(c);
        Gemm.AddTransposedAMultiply<double>(a, b, c, 2, 2, 2);
        Assert.Equal([26.0, 30, 38, 44], c);
        Gemm.AddTransposedAMultiply<double>(a, b, c, 2, 2, 2);
        Assert.Equal([52.0, 60, 76, 88], c);
    }

    [Fact]
    public void Products_are_deterministic_for_the_same_inputs()
    {
        var random = new Random(6);
        var a = Random<double>(random, 33 * 17);
        var b = Random<double>(random, 9 * 17);
        var c1 = new double[33 * 9];
        var c2 = new double[33 * 9];
        Gemm.MultiplyTransposedB<double>(a, b, c1, 33, 9, 17);
        Gemm.MultiplyTransposedB<double>(a, b, c2, 33, 9, 17);
        Assert.Equal(c1.Select(BitConverter.DoubleToInt64Bits), c2.Select(BitConverter.DoubleToInt64Bits));
    }
}

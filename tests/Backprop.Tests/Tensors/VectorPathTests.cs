using System.Numerics;
using System.Runtime.Intrinsics;
using Backprop.Activations;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Optimizers;
using Backprop.Tensors;

namespace Backprop.Tests.Tensors;

/// <summary>
/// Every hand-vectorised loop — the products of <see cref="Gemm"/> (512-bit, <see cref="Vector{T}"/> and scalar tails), the
/// optimisers' updates (Adam's 512-bit float path), the activations and their derivatives, the loss gradients — against a
/// scalar reference written here, at lengths that reach each path and each tail: 0, 1, every vector width ± 1 (of
/// <see cref="Vector{T}"/>, of 512-bit vectors and of the four-vector tiles), and large ones (the last splits across threads),
/// in float and double, with the 512-bit path on and off.
/// </summary>
[Collection(ThreadCountCollection.Name)]
public class VectorPathTests
{
    public static TheoryData<int> Lengths()
    {
        int[] widths =
        [
            Vector<float>.Count, Vector<double>.Count, Vector512<float>.Count, Vector512<double>.Count,
            4 * Vector<float>.Count, 4 * Vector<double>.Count, 4 * Vector512<float>.Count, 4 * Vector512<double>.Count,
        ];
        // 65,601 values make an optimiser step split across two threads (32,768 values a thread), each range with its own tail.
        var lengths = new SortedSet<int> { 0, 1, 1000, 65_601 };
        foreach (int w in widths) lengths.UnionWith([w - 1, w, w + 1]);
        var data = new TheoryData<int>();
        foreach (int n in lengths) data.Add(n);
        return data;
    }

    /// <summary>Runs <paramref name="check"/> with the 512-bit path as the machine has it, then switched off.</summary>
    private static void BothPaths(Action check)
    {
        bool saved = Gemm.Use512;
        try
        {
            Gemm.Use512 = Gemm512.Supported;
            check();
            Gemm.Use512 = false;
            check();
        }
        finally { Gemm.Use512 = saved; }
    }

    private static string Path => Gemm.Use512 ? "512-bit path" : "Vector<T> path";

    /// <summary>Whole numbers from −3 to 3: every product and sum of the tests is exact in float, whatever the order of the additions.</summary>
    private static T[] Integers<T>(int length, ulong seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Backprop.Initialization.Rng(seed, 7);
        return Enumerable.Range(0, length).Select(_ => T.CreateChecked(Math.Floor(rng.NextDouble() * 7) - 3)).ToArray();
    }

    private static T[] Uniform<T>(int length, ulong seed, double from, double to) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Backprop.Initialization.Rng(seed, 7);
        return Enumerable.Range(0, length).Select(_ => T.CreateChecked(rng.NextUniform(from, to))).ToArray();
    }

    private static void Equal<T>(T[] expected, T[] actual, string what) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            if (!expected[i].Equals(actual[i]))
                Assert.Fail($"{what}, {typeof(T).Name}, {Path}: element {i} of {expected.Length} is {actual[i]}, not {expected[i]}");
    }

    private static void Close<T>(T[] expected, T[] actual, double tolerance, string what) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double e = double.CreateChecked(expected[i]), a = double.CreateChecked(actual[i]);
            if (!(Math.Abs(e - a) <= tolerance * Math.Max(1, Math.Abs(e))))
                Assert.Fail($"{what}, {typeof(T).Name}, {Path}: element {i} of {expected.Length} is {a}, not {e}");
        }
    }

    // ---- The products -------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Products_match_a_scalar_reference(int length) => BothPaths(() =>
    {
        Products<float>(length);
        Products<double>(length);
    });

    private static void Products<T>(int length) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Past a thousand the paths are those of a thousand (the split across threads is GemmKernelTests'); a debug build's loops are slow.
        length = Math.Min(length, 1003);
        // The length as the summed dimension of X·Wᵀ (Dot, DotBlock, DotBlock4), as the row length of δᵀ·X and δ·W (the
        // 4-vector tiles, single vectors and scalar columns), and as the number of rows (blocks of four, pairs, the last row).
        foreach (var (m, n, k) in new[] { (5, 6, length), (5, length, 5), (length, 5, 3) })
        {
            var a = Integers<T>(m * k, 1);
            var b = Integers<T>(n * k, 2);
            var c = Integers<T>(m * n, 3); // overwritten
            Gemm.MultiplyTransposedB<T>(a, b, c, m, n, k);
            var expected = new T[m * n];
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    T s = T.Zero;
                    for (int t = 0; t < k; t++) s += a[i * k + t] * b[j * k + t];
                    expected[i * n + j] = s;
                }
            Equal(expected, c, $"X·Wᵀ {m}×{n}×{k}");

            // δᵀ·X: δ is k×m, X is k×n; added to C, and overwriting C.
            var delta = Integers<T>(k * m, 4);
            var x = Integers<T>(k * n, 5);
            var start = Integers<T>(m * n, 6);
            var sum = (T[])start.Clone();
            Gemm.AddTransposedAMultiply<T>(delta, x, sum, k, m, n);
            var fresh = Integers<T>(m * n, 7);
            Gemm.MultiplyTransposedA<T>(delta, x, fresh, k, m, n);
            var product = new T[m * n];
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                    for (int s = 0; s < k; s++) product[i * n + j] += delta[s * m + i] * x[s * n + j];
            Equal(start.Zip(product, (p, q) => p + q).ToArray(), sum, $"C + δᵀ·X {m}×{n}×{k}");
            Equal(product, fresh, $"δᵀ·X {m}×{n}×{k}");

            // δ·W: m×k times k×n.
            var w = Integers<T>(k * n, 8);
            var back = Integers<T>(m * n, 9);
            Gemm.Multiply<T>(delta.AsSpan(0, m * k), w, back, m, n, k);
            var reference = new T[m * n];
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                    for (int t = 0; t < k; t++) reference[i * n + j] += delta[i * k + t] * w[t * n + j];
            Equal(reference, back, $"δ·W {m}×{n}×{k}");
        }
    }

    // ---- The optimisers -----------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Optimizer_updates_match_a_scalar_reference(int length) => BothPaths(() =>
    {
        Updates<float>(length);
        Updates<double>(length);
    });

    private static void Updates<T>(int length) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // The large length only for the vectorised updates: the others are single scalar loops.
        foreach (string name in length > 1000 ? ["gd", "adam", "adamw"] : new[] { "gd", "momentum", "nesterov", "rmsprop", "adam", "adamw" })
        {
            var parameter = new Parameter<T>("w", 0, length, trainable: true, isWeight: true);
            Uniform<T>(length, 1, -1, 1).CopyTo(parameter.Values, 0);
            var theta = (T[])parameter.Values.Clone();
            var state1 = new T[length];
            var state2 = new T[length];
            var optimizer = Optimizer.Create(name);
            const double eta = 0.01;
            for (int step = 1; step <= 3; step++)
            {
                var g = Uniform<T>(length, 10 + (ulong)step, -2, 2);
                g.CopyTo(parameter.Gradient, 0);
                optimizer.Step<T>([parameter], eta);
                Reference(name, step, theta, g, state1, state2, T.CreateChecked(eta));
                Equal(theta, parameter.Values, $"{name} step {step}, {length} values");
            }
        }
    }

    /// <summary>The update rules, one value at a time, as the papers write them (Adam with its bias corrections folded as the library folds
    /// them).</summary>
    private static void Reference<T>(string name, int step, T[] theta, T[] g, T[] s1, T[] s2, T eta) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T mu = T.CreateChecked(0.9), b1 = T.CreateChecked(0.9), b2 = T.CreateChecked(0.999), eps = T.CreateChecked(1e-8), rho = T.CreateChecked(0.9);
        T c1 = T.One - T.CreateChecked(Math.Pow(0.9, step)), c2 = T.One - T.CreateChecked(Math.Pow(0.999, step));
        T decay = name == "adamw" ? T.CreateChecked(double.CreateChecked(eta) * 0.01) : T.Zero;
        for (int i = 0; i < theta.Length; i++)
        {
            switch (name)
            {
                case "gd": theta[i] = g[i] * -eta + theta[i]; break;
                case "momentum": s1[i] = mu * s1[i] - eta * g[i]; theta[i] += s1[i]; break;
                case "nesterov": s1[i] = mu * s1[i] - eta * g[i]; theta[i] += mu * s1[i] - eta * g[i]; break;
                case "rmsprop": s1[i] = rho * s1[i] + (T.One - rho) * g[i] * g[i]; theta[i] -= eta * g[i] / (T.Sqrt(s1[i]) + eps); break;
                default:
                    s1[i] = b1 * s1[i] + (T.One - b1) * g[i];
                    s2[i] = b2 * s2[i] + (T.One - b2) * g[i] * g[i];
                    theta[i] -= eta / c1 * s1[i] / (T.Sqrt(s2[i] * (T.One / c2)) + eps) + decay * theta[i];
                    break;
            }
        }
    }

    // ---- The activations ----------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Activations_and_their_derivatives_match_a_scalar_reference(int length) => BothPaths(() =>
    {
        Activations<float>(length, 3e-7);
        Activations<double>(length, 1e-15);
    });

    private static void Activations<T>(int length, double tolerance) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var net = Uniform<T>(length, 3, -4, 4);
        if (length > 2) { net[0] = T.Zero; net[^1] = T.Zero; } // relu's kink, taken as 0 on both sides
        var dOutput = Uniform<T>(length, 4, -1, 1);
        T slope = T.CreateChecked(LeakyRelu.DefaultSlope);
        var cases = new (string Name, Func<T, T> Value, Func<T, T, T> Derivative, bool Exact)[]
        {
            ("relu", x => x > T.Zero ? x : T.Zero, (x, _) => x > T.Zero ? T.One : T.Zero, true),
            ("leaky-relu", x => x > T.Zero ? x : slope * x, (x, _) => x > T.Zero ? T.One : slope, true),
            ("identity", x => x, (_, _) => T.One, true),
            ("sigmoid", x => T.One / (T.One + T.Exp(-x)), (_, y) => y * (T.One - y), false),
            ("tanh", T.Tanh, (_, y) => T.One - y * y, false),
        };
        foreach (var (name, value, derivative, exact) in cases)
        {
            var activation = ActivationRegistry.Get(name);
            var output = new T[length];
            activation.Forward<T>(net, output, length);
            var expected = net.Select(value).ToArray();
            if (exact) Equal(expected, output, $"{name} forward, {length} values");
            else Close(expected, output, tolerance, $"{name} forward, {length} values");

            // The derivative from the library's own outputs, so that it is checked exactly.
            var dNet = new T[length];
            activation.Backward<T>(net, output, dOutput, dNet, length);
            Equal(Enumerable.Range(0, length).Select(i => derivative(net[i], output[i]) * dOutput[i]).ToArray(), dNet,
                $"{name} derivative, {length} values");
        }

        // Softmax over one row of all the values.
        var softmax = ActivationRegistry.Get("softmax");
        int width = Math.Max(1, length);
        var probabilities = new T[length];
        softmax.Forward<T>(net, probabilities, width);
        T max = length == 0 ? T.Zero : net.Max();
        var e = net.Select(x => T.Exp(x - max)).ToArray();
        T sum = T.Zero;
        foreach (var v in e) sum += v;
        Close(e.Select(v => v / sum).ToArray(), probabilities, tolerance * 4, $"softmax forward, {length} values");
        var dSoftmax = new T[length];
        softmax.Backward<T>(net, probabilities, dOutput, dSoftmax, width);
        T dot = T.Zero;
        for (int i = 0; i < length; i++) dot += probabilities[i] * dOutput[i];
        Equal(Enumerable.Range(0, length).Select(i => probabilities[i] * (dOutput[i] - dot)).ToArray(), dSoftmax,
            $"softmax derivative, {length} values");
    }

    // ---- The loss gradients -------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Loss_gradients_match_a_scalar_reference(int length) => BothPaths(() =>
    {
        LossGradients<float>(length);
        LossGradients<double>(length);
    });

    private static void LossGradients<T>(int length) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var net = Uniform<T>(length, 5, -3, 3);
        var target = Uniform<T>(length, 6, 0, 1);
        foreach (var (loss, activationName) in new (Loss, string)[] { (new SquaredError(), "identity"), (new SquaredError(), "tanh"),
            (new CrossEntropy(), "sigmoid") })
        {
            var activation = ActivationRegistry.Get(activationName);
            var output = new T[length];
            activation.Forward<T>(net, output, length);
            var delta = new T[length];
            loss.OutputDelta<T>(net, output, target, delta, length, activation);
            // ∂ℓ/∂net: (y − t)·f′ for squared error; y − t for cross-entropy after a sigmoid.
            var expected = Enumerable.Range(0, length).Select(i => activationName switch
            {
                "identity" => (output[i] - target[i]) * T.One,
                "tanh" => (T.One - output[i] * output[i]) * (output[i] - target[i]),
                _ => output[i] - target[i],
            }).ToArray();
            Equal(expected, delta, $"{loss.Name} after {activationName}, {length} values");
        }
    }
}

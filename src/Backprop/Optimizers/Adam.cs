using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Backprop.Layers;

namespace Backprop.Optimizers;

/// <summary>
/// Adam (Kingma and Ba): m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ),
/// θ ← θ − η·m̂/(√v̂ + ε), with β₁ = 0.9, β₂ = 0.999, ε = 1e-8. With a weight decay λ it is AdamW
/// (Loshchilov and Hutter): weights also shrink by η·λ·θ each step, decoupled from the gradient; biases do not.
/// </summary>
public sealed class Adam(double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0) : Optimizer
{
    /// <summary>β₁.</summary>
    public double Beta1 { get; } = beta1;

    /// <summary>β₂.</summary>
    public double Beta2 { get; } = beta2;

    /// <summary>ε.</summary>
    public double Epsilon { get; } = epsilon;

    /// <summary>λ of AdamW's decoupled weight decay (0 for Adam).</summary>
    public double WeightDecay { get; } = weightDecay;

    /// <inheritdoc />
    public override string Name => WeightDecay > 0 ? "adamw" : "adam";

    /// <inheritdoc />
    public override IReadOnlyList<string> SlotNames => ["m", "v"];

    /// <inheritdoc />
    protected override void Update<T>(Parameter<T> parameter, int index, double learningRate, int start, int end)
    {
        var m = Slot<T>("m", index, parameter.Length).AsSpan(start, end - start);
        var v = Slot<T>("v", index, parameter.Length).AsSpan(start, end - start);
        var values = parameter.Values.AsSpan(start, end - start);
        var gradient = parameter.Gradient.AsSpan(start, end - start);
        T b1 = T.CreateChecked(Beta1), b2 = T.CreateChecked(Beta2), eps = T.CreateChecked(Epsilon), eta = T.CreateChecked(learningRate);
        T correction1 = T.One - T.CreateChecked(Math.Pow(Beta1, Steps));
        T correction2 = T.One - T.CreateChecked(Math.Pow(Beta2, Steps));
        T decay = parameter.IsWeight ? T.CreateChecked(learningRate * WeightDecay) : T.Zero;
        // The bias corrections folded into one step size and one reciprocal per step: one division per value instead of three.
        T step = eta / correction1, inverse = T.One / correction2;
        // The 512-bit path follows the kernels' switch (on when the processor has 512-bit vectors; tests turn it off to reach the Vector<T> path).
        if (typeof(T) == typeof(float) && Tensors.Gemm.Use512)
        {
            UpdateFloat512(Cast(values), Cast(gradient), Cast(m), Cast(v), float.CreateChecked(b1), float.CreateChecked(b2), float.CreateChecked(eps),
                float.CreateChecked(step), float.CreateChecked(inverse), float.CreateChecked(decay));
            return;
        }
        int width = Vector<T>.Count, i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<T> vb1 = new(b1), vb2 = new(b2), one = Vector<T>.One, veps = new(eps), vdecay = new(decay);
            Vector<T> stepSize = new(step), inverse2 = new(inverse);
            for (; i + width <= values.Length; i += width)
            {
                var g = new Vector<T>(gradient[i..]);
                var mi = vb1 * new Vector<T>(m[i..]) + (one - vb1) * g;
                var vi = vb2 * new Vector<T>(v[i..]) + (one - vb2) * g * g;
                mi.CopyTo(m[i..]);
                vi.CopyTo(v[i..]);
                var theta = new Vector<T>(values[i..]);
                (theta - (stepSize * mi / (Vector.SquareRoot(vi * inverse2) + veps) + vdecay * theta)).CopyTo(values[i..]);
            }
        }
        for (; i < values.Length; i++)
        {
            T g = gradient[i];
            m[i] = b1 * m[i] + (T.One - b1) * g;
            v[i] = b2 * v[i] + (T.One - b2) * g * g;
            values[i] -= step * m[i] / (T.Sqrt(v[i] * inverse) + eps) + decay * values[i];
        }
    }

    /// <summary>The float update with 512-bit vectors, the same arithmetic as the loop above for every value.</summary>
    private static void UpdateFloat512(Span<float> values, ReadOnlySpan<float> gradient, Span<float> m, Span<float> v,
        float b1, float b2, float eps, float step, float inverse, float decay)
    {
        ref float pt = ref MemoryMarshal.GetReference(values);
        ref float pg = ref MemoryMarshal.GetReference(gradient);
        ref float pm = ref MemoryMarshal.GetReference(m);
        ref float pv = ref MemoryMarshal.GetReference(v);
        Vector512<float> vb1 = Vector512.Create(b1), vb2 = Vector512.Create(b2), c1 = Vector512.Create(1 - b1), c2 = Vector512.Create(1 - b2);
        Vector512<float> veps = Vector512.Create(eps), vdecay = Vector512.Create(decay), vstep = Vector512.Create(step), vinverse =
            Vector512.Create(inverse);
        int i = 0, n = values.Length;
        for (; i + 16 <= n; i += 16)
        {
            var g = Vector512.LoadUnsafe(ref pg, (nuint)i);
            var mi = vb1 * Vector512.LoadUnsafe(ref pm, (nuint)i) + c1 * g;
            var vi = vb2 * Vector512.LoadUnsafe(ref pv, (nuint)i) + c2 * g * g;
            mi.StoreUnsafe(ref pm, (nuint)i);
            vi.StoreUnsafe(ref pv, (nuint)i);
            var theta = Vector512.LoadUnsafe(ref pt, (nuint)i);
            (theta - (vstep * mi / (Vector512.Sqrt(vi * vinverse) + veps) + vdecay * theta)).StoreUnsafe(ref pt, (nuint)i);
        }
        for (; i < n; i++)
        {
            float g = gradient[i];
            m[i] = b1 * m[i] + (1 - b1) * g;
            v[i] = b2 * v[i] + (1 - b2) * g * g;
            values[i] -= step * m[i] / (MathF.Sqrt(v[i] * inverse) + eps) + decay * values[i];
        }
    }

    private static Span<float> Cast<T>(Span<T> values) where T : unmanaged => MemoryMarshal.Cast<T, float>(values);
}

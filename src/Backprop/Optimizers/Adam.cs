using System.Numerics;
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
    protected override void Update<T>(Parameter<T> parameter, int index, double learningRate)
    {
        var m = Slot<T>("m", index, parameter.Length);
        var v = Slot<T>("v", index, parameter.Length);
        T b1 = T.CreateChecked(Beta1), b2 = T.CreateChecked(Beta2), eps = T.CreateChecked(Epsilon), eta = T.CreateChecked(learningRate);
        T correction1 = T.One - T.CreateChecked(Math.Pow(Beta1, Steps));
        T correction2 = T.One - T.CreateChecked(Math.Pow(Beta2, Steps));
        T decay = parameter.IsWeight ? T.CreateChecked(learningRate * WeightDecay) : T.Zero;
        // The bias corrections folded into one step size and one reciprocal per step: one division per value instead of three.
        T step = eta / correction1, inverse = T.One / correction2;
        var values = parameter.Values;
        var gradient = parameter.Gradient;
        int width = Vector<T>.Count, start = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<T> vb1 = new(b1), vb2 = new(b2), one = Vector<T>.One, veps = new(eps), vdecay = new(decay);
            Vector<T> stepSize = new(step), inverse2 = new(inverse);
            for (; start + width <= values.Length; start += width)
            {
                var g = new Vector<T>(gradient, start);
                var mi = vb1 * new Vector<T>(m, start) + (one - vb1) * g;
                var vi = vb2 * new Vector<T>(v, start) + (one - vb2) * g * g;
                mi.CopyTo(m, start);
                vi.CopyTo(v, start);
                var theta = new Vector<T>(values, start);
                (theta - (stepSize * mi / (Vector.SquareRoot(vi * inverse2) + veps) + vdecay * theta)).CopyTo(values, start);
            }
        }
        for (int i = start; i < values.Length; i++)
        {
            T g = gradient[i];
            m[i] = b1 * m[i] + (T.One - b1) * g;
            v[i] = b2 * v[i] + (T.One - b2) * g * g;
            values[i] -= step * m[i] / (T.Sqrt(v[i] * inverse) + eps) + decay * values[i];
        }
    }
}

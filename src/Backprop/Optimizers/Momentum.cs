using Backprop.Layers;

namespace Backprop.Optimizers;

/// <summary>
/// Gradient descent with momentum, as Keras and scikit-learn write it: v ← μv − η·g, then θ ← θ + v;
/// with Nesterov's correction θ ← θ + μv − η·g (the velocity's look-ahead).
/// </summary>
public sealed class Momentum(double momentum = 0.9, bool nesterov = false) : Optimizer
{
    /// <summary>μ.</summary>
    public double Coefficient { get; } = momentum is >= 0 and < 1 ? momentum :
        throw new ArgumentOutOfRangeException(nameof(momentum), "momentum must be in [0, 1)");

    /// <summary>True for Nesterov's accelerated gradient.</summary>
    public bool Nesterov { get; } = nesterov;

    /// <inheritdoc />
    public override string Name => Nesterov ? "nesterov" : "momentum";

    /// <inheritdoc />
    public override IReadOnlyList<string> SlotNames => ["velocity"];

    /// <inheritdoc />
    protected override void Update<T>(Parameter<T> parameter, int index, double learningRate, int start, int end)
    {
        var velocity = Slot<T>("velocity", index, parameter.Length);
        T mu = T.CreateChecked(Coefficient), eta = T.CreateChecked(learningRate);
        var values = parameter.Values;
        var gradient = parameter.Gradient;
        for (int i = start; i < end; i++)
        {
            velocity[i] = mu * velocity[i] - eta * gradient[i];
            values[i] += Nesterov ? mu * velocity[i] - eta * gradient[i] : velocity[i];
        }
    }
}

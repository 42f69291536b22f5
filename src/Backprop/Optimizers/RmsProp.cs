using Backprop.Layers;

namespace Backprop.Optimizers;

/// <summary>RMSprop: s ← ρs + (1 − ρ)g², θ ← θ − η·g / (√s + ε), with ρ = 0.9 and ε = 1e-8.</summary>
public sealed class RmsProp(double rho = 0.9, double epsilon = 1e-8) : Optimizer
{
    /// <summary>ρ, the decay of the mean square.</summary>
    public double Rho { get; } = rho;

    /// <summary>ε.</summary>
    public double Epsilon { get; } = epsilon;

    /// <inheritdoc />
    public override string Name => "rmsprop";

    /// <inheritdoc />
    public override IReadOnlyList<string> SlotNames => ["square"];

    /// <inheritdoc />
    protected override void Update<T>(Parameter<T> parameter, int index, double learningRate, int start, int end)
    {
        var square = Slot<T>("square", index, parameter.Length);
        T rho = T.CreateChecked(Rho), eta = T.CreateChecked(learningRate), eps = T.CreateChecked(Epsilon);
        var values = parameter.Values;
        var gradient = parameter.Gradient;
        for (int i = start; i < end; i++)
        {
            T g = gradient[i];
            square[i] = rho * square[i] + (T.One - rho) * g * g;
            values[i] -= eta * g / (T.Sqrt(square[i]) + eps);
        }
    }
}

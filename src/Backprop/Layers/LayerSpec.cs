using Backprop.Initialization;

namespace Backprop.Layers;

/// <summary>A description of a dense layer to build: its width, activation, bias and initial weights.</summary>
/// <param name="Units">Number of units (outputs) of the layer.</param>
/// <param name="Activation">Activation name, e.g. <c>sigmoid</c>.</param>
/// <param name="Bias">Bias mode.</param>
/// <param name="Initializer">How to draw the weights; null picks <see cref="Initializer.DefaultFor"/> the activation.</param>
public sealed record LayerSpec(int Units, string Activation = "sigmoid", BiasMode Bias = BiasMode.Trainable, Initializer? Initializer = null)
{
    /// <summary>The activation's registered name.</summary>
    public string Activation { get; init; } = Activation ?? throw new ArgumentNullException(nameof(Activation));

    /// <summary>The rate of a <see cref="DropoutLayer{T}"/> that <see cref="Network{T}.Create"/> puts after this layer; 0 for none.</summary>
    public double Dropout { get; init; }
}

namespace Backprop.Serialization;

/// <summary>One layer as stored in a model file: a dense layer (the default kind), or a dropout layer (<see cref="Dropout"/>).</summary>
/// <param name="Units">Number of units (of a dropout layer: the width it passes through).</param>
/// <param name="Activation">Activation name (a dropout layer has none: <c>identity</c>).</param>
/// <param name="Weights"><c>Weights[j][i]</c> is the weight from input i to unit j (empty for a dropout layer).</param>
/// <param name="Bias">One value per unit, or null for a layer without bias.</param>
/// <param name="TrainBias">False for a frozen bias.</param>
public sealed record LayerDocument(int Units, string Activation, double[][] Weights, double[]? Bias, bool TrainBias = true)
{
    /// <summary>The <see cref="Kind"/> of a dense layer.</summary>
    public const string DenseKind = "dense";

    /// <summary>The <see cref="Kind"/> of a dropout layer.</summary>
    public const string DropoutKind = "dropout";

    /// <summary>The layer's kind: <see cref="DenseKind"/> or <see cref="DropoutKind"/>; a file's layer without <c>kind</c> is dense.</summary>
    public string Kind { get; init; } = DenseKind;

    /// <summary>A dropout layer's rate p (0 ≤ p &lt; 1); null for a dense layer.</summary>
    public double? Rate { get; init; }

    /// <summary>True for a dense layer, the kind with weights.</summary>
    public bool IsDense => Kind == DenseKind;

    /// <summary>A dropout layer of rate <paramref name="rate"/> over <paramref name="units"/> values.</summary>
    public static LayerDocument Dropout(int units, double rate) =>
        new(units, "identity", [], null) { Kind = DropoutKind, Rate = rate };
}

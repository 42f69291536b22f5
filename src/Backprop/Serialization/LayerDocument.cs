namespace Backprop.Serialization;

/// <summary>One layer as stored in a model file.</summary>
/// <param name="Units">Number of units.</param>
/// <param name="Activation">Activation name.</param>
/// <param name="Weights"><c>Weights[j][i]</c> is the weight from input i to unit j.</param>
/// <param name="Bias">One value per unit, or null for a layer without bias.</param>
/// <param name="TrainBias">False for a frozen bias.</param>
public sealed record LayerDocument(int Units, string Activation, double[][] Weights, double[]? Bias, bool TrainBias = true);

namespace Backprop.Training;

/// <summary>One layer's health over one epoch.</summary>
/// <param name="Layer">0 for the first layer.</param>
/// <param name="GradientNorm">The mean over the epoch's batches of ‖∂E/∂W‖₂ (weights only).</param>
/// <param name="WeightNorm">‖W‖₂ at the end of the epoch.</param>
/// <param name="DeadFraction">For a ReLU layer, the fraction of its units whose output was 0 for every sample of the epoch; null for other
/// activations.</param>
public sealed record LayerDiagnostics(int Layer, double GradientNorm, double WeightNorm, double? DeadFraction);

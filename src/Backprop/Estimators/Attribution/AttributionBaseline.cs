namespace Backprop.Estimators.Attribution;

/// <summary>The reference row x₀ that <see cref="AttributionMethod.GradientTimesInput"/> and integrated gradients measure from.</summary>
public enum AttributionBaseline
{
    /// <summary>The data's average row: each numeric column's mean, and each one-hot column's category frequencies.</summary>
    Mean,

    /// <summary>Every raw numeric value 0, and no category (every one-hot input 0).</summary>
    Zeros,
}

using System.Globalization;

namespace Backprop.Training.Gradients;

/// <summary>
/// Reads an epoch's layer diagnostics for the two failures seed 002 names: vanishing gradients (a layer's
/// gradient norm under 1e-3 of the output layer's) and exploding ones (the loss or a norm NaN or infinite).
/// </summary>
internal static class GradientHealth
{
    /// <summary>A layer whose gradient norm is below this fraction of the output layer's is reported as vanishing.</summary>
    public const double VanishingRatio = 1e-3;

    /// <summary>The warnings for <paramref name="record"/>, empty when all is well or no diagnostics were collected.</summary>
    public static IReadOnlyList<string> Warnings(EpochRecord record)
    {
        var warnings = new List<string>();
        var layers = record.Layers;
        if (!double.IsFinite(record.Loss))
            warnings.Add($"epoch {record.Epoch}: the loss is {record.Loss}: exploding gradients (lower the learning rate)");
        if (layers is null || layers.Count == 0) return warnings;
        foreach (var layer in layers)
        {
            if (!double.IsFinite(layer.GradientNorm) || !double.IsFinite(layer.WeightNorm))
                warnings.Add($"epoch {record.Epoch}: layer {layer.Layer + 1} has gradient norm {G(layer.GradientNorm)} and weight norm " +
                    $"{G(layer.WeightNorm)}: exploding gradients (lower the learning rate or clip the gradients)");
        }
        double top = layers[^1].GradientNorm;
        if (double.IsFinite(top) && top > 0)
            foreach (var layer in layers.Take(layers.Count - 1))
                if (double.IsFinite(layer.GradientNorm) && layer.GradientNorm < VanishingRatio * top)
                    warnings.Add($"epoch {record.Epoch}: layer {layer.Layer + 1} gradient norm {G(layer.GradientNorm)} is under " +
                        $"{G(VanishingRatio)} of the output layer's ({G(top)}): vanishing gradients (try relu with he initialisation, or fewer " +
                            $"sigmoid layers)");
        return warnings;
    }

    private static string G(double v) => v.ToString("0.00e+00", CultureInfo.InvariantCulture);
}

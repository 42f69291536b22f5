using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Metrics;

/// <summary>Error measures over every output of every sample.</summary>
public static class RegressionMetrics
{
    /// <summary>√(mean over samples and outputs of (t − y)²), as seed 000 computes it.</summary>
    public static double Rmse<T>(Matrix<T> outputs, Matrix<T> targets) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(targets);
        var y = outputs.Span;
        var t = targets.Span;
        if (y.Length != t.Length) throw new ArgumentException("Outputs and targets differ in shape.", nameof(targets));
        double sum = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double e = double.CreateChecked(t[i] - y[i]);
            sum += e * e;
        }
        return Math.Sqrt(sum / y.Length);
    }
}

using System.Numerics;
using Backprop.Layers;
using Backprop.Runs;

namespace Backprop.Estimators;

/// <summary>
/// Float32 from the estimators (scikit-learn fits in the dtype of <c>X</c>): the array overloads that take <c>float[,]</c>
/// train in float (<see cref="MlpOptions.Precision"/> = <see cref="Precision.Float"/>), and <see cref="NetworkAs{T}"/>
/// gives the trained network in a precision of the caller's choice — the float one bit for bit when it trained in float.
/// </summary>
public abstract partial class MlpEstimator
{
    /// <summary>
    /// The trained network in precision <typeparamref name="T"/> (a <c>Network&lt;float&gt;</c> holds a float-trained
    /// model's weights exactly; <see cref="Network"/> holds them widened to double).
    /// </summary>
    /// <exception cref="InvalidOperationException">The estimator is not fitted.</exception>
    public Network<T> NetworkAs<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        (Model ?? throw new InvalidOperationException("Fit the model first.")).ToNetwork<T>();

    /// <summary><paramref name="features"/> widened to double (exactly: every float is a double).</summary>
    private protected static double[,] Widened(float[,] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var wide = new double[features.GetLength(0), features.GetLength(1)];
        for (int r = 0; r < wide.GetLength(0); r++)
            for (int c = 0; c < wide.GetLength(1); c++) wide[r, c] = features[r, c];
        return wide;
    }

    /// <summary>Fits on float arrays in float.</summary>
    private protected void FitFloats<TTarget>(float[,] features, IReadOnlyList<TTarget> target, IReadOnlyList<double>? sampleWeight,
        CancellationToken cancellation)
    {
        var wide = Widened(features);
        ArgumentNullException.ThrowIfNull(target);
        FitWith(Options with { Precision = Precision.Float }, () => FitArrays(wide, target, sampleWeight, cancellation));
    }
}

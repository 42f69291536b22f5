using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Data.Rows;

/// <summary>Samples held in memory: a feature matrix and a target matrix with a row per sample.</summary>
/// <param name="Features">Samples × inputs.</param>
/// <param name="Targets">Samples × targets (the same rows).</param>
internal sealed record MatrixRows<T>(Matrix<T> Features, Matrix<T> Targets) : IRowSource<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The samples of <paramref name="data"/> in precision <typeparamref name="T"/> (its own matrices when it is kept in that
    /// precision).</summary>
    public static MatrixRows<T> Of(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new(data.FeaturesAs<T>(), data.TargetsAs<T>());
    }

    /// <inheritdoc />
    public int Count => Features.Rows;

    /// <inheritdoc />
    public int FeatureCount => Features.Columns;

    /// <inheritdoc />
    public int TargetCount => Targets.Columns;

    /// <inheritdoc />
    public void Gather(ReadOnlySpan<int> rows, Matrix<T> features, Matrix<T> targets)
    {
        Features.GatherRows(rows, features);
        Targets.GatherRows(rows, targets);
    }

    /// <inheritdoc />
    public void Copy(int start, int count, Matrix<T> features, Matrix<T> targets)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        Features.CopyRows(start, count, features);
        Targets.CopyRows(start, count, targets);
    }
}

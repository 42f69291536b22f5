using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Data.Rows;

/// <summary>
/// The samples a trainer gathers its batches from: in memory (<see cref="MatrixRows{T}"/>), in a memory-mapped file
/// (<see cref="Cache.RowCache{T}"/>), or a selection of another source's rows (<see cref="RowSelection{T}"/>). Row
/// <c>i</c> is one sample: <see cref="FeatureCount"/> inputs and <see cref="TargetCount"/> targets. Gathering writes
/// into buffers the caller made, so a training step allocates nothing.
/// </summary>
internal interface IRowSource<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Number of samples.</summary>
    int Count { get; }

    /// <summary>Inputs per sample.</summary>
    int FeatureCount { get; }

    /// <summary>Targets per sample.</summary>
    int TargetCount { get; }

    /// <summary>
    /// Copies samples <paramref name="rows"/>, in that order, into <paramref name="features"/> and
    /// <paramref name="targets"/>, whose row counts are set to theirs (the buffers must have the capacity).
    /// </summary>
    void Gather(ReadOnlySpan<int> rows, Matrix<T> features, Matrix<T> targets);

    /// <summary>Copies the <paramref name="count"/> samples from <paramref name="start"/> into <paramref name="features"/> and
    /// <paramref name="targets"/>.</summary>
    void Copy(int start, int count, Matrix<T> features, Matrix<T> targets);
}

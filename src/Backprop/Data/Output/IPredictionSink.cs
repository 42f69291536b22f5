using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Data.Output;

/// <summary>Where predictions go, a block of rows at a time: a CSV (<see cref="PredictionCsv"/>) or another format.</summary>
public interface IPredictionSink
{
    /// <summary>Rows written so far.</summary>
    long Rows { get; }

    /// <summary>Writes one output row per row of <paramref name="outputs"/>.</summary>
    void Write<T>(Matrix<T> outputs) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Finishes what was written.</summary>
    void Flush();
}

using System.Numerics;
using Backprop.Layers;
using Backprop.Tensors;

namespace Backprop.Data.Output;

/// <summary>A network run over many rows a block at a time, so that its layer buffers are those of one block, not of every row.</summary>
internal static class BlockPrediction
{
    /// <summary>The outputs of <paramref name="network"/> for every row of <paramref name="inputs"/>, computed <paramref name="blockRows"/> rows at a
    /// time.</summary>
    public static Matrix<T> Predict<T>(Network<T> network, Matrix<T> inputs, int blockRows = TablePrediction.DefaultBlockRows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockRows, 1);
        int n = inputs.Rows;
        if (n <= blockRows) return network.Predict(inputs);
        var result = new Matrix<T>(n, network.Outputs);
        var workspace = new Workspace<T>(network, blockRows);
        var block = new Matrix<T>(blockRows, inputs.Columns);
        for (int start = 0; start < n; start += blockRows)
        {
            int count = Math.Min(blockRows, n - start);
            inputs.CopyRows(start, count, block);
            workspace.Forward(block).Span.CopyTo(result.Data.AsSpan(start * network.Outputs));
        }
        return result;
    }
}

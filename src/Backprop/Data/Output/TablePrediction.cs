using System.Numerics;
using Backprop.Data.Csv;
using Backprop.Data.Preprocessing;
using Backprop.Layers;

namespace Backprop.Data.Output;

/// <summary>
/// A network run over a CSV of any length in bounded memory: a block of rows is read, encoded in the network's
/// precision, run and written (or measured), then the next.
/// </summary>
public static class TablePrediction
{
    /// <summary>Rows per block: about a megabyte of encoded inputs for a table of a few dozen features.</summary>
    public const int DefaultBlockRows = 8192;

    /// <summary>The blocks of <paramref name="reader"/> encoded by <paramref name="preprocessor"/> in precision <typeparamref name="T"/>, with their targets when <paramref name="withTargets"/>.</summary>
    public static IEnumerable<Dataset> Blocks<T>(Preprocessor preprocessor, CsvTableReader reader, bool withTargets, int blockRows = DefaultBlockRows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockRows, 1);
        while (reader.ReadBlock(blockRows) is { } block)
        {
            var features = preprocessor.EncodeFeatures<T>(block);
            var targets = withTargets ? preprocessor.EncodeTargets<T>(block) : new Tensors.Matrix<T>(block.RowCount, 0);
            yield return Dataset.Of(features, targets, preprocessor.FeatureNames, withTargets ? preprocessor.Target.OutputNames : [], block.Path);
        }
    }

    /// <summary>Runs <paramref name="network"/> on every row of <paramref name="reader"/> and writes its outputs to <paramref name="output"/>, a block at a time; the rows written.</summary>
    public static long Write<T>(Network<T> network, Preprocessor preprocessor, CsvTableReader reader, PredictionCsv output, int blockRows = DefaultBlockRows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockRows, 1);
        // One input buffer and one workspace serve every block, so memory stays that of one block whatever the rows.
        var inputs = new Tensors.Matrix<T>(blockRows, preprocessor.FeatureCount);
        var workspace = new Workspace<T>(network, blockRows);
        while (reader.ReadBlock(blockRows) is { } block)
        {
            preprocessor.EncodeFeatures(block, inputs);
            output.Write(workspace.Forward(inputs));
        }
        output.Flush();
        return output.Rows;
    }
}

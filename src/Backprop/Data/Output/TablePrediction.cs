using System.Numerics;
using Backprop.Data.Csv;
using Backprop.Data.Preprocessing;
using Backprop.Layers;

namespace Backprop.Data.Output;

/// <summary>
/// A network run over a CSV of any length in bounded memory: a block of rows is read, encoded in the network's
/// precision, run and written (or measured), then the next.
/// </summary>
internal static class TablePrediction
{
    /// <summary>Rows per block: about a megabyte of encoded inputs for a table of a few dozen features.</summary>
    public const int DefaultBlockRows = 8192;

    /// <summary>The most bytes of encoded inputs a block should hold (<see cref="BlockRows"/>).</summary>
    public const int BlockBytes = 4 << 20;

    /// <summary>
    /// Rows per block for rows of <paramref name="width"/> encoded values of <paramref name="valueBytes"/> bytes each:
    /// <see cref="DefaultBlockRows"/>, or fewer when that many rows would take more than <see cref="BlockBytes"/> (a table
    /// whose one-hot columns make hundreds of inputs), but never fewer than 256.
    /// </summary>
    public static int BlockRows(int width, int valueBytes) =>
        (int)Math.Clamp(BlockBytes / Math.Max(1L, (long)width * valueBytes), 256, DefaultBlockRows);

    /// <summary><see cref="BlockRows"/> for the inputs <paramref name="preprocessor"/> encodes in precision <typeparamref name="T"/>.</summary>
    public static int BlockRowsOf<T>(Preprocessor preprocessor) where T : unmanaged =>
        BlockRows(preprocessor.FeatureCount, System.Runtime.CompilerServices.Unsafe.SizeOf<T>());

    /// <summary>The blocks of <paramref name="reader"/> encoded by <paramref name="preprocessor"/> in precision <typeparamref name="T"/>, with their
    /// targets when <paramref name="withTargets"/>; blocks of <paramref name="blockRows"/> rows, or of <see cref="BlockRows"/> when 0.</summary>
    public static IEnumerable<Dataset> Blocks<T>(Preprocessor preprocessor, ITableReader reader, bool withTargets, int blockRows = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(preprocessor);
        return Blocks<T>(preprocessor, reader.Blocks(blockRows > 0 ? blockRows : BlockRowsOf<T>(preprocessor)), withTargets);
    }

    /// <summary>The tables of <paramref name="blocks"/> encoded by <paramref name="preprocessor"/> in precision <typeparamref name="T"/>, with their
    /// targets when <paramref name="withTargets"/>.</summary>
    public static IEnumerable<Dataset> Blocks<T>(Preprocessor preprocessor, IEnumerable<CsvTable> blocks, bool withTargets)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(preprocessor);
        ArgumentNullException.ThrowIfNull(blocks);
        foreach (var block in blocks)
        {
            var features = preprocessor.EncodeFeatures<T>(block);
            var targets = withTargets ? preprocessor.EncodeTargets<T>(block) : new Tensors.Matrix<T>(block.RowCount, 0);
            yield return Dataset.Of(features, targets, preprocessor.FeatureNames, withTargets ? preprocessor.Target.OutputNames : [], block.Path);
        }
    }

    /// <summary>Runs <paramref name="network"/> on every row of <paramref name="reader"/> and writes its outputs to <paramref name="output"/>, a
    /// block of <paramref name="blockRows"/> rows (<see cref="BlockRows"/> when 0) at a time; the rows written.</summary>
    public static long Write<T>(Network<T> network, Preprocessor preprocessor, ITableReader reader, IPredictionSink output, int blockRows = 0)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Write(network, preprocessor, reader.Blocks(blockRows > 0 ? blockRows : BlockRowsOf<T>(preprocessor)), output);

    /// <summary>Runs <paramref name="network"/> on every row of <paramref name="blocks"/> and writes its outputs to <paramref name="output"/>, a
    /// block at a time; the rows written.</summary>
    public static long Write<T>(Network<T> network, Preprocessor preprocessor, IEnumerable<CsvTable> blocks, IPredictionSink output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(output);
        // One input buffer and one workspace serve every block of up to the same size, so memory stays that of one block whatever the rows.
        Tensors.Matrix<T>? inputs = null;
        Workspace<T>? workspace = null;
        foreach (var block in blocks)
        {
            if (inputs is null || inputs.Capacity < block.RowCount)
            {
                inputs = new Tensors.Matrix<T>(block.RowCount, preprocessor.FeatureCount);
                workspace = new Workspace<T>(network, block.RowCount);
            }
            preprocessor.EncodeFeatures(block, inputs);
            var outputs = workspace!.Forward(inputs);
            TargetScaling.Restore(preprocessor.Target, outputs); // in the target's units (the workspace's buffer, written anew next block)
            output.Write(outputs);
        }
        output.Flush();
        return output.Rows;
    }
}

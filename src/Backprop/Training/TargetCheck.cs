using System.Globalization;
using System.Numerics;
using Backprop.Data.Rows;
using Backprop.Diagnostics;

namespace Backprop.Training;

/// <summary>Checks of the training targets that a loss needs before a run starts.</summary>
internal static class TargetCheck
{
    /// <summary>
    /// Refuses (a <see cref="BackpropException"/> naming the column and the data row) a target outside [0, 1], which
    /// cross-entropy cannot take, reading <paramref name="data"/> a block of rows at a time.
    /// </summary>
    /// <param name="data">The training rows.</param>
    /// <param name="names">The target columns' names, for the message.</param>
    /// <param name="source">The file the rows came from, for the message.</param>
    public static void EnsureProbabilities<T>(IRowSource<T> data, IReadOnlyList<string> names, string? source) where T : unmanaged,
        IFloatingPointIeee754<T>
    {
        const int block = 4096;
        var x = new Tensors.Matrix<T>(Math.Min(block, data.Count), data.FeatureCount);
        var t = new Tensors.Matrix<T>(Math.Min(block, data.Count), data.TargetCount);
        for (int start = 0; start < data.Count; start += block)
        {
            data.Copy(start, Math.Min(block, data.Count - start), x, t);
            for (int r = 0; r < t.Rows; r++)
                for (int c = 0; c < t.Columns; c++)
                    if (double.CreateChecked(t[r, c]) is < 0 or > 1)
                        throw new BackpropException($"cross-entropy needs targets between 0 and 1, but column '{names[c]}' of data row " +
                            $"{start + r + 1} is {double.CreateChecked(t[r, c]).ToString("G10", CultureInfo.InvariantCulture)} (use " +
                                $"{Setting.ClassifyNumericTarget.With(true)} to treat the column as class labels)", source);
        }
    }
}

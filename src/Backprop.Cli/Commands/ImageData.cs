using System.Globalization;
using Backprop.Data;
using Backprop.Data.Idx;
using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;
using Backprop.Tensors;

namespace Backprop.Cli.Commands;

/// <summary>MNIST IDX images as training data: one input per pixel (already scaled to [0, 1]) and the digits 0–9 as classes.</summary>
internal static class ImageData
{
    public static bool Is(string path) => MnistFile.IsImagesFile(path);

    public static Preprocessor Preprocessor(int pixels) => new(
        Enumerable.Range(0, pixels).Select(i => (InputColumn)new NumericColumn($"pixel{i}")).ToList(),
        new TargetEncoding(["label"], Enumerable.Range(0, 10).Select(d => d.ToString(CultureInfo.InvariantCulture)).ToList()));

    /// <summary>The rows <paramref name="rows"/> (all when null) as a data set with one-hot digit targets.</summary>
    public static Dataset Encode(string path, Matrix<double> images, int[] labels, Preprocessor pre, IReadOnlyList<int>? rows = null)
    {
        if (pre.FeatureCount != images.Columns)
            throw new DataFormatException($"the model takes {pre.FeatureCount} inputs but the images have {images.Columns} pixels", path);
        if (pre.Target.Classes is not { Count: 10 } classes)
            throw new DataFormatException("the model was not trained on digit images (its target is not the classes 0–9)", path);
        rows ??= Enumerable.Range(0, images.Rows).ToArray();
        var x = new Matrix<double>(rows.Count, images.Columns);
        var t = new Matrix<double>(rows.Count, 10);
        for (int k = 0; k < rows.Count; k++)
        {
            images.Row(rows[k]).CopyTo(x.Row(k));
            t[k, CategoricalIndex(classes, labels[rows[k]])] = 1;
        }
        return new Dataset(x, t, pre.FeatureNames, pre.Target.OutputNames, path);
    }

    private static int CategoricalIndex(IReadOnlyList<string> classes, int digit)
    {
        for (int i = 0; i < classes.Count; i++) if (classes[i] == digit.ToString(CultureInfo.InvariantCulture)) return i;
        throw new DataFormatException($"digit {digit} is not one of the model's classes", null);
    }
}

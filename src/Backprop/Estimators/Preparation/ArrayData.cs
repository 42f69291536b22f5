using System.Globalization;
using Backprop.Data;
using Backprop.Data.Idx;
using Backprop.Data.Mat;
using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;
using Backprop.Tensors;

namespace Backprop.Estimators.Preparation;

/// <summary>Training data that is not a table: MNIST IDX images and MATLAB MAT-files.</summary>
internal static class ArrayData
{
    /// <summary>Whether <paramref name="path"/> names such data: MNIST images (<c>*-idx3-ubyte[.gz]</c>) or a <c>.mat</c> file.</summary>
    public static bool Is(string path) => MnistFile.IsImagesFile(path) || path.EndsWith(".mat", StringComparison.OrdinalIgnoreCase);

    /// <summary>Refuses column settings that would do nothing for images and MAT-files: columns to one-hot encode or to standardise.</summary>
    public static void RefuseColumnOptions(PreprocessingOptions options, string path)
    {
        if (options.OneHot.Count > 0)
            throw new BackpropException($"{Setting.OneHot} names columns, but images and MAT-files have none: leave it out", path);
        if (options.Standardize is { Count: > 0 })
            throw new BackpropException($"{Setting.Standardize} names columns, but images and MAT-files have none: leave it out", path);
    }

    /// <summary>Reads <paramref name="path"/>; for a MAT-file, the inputs are variable <paramref name="xName"/> and the labels variable
    /// <paramref name="yName"/>.</summary>
    /// <exception cref="DataFormatException">A variable is missing, of the wrong shape, or holds NaN.</exception>
    public static LabelledArrays Load(string path, string xName = "X", string yName = "y")
    {
        if (MnistFile.IsImagesFile(path))
        {
            var (images, digits) = MnistFile.Read(path);
            return new LabelledArrays(images, digits.Select(d => d.ToString(CultureInfo.InvariantCulture)).ToArray(),
                Enumerable.Range(0, 10).Select(d => d.ToString(CultureInfo.InvariantCulture)).ToList(), "pixel");
        }
        var variables = MatFile.Read(path);
        var x = variables.GetValueOrDefault(xName) ??
            throw new DataFormatException($"no variable '{xName}' (the file holds: {string.Join(", ", variables.Keys)}); name the inputs with " +
                $"{Setting.XName}", path);
        var y = variables.GetValueOrDefault(yName) ??
            throw new DataFormatException($"no variable '{yName}' (the file holds: {string.Join(", ", variables.Keys)}); name the labels with " +
                $"{Setting.YName}", path);
        if (y.Columns != 1 && y.Rows != 1)
            throw new DataFormatException($"the labels are {y.Rows}×{y.Columns}; a label vector has one row or one column", path,
                $"variable {yName}");
        if (y.Values.Length != x.Rows)
            throw new DataFormatException($"{y.Values.Length} labels for the {x.Rows} rows of {xName}", path, $"variable {yName}");
        foreach (double v in x.Values.Concat(y.Values))
            if (!double.IsFinite(v))
                throw new DataFormatException("holds NaN or an infinite value", path, $"variable {(x.Values.Contains(v) ? xName : yName)}");
        var labels = y.Values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)).ToArray();
        var classes = y.Values.Distinct().Order().Select(v => v.ToString("R", CultureInfo.InvariantCulture)).ToList();
        return new LabelledArrays(x.ToMatrix(), labels, classes, xName);
    }

    /// <summary>The preprocessing of such data: one numeric input per column (named by the prefix and the column number), the labels as
    /// classes.</summary>
    public static Preprocessor Preprocessor(LabelledArrays data) => new(
        Enumerable.Range(0, data.Inputs.Columns).Select(i => (InputColumn)new NumericColumn($"{data.InputPrefix}{i}")).ToList(),
        new TargetEncoding(["label"], data.Classes));

    /// <summary>The rows <paramref name="rows"/> (all when null) as a data set with the model's class encoding.</summary>
    /// <exception cref="DataFormatException">The data does not fit the preprocessing (input count, or a target without classes).</exception>
    public static Dataset Encode(string path, LabelledArrays data, Preprocessor pre, IReadOnlyList<int>? rows = null) =>
        Encode<double>(path, data, pre, rows);

    /// <summary>
    /// <see cref="Encode(string, LabelledArrays, Preprocessor, IReadOnlyList{int})"/> straight into precision
    /// <typeparamref name="T"/>: a float run of 8,000 MNIST images holds 25 MB of inputs, not 50 MB of doubles and then
    /// their float copy. Each value is rounded as <see cref="Matrix{T}.Convert{TOther}"/> rounds it.
    /// </summary>
    public static Dataset Encode<T>(string path, LabelledArrays data, Preprocessor pre, IReadOnlyList<int>? rows = null)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        if (pre.FeatureCount != data.Inputs.Columns)
            throw new DataFormatException($"the model takes {pre.FeatureCount} inputs but the data has {data.Inputs.Columns}", path);
        if (pre.Target.Classes is not { } classes)
            throw new DataFormatException("the model was not trained on labelled arrays (its target has no classes)", path);
        rows ??= Enumerable.Range(0, data.Inputs.Rows).ToArray();
        var x = new Matrix<T>(rows.Count, data.Inputs.Columns);
        var t = new Matrix<T>(rows.Count, pre.Target.Width);
        var targetRow = new double[pre.Target.Width];
        for (int k = 0; k < rows.Count; k++)
        {
            var source = data.Inputs.Row(rows[k]);
            var inputs = x.Row(k);
            for (int c = 0; c < source.Length; c++) inputs[c] = T.CreateChecked(source[c]);
            pre.Target.Encode([data.Labels[rows[k]]], targetRow, path, _ => $"label {rows[k] + 1}");
            var targets = t.Row(k);
            for (int c = 0; c < targetRow.Length; c++) targets[c] = T.CreateChecked(targetRow[c]);
        }
        return Dataset.Of(x, t, pre.FeatureNames, pre.Target.OutputNames, path);
    }
}

using System.Globalization;
using System.Numerics.Tensors;
using Backprop.Diagnostics;
using Backprop.Tensors;

namespace Backprop.Data.Idx;

/// <summary>
/// MNIST images (an idx3 file of n × rows × columns bytes) with their labels (the idx1 file beside it), as a matrix
/// of n × (rows·columns) pixels — unsigned bytes scaled to [0, 1], other types as they are — and the digit of each image.
/// </summary>
public static class MnistFile
{
    /// <summary>True when <paramref name="path"/> looks like an IDX images file by its name.</summary>
    public static bool IsImagesFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Path.GetFileName(path).Contains("idx3", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Reads the images at <paramref name="imagesPath"/> and the labels beside them.</summary>
    public static (Matrix<double> Images, int[] Labels) Read(string imagesPath)
    {
        ArgumentNullException.ThrowIfNull(imagesPath);
        var images = IdxFile.Read(imagesPath);
        if (images.Dimensions.Length != 3)
            throw new DataFormatException($"an images file has 3 dimensions (images × rows × columns), this one {images.Dimensions.Length}",
                imagesPath);
        int n = images.Dimensions[0], pixels = images.Dimensions[1] * images.Dimensions[2];
        string labelsPath = LabelsPath(imagesPath);
        var labels = IdxFile.Read(labelsPath);
        if (labels.Dimensions.Length != 1)
            throw new DataFormatException($"a labels file has 1 dimension, this one {labels.Dimensions.Length}", labelsPath);
        if (labels.Dimensions[0] != n)
            throw new DataFormatException($"holds {labels.Dimensions[0]:N0} labels for the {n:N0} images of {Path.GetFileName(imagesPath)}",
                labelsPath);
        var matrix = new Matrix<double>(n, pixels, Pixels(images, imagesPath));
        var digits = new int[n];
        for (int i = 0; i < n; i++)
        {
            double label = labels.Values[i];
            if (label is < 0 or > 9 || label != Math.Floor(label))
                throw new DataFormatException($"label {i + 1} is {label}, not a digit 0–9", labelsPath, $"label {i + 1}");
            digits[i] = (int)label;
        }
        return (matrix, digits);
    }

    /// <summary>
    /// The images' values, in place: unsigned bytes (MNIST's own type) scaled from 0–255 to [0, 1]; any other type taken as
    /// it is, since its scale is the writer's choice, and refused if a value is NaN or infinite.
    /// </summary>
    private static double[] Pixels(IdxArray images, string path)
    {
        var values = images.Values;
        if (images.Type == IdxType.UnsignedByte)
        {
            TensorPrimitives.Divide(values, 255.0, values);
            return values;
        }
        int bad = Array.FindIndex(values, v => !double.IsFinite(v));
        if (bad >= 0)
        {
            int pixels = images.Dimensions[1] * images.Dimensions[2];
            throw new DataFormatException($"pixel {bad % pixels + 1} is {values[bad].ToString(CultureInfo.InvariantCulture)}, not a finite number",
                path, $"image {bad / pixels + 1}");
        }
        return values;
    }

    /// <summary>The labels file beside an images file: "images" → "labels", "idx3" → "idx1", with or without ".gz".</summary>
    public static string LabelsPath(string imagesPath)
    {
        ArgumentNullException.ThrowIfNull(imagesPath);
        string folder = Path.GetDirectoryName(Path.GetFullPath(imagesPath))!;
        string name = Path.GetFileName(imagesPath).Replace("images", "labels").Replace("idx3", "idx1");
        string bare = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name[..^3] : name;
        string[] candidates = [name, bare, bare + ".gz"];
        string images = Path.GetFullPath(imagesPath);
        foreach (var candidate in candidates.Distinct())
        {
            string path = Path.Combine(folder, candidate);
            if (path != images && File.Exists(path)) return path;
        }
        throw new DataFormatException($"no labels file beside the images (looked for {string.Join(", ", candidates.Distinct())} in {folder})",
            imagesPath);
    }
}

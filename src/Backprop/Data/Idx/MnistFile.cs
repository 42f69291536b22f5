using Backprop.Diagnostics;
using Backprop.Tensors;

namespace Backprop.Data.Idx;

/// <summary>
/// MNIST images (an idx3 file of n × rows × columns bytes) with their labels (the idx1 file beside it), as a matrix
/// of n × (rows·columns) pixels scaled to [0, 1] and the digit of each image.
/// </summary>
public static class MnistFile
{
    /// <summary>True when <paramref name="path"/> looks like an IDX images file by its name.</summary>
    public static bool IsImagesFile(string path) => Path.GetFileName(path).Contains("idx3", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the images at <paramref name="imagesPath"/> and the labels beside them.</summary>
    public static (Matrix<double> Images, int[] Labels) Read(string imagesPath)
    {
        var images = IdxFile.Read(imagesPath);
        if (images.Dimensions.Length != 3)
            throw new DataFormatException($"an images file has 3 dimensions (images × rows × columns), this one {images.Dimensions.Length}", imagesPath);
        int n = images.Dimensions[0], pixels = images.Dimensions[1] * images.Dimensions[2];
        string labelsPath = LabelsPath(imagesPath);
        var labels = IdxFile.Read(labelsPath);
        if (labels.Dimensions.Length != 1)
            throw new DataFormatException($"a labels file has 1 dimension, this one {labels.Dimensions.Length}", labelsPath);
        if (labels.Dimensions[0] != n)
            throw new DataFormatException($"holds {labels.Dimensions[0]:N0} labels for the {n:N0} images of {Path.GetFileName(imagesPath)}", labelsPath);
        var matrix = new Matrix<double>(n, pixels);
        var span = matrix.Span;
        for (int i = 0; i < span.Length; i++) span[i] = images.Values[i] / 255.0;
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

    /// <summary>The labels file beside an images file: "images" → "labels", "idx3" → "idx1", with or without ".gz".</summary>
    public static string LabelsPath(string imagesPath)
    {
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
        throw new DataFormatException($"no labels file beside the images (looked for {string.Join(", ", candidates.Distinct())} in {folder})", imagesPath);
    }
}

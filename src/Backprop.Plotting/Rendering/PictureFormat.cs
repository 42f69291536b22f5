using Backprop.Diagnostics;

namespace Backprop.Plotting.Rendering;

/// <summary>The file formats a picture can be written in, chosen by the output file's extension.</summary>
public enum PictureFormat
{
    /// <summary>A raster image.</summary>
    Png,
    /// <summary>A vector image, text kept as text.</summary>
    Svg,
}

/// <summary>Finds a picture's format from its file name.</summary>
internal static class PictureFormats
{
    /// <summary>The format named by <paramref name="path"/>'s extension (<c>.png</c> or <c>.svg</c>, any case).</summary>
    /// <exception cref="BackpropException">Any other extension.</exception>
    public static PictureFormat FromPath(string path) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".png" => PictureFormat.Png,
            ".svg" => PictureFormat.Svg,
            "" => throw new BackpropException($"{PlotSettings.PicturePath}: '{path}' has no extension; give a .png or .svg file name"),
            var other => throw new BackpropException($"{PlotSettings.PicturePath}: '{path}' is a {other} file; pictures are written as .png or .svg"),
        };
}

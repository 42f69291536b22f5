using Backprop.Data.Idx;
using Backprop.Diagnostics;

namespace Backprop.Cli.Commands;

/// <summary>The files a command reads, named by their options, so that no output replaces one of them.</summary>
internal static class InputFiles
{
    /// <summary>The file an option names, and for MNIST images the labels file read beside it.</summary>
    public static IEnumerable<(string Option, string? Path)> Of(string option, string? path)
    {
        if (path is null) yield break;
        yield return (option, path);
        string? labels = null;
        if (MnistFile.IsImagesFile(path))
        {
            try { labels = MnistFile.LabelsPath(path); }
            catch (BackpropException) { } // none: reading the images says so
        }
        if (labels is not null) yield return ($"{option} labels", labels);
    }
}

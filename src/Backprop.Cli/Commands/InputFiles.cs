using Backprop.Data.Idx;
using Backprop.Diagnostics;
using Backprop.Serialization;

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

    /// <summary>
    /// Refuses, before any work, an output that is one of the inputs (<see cref="OutputPath.EnsureDistinct"/>); each
    /// input is an option and its path, MNIST images counting with their labels.
    /// </summary>
    public static void EnsureNotOverwritten(IEnumerable<(string Option, string? Path)> outputs, params (string Option, string? Path)[] inputs) =>
        OutputPath.EnsureDistinct(outputs, inputs.SelectMany(i => Of(i.Option, i.Path)).ToList());

    /// <summary>The same for one output.</summary>
    public static void EnsureNotOverwritten(string option, string? output, params (string Option, string? Path)[] inputs) =>
        EnsureNotOverwritten([(option, output)], inputs);
}

using Backprop.Diagnostics;

namespace Backprop.Cli.Commands;

/// <summary>Checks where output goes before any work is done, so a long run does not fail at its very end.</summary>
internal static class OutputFolder
{
    /// <summary>The folder of the file <paramref name="path"/> must exist.</summary>
    public static void Ensure(string path, string option = "--out")
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(folder)) throw new BackpropException($"{option}: the folder '{folder}' does not exist");
        if (Directory.Exists(path)) throw new BackpropException($"{option}: '{path}' is a folder; give a file name");
    }

    /// <summary>Makes the folder <paramref name="path"/> (and its parents) for pictures, or says why it cannot.</summary>
    public static string Create(string path, string option)
    {
        if (File.Exists(path)) throw new BackpropException($"{option}: '{path}' is a file; give a folder for the pictures");
        try { Directory.CreateDirectory(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) {
            throw new BackpropException($"{option}: cannot make the folder '{path}': {e.Message}"); }
        return path;
    }
}

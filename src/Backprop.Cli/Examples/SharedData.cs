using Backprop.Diagnostics;

namespace Backprop.Cli.Examples;

/// <summary>
/// Finds the project's data folder (<c>../shared/data</c> beside the repository): <c>BACKPROP_DATA</c> when set,
/// otherwise the <c>shared/data</c> next to the first folder holding <c>Backprop.sln</c> above the current directory
/// or above the program itself, or the folder the program was built from.
/// </summary>
internal static class SharedData
{
    public static string File(string relative)
    {
        var tried = new List<string>();
        foreach (var root in Roots())
        {
            string path = Path.GetFullPath(Path.Combine(root, relative));
            if (System.IO.File.Exists(path)) return path;
            tried.Add(path);
        }
        string where = tried.Count == 0 ? "no folder holding Backprop.sln was found above the current directory" : "looked for "
            + string.Join(" and ", tried.Distinct());
        throw new BackpropException($"cannot find the data file {relative} ({where}); set BACKPROP_DATA to the shared data folder");
    }

    private static IEnumerable<string> Roots()
    {
        if (Environment.GetEnvironmentVariable("BACKPROP_DATA") is { Length: > 0 } configured)
        {
            // Set, it is the only place looked in: a mistyped folder must not pass unnoticed by falling back to another copy.
            if (!Directory.Exists(configured))
                throw new BackpropException($"BACKPROP_DATA={configured}: no such folder; set it to the shared data folder, "
                    + "or unset it to use ../shared/data beside the repository");
            yield return configured;
            yield break;
        }
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (System.IO.File.Exists(Path.Combine(dir.FullName, "Backprop.sln")))
                {
                    yield return Path.Combine(dir.FullName, "..", "shared", "data");
                    break;
                }
            }
        }
        var built = typeof(SharedData).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "SourceRoot")?.Value;
        if (built is not null) yield return Path.Combine(built, "..", "shared", "data");
    }
}

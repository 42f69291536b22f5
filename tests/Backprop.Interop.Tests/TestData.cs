namespace Backprop.Interop.Tests;

/// <summary>The shared data folder (../shared/data beside the repository, or BACKPROP_DATA) and scratch folders.</summary>
internal static class TestData
{
    public static string File(string relative)
    {
        if (Environment.GetEnvironmentVariable("BACKPROP_DATA") is { Length: > 0 } configured) return Path.Combine(configured, relative);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Backprop.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", relative));
        throw new InvalidOperationException("no Backprop.sln above the test binaries");
    }
}

/// <summary>A temporary folder, deleted at the end of the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("backprop-interop-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}

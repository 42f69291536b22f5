using System.Diagnostics;

namespace Backprop.Tests.Cli;

/// <summary>A small tmpfs mounted for one test (a full disk, a read-only folder), unmounted afterwards; null where mounting is refused (not root, not
/// Linux).</summary>
internal sealed class TmpfsMount : IDisposable
{
    private TmpfsMount(string path) => Path = path;

    public string Path { get; }

    /// <summary>Mounts a tmpfs with <paramref name="options"/> (e.g. <c>size=64k</c>, <c>ro</c>) on a fresh folder.</summary>
    public static TmpfsMount? TryCreate(string options)
    {
        if (!OperatingSystem.IsLinux()) return null;
        string path = Directory.CreateTempSubdirectory("backprop-tmpfs-").FullName;
        if (Run("mount", "-t", "tmpfs", "-o", options, "tmpfs", path) == 0) return new TmpfsMount(path);
        Directory.Delete(path);
        return null;
    }

    private static int Run(string file, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (string a in args) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception) { return -1; }
    }

    public void Dispose()
    {
        Run("umount", Path);
        try { Directory.Delete(Path); }
        catch (IOException) { }
    }
}

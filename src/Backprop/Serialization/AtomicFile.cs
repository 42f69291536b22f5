using System.Diagnostics;
using System.Globalization;
using System.Text;
using Backprop.Diagnostics;

namespace Backprop.Serialization;

/// <summary>
/// Writes a file so that readers see either the old file or the complete new one: the content goes to a
/// temporary file beside the target, is flushed to disk, and then replaces the target in one rename.
/// A symbolic link is followed and its target replaced (the link stays a link); the new file keeps the old
/// one's permissions; temporary files left beside the target by a process that is gone (killed mid-write)
/// are removed. <c>-</c> is standard output, and a device or FIFO (<c>/dev/stdout</c>) is written in place:
/// neither can be replaced, so neither gets a temporary file.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="content"/> (UTF-8, no byte-order mark) to <paramref name="path"/> atomically.</summary>
    /// <exception cref="BackpropException">The folder does not exist or cannot be written.</exception>
    public static void WriteAllText(string path, string content) =>
        WriteAllBytes(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content));

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    /// <exception cref="BackpropException">The folder does not exist or cannot be written.</exception>
    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes));

    /// <summary>
    /// Streams the content <paramref name="write"/> produces to <paramref name="path"/> atomically: when
    /// <paramref name="write"/> throws, the target is left as it was and the temporary file is removed.
    /// </summary>
    /// <exception cref="BackpropException">The folder does not exist or cannot be written.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        if (StandardStream(path) is { } open)
        {
            // Through the process's own descriptor, so a redirection (> file, >> log, a pipe) is honoured as the shell set it.
            Console.Out.Flush();
            using var standard = open();
            write(standard);
            standard.Flush();
            return;
        }
        if (FileIdentity.IsSpecial(path) || IsUnderDevOrProc(path))
        {
            WriteInPlace(path, write);
            return;
        }
        string target = OutputPath.Resolve(path);
        string directory = Path.GetDirectoryName(target) ?? ".";
        if (!Directory.Exists(directory)) throw new BackpropException($"cannot write: the folder '{directory}' does not exist", path);
        if (Directory.Exists(target)) throw new BackpropException("cannot write: this is a folder; give a file name", path);
        string name = Path.GetFileName(target);
        RemoveStaleTemporaryFiles(directory, name);
        string temp = Path.Combine(directory, $"{TemporaryPrefix(name)}{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            UnixFileMode? mode = OperatingSystem.IsWindows() || !File.Exists(target) ? null : File.GetUnixFileMode(target);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None,
                BufferSize = 1 << 16 };
            if (mode is { } m && !OperatingSystem.IsWindows()) options.UnixCreateMode = m;
            using (var stream = new FileStream(temp, options))
            {
                if (mode is { } exact && !OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, exact);
                    // the creation mode is narrowed by the umask
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new BackpropException($"cannot write: {e.Message}", path, inner: e);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static Func<Stream>? StandardStream(string path)
    {
        if (path == OutputPath.Standard) return Console.OpenStandardOutput;
        if (OperatingSystem.IsWindows()) return null;
        return Path.GetFullPath(path) switch
        {
            "/dev/stdout" or "/dev/fd/1" or "/proc/self/fd/1" => Console.OpenStandardOutput,
            "/dev/stderr" or "/dev/fd/2" or "/proc/self/fd/2" => Console.OpenStandardError,
            _ => null,
        };
    }

    /// <summary>Devices and a process's descriptors: whatever they lead to is written in place, never replaced by a rename.</summary>
    private static bool IsUnderDevOrProc(string path) => !OperatingSystem.IsWindows()
        && Path.GetFullPath(path) is var full
            && (full.StartsWith("/dev/", StringComparison.Ordinal) || full.StartsWith("/proc/", StringComparison.Ordinal));

    /// <summary>The start of the names of the temporary files for <paramref name="name"/>: <c>.NAME.</c>, then the writer's process id, a GUID and
    /// <c>.tmp</c>.</summary>
    internal static string TemporaryPrefix(string name) => $".{name}.";

    private static void WriteInPlace(string path, Action<Stream> write)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1 << 16);
            write(stream);
            stream.Flush();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BackpropException($"cannot write: {e.Message}", path, inner: e);
        }
    }

    /// <summary>Deletes the temporary files of <paramref name="name"/> whose writing process no longer runs.</summary>
    private static void RemoveStaleTemporaryFiles(string directory, string name)
    {
        string prefix = TemporaryPrefix(name);
        IEnumerable<string> candidates;
        try { candidates = Directory.EnumerateFiles(directory, prefix + "*.tmp").ToList(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return; }
        foreach (string file in candidates)
        {
            // .NAME.PID.GUID.tmp: anything else (another program's files) is left alone.
            string[] parts = Path.GetFileName(file)[prefix.Length..].Split('.');
            if (parts is not [var pid, var guid, "tmp"] || guid.Length != 32 || !Guid.TryParseExact(guid, "N", out _)
                || !int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out int id) || IsRunning(id)) continue;
            TryDelete(file);
        }
    }

    private static bool IsRunning(int processId)
    {
        if (processId == Environment.ProcessId) return true;
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

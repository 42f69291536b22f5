using System.Runtime.InteropServices;

namespace Backprop.Serialization;

/// <summary>
/// What a path names on disk, following symbolic links: the device and inode (Linux, through <c>statx</c>, whose
/// record has one layout on every architecture) and the kind of file. Two paths with the same identity are one
/// file, whatever links, hard links or relative parts lead to it.
/// </summary>
internal readonly partial record struct FileIdentity(ulong DeviceMajor, ulong DeviceMinor, ulong Inode, FileKind Kind)
{
    private const int AtCurrentDirectory = -100;
    private const uint StatxType = 0x1, StatxIno = 0x100;
    private static bool _unavailable = !OperatingSystem.IsLinux();

    /// <summary>The identity of the file <paramref name="path"/> leads to; null when it does not exist or the system cannot say.</summary>
    public static FileIdentity? Of(string path)
    {
        if (_unavailable) return null;
        var record = new byte[256];
        try
        {
            unsafe
            {
                fixed (byte* buffer = record)
                    if (Statx(AtCurrentDirectory, path, 0, StatxType | StatxIno, buffer) != 0) return null;
            }
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            _unavailable = true; // a C library without statx (glibc before 2.28, musl before 1.2.5)
            return null;
        }
        var span = record.AsSpan();
        uint mode = BitConverter.ToUInt16(span[28..]);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            _ => FileKind.Special, // a character or block device, a FIFO, a socket
        };
        return new FileIdentity(BitConverter.ToUInt32(span[136..]), BitConverter.ToUInt32(span[140..]), BitConverter.ToUInt64(span[32..]), kind);
    }

    /// <summary>Whether <paramref name="path"/> leads to something other than a regular file or a folder: a device, a FIFO, a socket.</summary>
    public static bool IsSpecial(string path)
    {
        if (Of(path) is { } identity) return identity.Kind == FileKind.Special;
        // Without statx: the devices of a Unix system, and what a process's descriptors lead to.
        string full = Path.GetFullPath(path);
        return !OperatingSystem.IsWindows()
            && (full.StartsWith("/dev/", StringComparison.Ordinal) || full.StartsWith("/proc/", StringComparison.Ordinal));
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int directory, string path, int flags, uint mask, byte* record);
}

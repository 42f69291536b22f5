using System.Buffers.Binary;
using System.IO.Compression;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Data;

/// <summary>Writes small IDX files for tests: any header (true or not), any data, plain or gzip.</summary>
internal static class IdxWriter
{
    /// <summary>The magic number (0, 0, type, rank) and the dimensions, big-endian.</summary>
    public static byte[] Header(byte type, params int[] dims) =>
        [0, 0, type, (byte)dims.Length, .. dims.SelectMany(d => new[] { (byte)(d >> 24), (byte)(d >> 16), (byte)(d >> 8), (byte)d })];

    public static byte[] File(byte type, int[] dims, byte[] data) => [.. Header(type, dims), .. data];

    public static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var z = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) z.Write(data);
        return output.ToArray();
    }

    /// <summary>A gzip file of <paramref name="header"/> and <paramref name="zeros"/> zero bytes: kilobytes that inflate to megabytes.</summary>
    public static byte[] Bomb(byte[] header, int zeros)
    {
        var output = new MemoryStream();
        using (var z = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            z.Write(header);
            z.Write(new byte[zeros]);
        }
        return output.ToArray();
    }

    /// <summary>Writes <paramref name="bytes"/> (gzip-compressed if asked) to <paramref name="name"/> in <paramref name="folder"/>.</summary>
    public static string Write(TempFolder folder, string name, byte[] bytes, bool gzip = false)
    {
        string path = folder.File(name);
        System.IO.File.WriteAllBytes(path, gzip ? Gzip(bytes) : bytes);
        return path;
    }

    /// <summary>
    /// A named pipe (Unix only) and the task that writes <paramref name="bytes"/> to it once a reader opens it (opening a
    /// pipe waits for the other end); a reader that stops early leaves the writer an IOException, ignored.
    /// </summary>
    public static async Task<(string Path, Task Writer)> Pipe(TempFolder folder, string name, byte[] bytes)
    {
        string path = folder.File(name);
        await System.Diagnostics.Process.Start("mkfifo", path).WaitForExitAsync();
        var writer = Task.Run(() =>
        {
            try { using var w = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite); w.Write(bytes); }
            catch (IOException) { }
        });
        return (path, writer);
    }

    /// <summary>Big-endian 32-bit floats, IDX type 0x0D.</summary>
    public static byte[] Floats(params float[] values)
    {
        var bytes = new byte[4 * values.Length];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleBigEndian(bytes.AsSpan(4 * i), values[i]);
        return bytes;
    }
}

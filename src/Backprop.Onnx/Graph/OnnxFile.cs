using Backprop.Diagnostics;
using Backprop.Onnx.Proto;
using Backprop.Serialization;
using Google.Protobuf;

namespace Backprop.Onnx;

/// <summary>Reads and writes .onnx files: the protobuf bytes of a <see cref="ModelProto"/>.</summary>
internal static class OnnxFile
{
    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> atomically.</summary>
    public static void Save(string path, ModelProto model) => AtomicFile.WriteAllBytes(path, model.ToByteArray());

    /// <summary>Reads the ONNX model at <paramref name="path"/>.</summary>
    /// <exception cref="ModelFormatException">The file is missing, unreadable, truncated or not an ONNX model.</exception>
    public static ModelProto Load(string path)
    {
        byte[] bytes;
        try
        {
            // A size of 0 is refused before opening: a pipe with no writer would block the open, /dev/zero never ends.
            var info = new FileInfo(path);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target) info = target;
            if (info.Exists && info.Length == 0)
                throw new ModelFormatException(
                    "the file is empty: its size is 0 bytes (a pipe or a device such as /dev/zero, which has no size, is not read)", path);
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            bytes = ReadFile(stream, path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) {
            throw new ModelFormatException("file not found", path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) {
            throw new ModelFormatException($"cannot read: {e.Message}", path, inner: e); }
        return Parse(bytes, path);
    }

    /// <summary>
    /// The most bytes an ONNX model may take: protobuf's limit for one message (larger models keep their weights in
    /// external files).
    /// </summary>
    public const long MaxBytes = int.MaxValue;

    /// <summary>
    /// The bytes of a regular file, read up to the size the file system gives and no further: a device that never ends
    /// (/dev/zero), a pipe, or a file over <see cref="MaxBytes"/> is refused before it is read.
    /// </summary>
    private static byte[] ReadFile(FileStream stream, string path)
    {
        if (!stream.CanSeek) throw new ModelFormatException("not a regular file (a pipe or a terminal); import reads an .onnx file", path);
        long size = stream.Length;
        if (size > MaxBytes)
            throw new ModelFormatException(
                $"the file is {size} bytes, more than the {MaxBytes} bytes of the largest ONNX model (protobuf's limit)", path);
        var bytes = new byte[size];
        int read = 0;
        while (read < bytes.Length && stream.Read(bytes, read, bytes.Length - read) is int n and > 0) read += n;
        if (read < bytes.Length)
            throw new ModelFormatException($"the file ended after {read} of its {size} bytes (it changed while it was read)", path);
        if (stream.ReadByte() >= 0)
            throw new ModelFormatException(
                $"not a regular file: it gives more bytes than its size ({size} bytes) says, as a device does; import reads an .onnx file", path);
        return bytes;
    }

    /// <summary>
    /// All of <paramref name="input"/>, refused once it passes <see cref="MaxBytes"/>; <paramref name="source"/> names it
    /// in the message.
    /// </summary>
    public static byte[] ReadAll(Stream input, string source)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int n;
        while ((n = input.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + n > MaxBytes)
                throw new ModelFormatException($"more than {MaxBytes} bytes, the largest ONNX model (protobuf's limit)", source);
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    /// <summary>Parses ONNX bytes; <paramref name="source"/> names them in error messages.</summary>
    /// <exception cref="ModelFormatException">The bytes are truncated or not an ONNX model.</exception>
    public static ModelProto Parse(byte[] bytes, string source)
    {
        if (bytes.Length == 0) throw new ModelFormatException("the file is empty", source);
        ModelProto model;
        try { model = ModelProto.Parser.ParseFrom(bytes); }
        catch (InvalidProtocolBufferException e)
        {
            throw e.Message.Contains("ended unexpectedly", StringComparison.Ordinal)
                ? new ModelFormatException("truncated: the bytes end in the middle of a field", source, inner: e)
                : new ModelFormatException($"not an ONNX model ({e.Message.TrimEnd('.')})", source, inner: e);
        }
        // Any bytes can happen to parse as some protobuf message; an ONNX model has an IR version, an opset and a graph.
        if (!model.HasIrVersion || model.IrVersion < 1 || model.Graph is null || model.OpsetImport.Count == 0)
            throw new ModelFormatException("not an ONNX model (no IR version, opset or graph)", source);
        return model;
    }

    /// <summary>The ONNX name of element type <paramref name="type"/>, e.g. <c>float</c>.</summary>
    public static string TypeName(int type) => (TensorProto.Types.DataType)type switch
    {
        TensorProto.Types.DataType.Float => "float",
        TensorProto.Types.DataType.Double => "double",
        TensorProto.Types.DataType.Int64 => "int64",
        TensorProto.Types.DataType.Int32 => "int32",
        TensorProto.Types.DataType.String => "string",
        TensorProto.Types.DataType.Bool => "bool",
        var other => other.ToString().ToLowerInvariant(),
    };
}

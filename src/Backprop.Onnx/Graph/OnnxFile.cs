using Backprop.Diagnostics;
using Backprop.Onnx.Proto;
using Backprop.Serialization;
using Google.Protobuf;

namespace Backprop.Onnx;

/// <summary>Reads and writes .onnx files: the protobuf bytes of a <see cref="ModelProto"/>.</summary>
public static class OnnxFile
{
    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> atomically.</summary>
    public static void Save(string path, ModelProto model) => AtomicFile.WriteAllBytes(path, model.ToByteArray());

    /// <summary>Reads the ONNX model at <paramref name="path"/>.</summary>
    /// <exception cref="ModelFormatException">The file is missing, unreadable, truncated or not an ONNX model.</exception>
    public static ModelProto Load(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { throw new ModelFormatException("file not found", path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new ModelFormatException($"cannot read: {e.Message}", path, inner: e); }
        return Parse(bytes, path);
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

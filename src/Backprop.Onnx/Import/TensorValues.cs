using System.Buffers.Binary;
using System.Text;
using Backprop.Onnx.Proto;

namespace Backprop.Onnx;

/// <summary>The values of a constant tensor, whichever field of the <see cref="TensorProto"/> holds them.</summary>
/// <param name="Name">The tensor's name.</param>
/// <param name="Dims">Its shape.</param>
/// <param name="Numbers">Its values as doubles (floats, doubles and integers), or null for strings.</param>
/// <param name="Texts">Its values for a string tensor, else null.</param>
internal sealed record TensorValues(string Name, long[] Dims, double[]? Numbers, string[]? Texts)
{
    /// <summary>How many values the shape says the tensor holds.</summary>
    public long Count => Dims.Aggregate(1L, (a, b) => a * b);

    /// <summary>Reads <paramref name="tensor"/>; the problem, if it cannot, is a sentence for an error message.</summary>
    public static TensorValues Read(TensorProto tensor, Func<string, Exception> problem)
    {
        if (tensor.ExternalData.Count > 0 || tensor.DataLocation == 1)
            throw problem($"tensor '{tensor.Name}' keeps its values in an external file, which Backprop does not read");
        var dims = tensor.Dims.ToArray();
        var raw = tensor.RawData.Span;
        TensorValues values = (TensorProto.Types.DataType)tensor.DataType switch
        {
            TensorProto.Types.DataType.Float => new(tensor.Name, dims, raw.Length > 0
                ? Enumerable.Range(0, raw.Length / 4).Select(i => (double)BinaryPrimitives.ReadSingleLittleEndian(tensor.RawData.Span[(4 * i)..])).ToArray()
                : tensor.FloatData.Select(v => (double)v).ToArray(), null),
            TensorProto.Types.DataType.Double => new(tensor.Name, dims, raw.Length > 0
                ? Enumerable.Range(0, raw.Length / 8).Select(i => BinaryPrimitives.ReadDoubleLittleEndian(tensor.RawData.Span[(8 * i)..])).ToArray()
                : tensor.DoubleData.ToArray(), null),
            TensorProto.Types.DataType.Int64 => new(tensor.Name, dims, raw.Length > 0
                ? Enumerable.Range(0, raw.Length / 8).Select(i => (double)BinaryPrimitives.ReadInt64LittleEndian(tensor.RawData.Span[(8 * i)..])).ToArray()
                : tensor.Int64Data.Select(v => (double)v).ToArray(), null),
            TensorProto.Types.DataType.Int32 => new(tensor.Name, dims, raw.Length > 0
                ? Enumerable.Range(0, raw.Length / 4).Select(i => (double)BinaryPrimitives.ReadInt32LittleEndian(tensor.RawData.Span[(4 * i)..])).ToArray()
                : tensor.Int32Data.Select(v => (double)v).ToArray(), null),
            TensorProto.Types.DataType.String => new(tensor.Name, dims, null, tensor.StringData.Select(s => Encoding.UTF8.GetString(s.Span)).ToArray()),
            var other => throw problem($"tensor '{tensor.Name}' holds {OnnxFile.TypeName((int)other)} values; Backprop reads float, double and integer tensors"),
        };
        int held = values.Numbers?.Length ?? values.Texts!.Length;
        if (held != values.Count)
            throw problem($"tensor '{tensor.Name}' is declared {Shape(dims)} ({values.Count} values) but holds {held}");
        return values;
    }

    /// <summary>A shape as text: 3×4, or "a scalar".</summary>
    public static string Shape(IReadOnlyList<long> dims) => dims.Count == 0 ? "a scalar" : string.Join("×", dims);
}

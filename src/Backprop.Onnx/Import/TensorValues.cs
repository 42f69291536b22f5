using System.Buffers.Binary;
using System.Text;
using Backprop.Onnx.Proto;

namespace Backprop.Onnx;

/// <summary>The values of a constant tensor, whichever field of the <see cref="TensorProto"/> holds them.</summary>
/// <param name="Name">The tensor's name.</param>
/// <param name="Dims">Its shape: every dimension from 0 to <see cref="int.MaxValue"/>, their product the number of values held.</param>
/// <param name="Numbers">Its values as doubles (floats, doubles and integers), all finite, or null for strings.</param>
/// <param name="Texts">Its values for a string tensor, else null.</param>
internal sealed record TensorValues(string Name, long[] Dims, double[]? Numbers, string[]? Texts)
{
    /// <summary>How many values the tensor holds (its shape's product).</summary>
    public long Count => Numbers?.Length ?? Texts!.Length;

    /// <summary>Reads <paramref name="tensor"/>; the problem, if it cannot, is a sentence for an error message.</summary>
    /// <remarks>
    /// The shape is checked against the values the file actually holds before anything is built from it, so a
    /// declared size (dimensions whose product overflows, or billions of values in a small file) allocates nothing.
    /// </remarks>
    public static TensorValues Read(TensorProto tensor, Func<string, Exception> problem)
    {
        string name = Quoted.Name(tensor.Name);
        if (tensor.ExternalData.Count > 0 || tensor.DataLocation == 1)
            throw problem($"tensor {name} keeps its values in an external file, which Backprop does not read");
        var dims = tensor.Dims.ToArray();
        var raw = tensor.RawData.Span;
        var type = (TensorProto.Types.DataType)tensor.DataType;
        int size = type switch
        {
            TensorProto.Types.DataType.Float or TensorProto.Types.DataType.Int32 => 4,
            TensorProto.Types.DataType.Double or TensorProto.Types.DataType.Int64 => 8,
            TensorProto.Types.DataType.String => 0,
            _ => throw problem($"tensor {name} holds {OnnxFile.TypeName((int)type)} values; Backprop reads float, double and integer tensors"),
        };
        if (size > 0 && raw.Length % size != 0)
            throw problem(
                $"tensor {name} has {raw.Length} bytes of raw data, not a whole number of {OnnxFile.TypeName((int)type)} values of {size} bytes");
        long held = size > 0 && raw.Length > 0 ? raw.Length / size : type switch
        {
            TensorProto.Types.DataType.Float => tensor.FloatData.Count,
            TensorProto.Types.DataType.Double => tensor.DoubleData.Count,
            TensorProto.Types.DataType.Int64 => tensor.Int64Data.Count,
            TensorProto.Types.DataType.Int32 => tensor.Int32Data.Count,
            _ => tensor.StringData.Count,
        };
        CheckShape(dims, held, name, problem);
        if (type == TensorProto.Types.DataType.String)
            return new(tensor.Name, dims, null, tensor.StringData.Select(s => Encoding.UTF8.GetString(s.Span)).ToArray());
        var numbers = new double[held];
        for (int i = 0; i < numbers.Length; i++)
        {
            numbers[i] = type switch
            {
                TensorProto.Types.DataType.Float => raw.Length > 0 ? BinaryPrimitives.ReadSingleLittleEndian(raw[(4 * i)..]) : tensor.FloatData[i],
                TensorProto.Types.DataType.Double => raw.Length > 0 ? BinaryPrimitives.ReadDoubleLittleEndian(raw[(8 * i)..]) : tensor.DoubleData[i],
                TensorProto.Types.DataType.Int64 => raw.Length > 0 ? BinaryPrimitives.ReadInt64LittleEndian(raw[(8 * i)..]) : tensor.Int64Data[i],
                _ => raw.Length > 0 ? BinaryPrimitives.ReadInt32LittleEndian(raw[(4 * i)..]) : tensor.Int32Data[i],
            };
            if (!double.IsFinite(numbers[i]))
                throw problem($"tensor {name} holds {numbers[i]} (value {i + 1} of {held}); a model's numbers are finite");
        }
        return new(tensor.Name, dims, numbers, null);
    }

    /// <summary>A tensor built from attribute values (a Constant's <c>value_floats</c>), checked as <see cref="Read"/> checks.</summary>
    public static TensorValues Of(string name, long[] dims, double[] numbers, Func<string, Exception> problem)
    {
        int bad = Array.FindIndex(numbers, v => !double.IsFinite(v));
        if (bad >= 0) throw problem($"constant {Quoted.Name(name)} holds {numbers[bad]} (value {bad + 1}); a model's numbers are finite");
        return new(name, dims, numbers, null);
    }

    /// <summary>Refuses a negative dimension, and a shape whose product is not the number of values held (checked without overflow).</summary>
    private static void CheckShape(long[] dims, long held, string name, Func<string, Exception> problem)
    {
        long product = 1;
        bool over = false;
        foreach (long d in dims)
        {
            if (d < 0) throw problem($"tensor {name} has a negative dimension: {Shape(dims)}");
            if (d > int.MaxValue || d > 0 && product > long.MaxValue / d) over = true;
            else product *= d;
        }
        if (over) throw problem($"tensor {name} is declared {Shape(dims)}, more values than any tensor holds, but holds {held}");
        if (product != held) throw problem($"tensor {name} is declared {Shape(dims)} ({product} values) but holds {held}");
    }

    /// <summary>A shape as text: 3×4, or "a scalar"; the first eight dimensions of a longer one.</summary>
    public static string Shape(IReadOnlyList<long> dims) =>
        dims.Count == 0 ? "a scalar" : string.Join("×", dims.Take(8)) + (dims.Count > 8 ? $"×… ({dims.Count} dimensions)" : "");
}

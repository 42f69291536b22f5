using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Backprop.Tests.Data;

/// <summary>Writes small level-5 MAT-files for tests: any class, either byte order, compressed or not.</summary>
internal static class MatWriter
{
    public sealed record Variable(string Name, int Rows, int Columns, double[] ColumnMajor, int MxClass = 6, int MiType = 9, uint ExtraFlags = 0);

    public static byte[] File(IEnumerable<Variable> variables, bool compressed = false, bool bigEndian = false)
    {
        var output = new List<byte>();
        var header = Encoding.ASCII.GetBytes("MATLAB 5.0 MAT-file, written by the Backprop tests".PadRight(116));
        output.AddRange(header);
        output.AddRange(new byte[8]);
        output.AddRange(bigEndian ? [0x01, 0x00, (byte)'M', (byte)'I'] : [0x00, 0x01, (byte)'I', (byte)'M']);
        foreach (var v in variables)
        {
            var matrix = Element(14, MatrixBody(v, bigEndian), bigEndian);
            output.AddRange(compressed ? Compressed(matrix, bigEndian) : matrix);
        }
        return [.. output];
    }

    public static byte[] Compressed(byte[] element, bool bigEndian = false)
    {
        var packed = new MemoryStream();
        using (var z = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true)) z.Write(element);
        return [.. U32(15, bigEndian), .. U32((uint)packed.Length, bigEndian), .. packed.ToArray()];
    }

    public static byte[] MatrixBody(Variable v, bool bigEndian)
    {
        var body = new List<byte>();
        body.AddRange(Element(6, [.. U32((uint)v.MxClass | v.ExtraFlags, bigEndian), .. U32(0, bigEndian)], bigEndian));
        body.AddRange(Element(5, [.. I32(v.Rows, bigEndian), .. I32(v.Columns, bigEndian)], bigEndian));
        body.AddRange(Element(1, Encoding.ASCII.GetBytes(v.Name), bigEndian));
        body.AddRange(Element(v.MiType, v.ColumnMajor.SelectMany(x => Encode(x, v.MiType, bigEndian)).ToArray(), bigEndian));
        return [.. body];
    }

    /// <summary>A tag and data padded to 8 bytes; data of up to 4 bytes in the small element format.</summary>
    public static byte[] Element(int type, byte[] data, bool bigEndian)
    {
        if (data.Length <= 4 && data.Length > 0)
        {
            var small = new byte[8];
            uint word = ((uint)data.Length << 16) | (uint)type;
            U32(word, bigEndian).CopyTo(small, 0);
            data.CopyTo(small, 4);
            return small;
        }
        int padded = (data.Length + 7) & ~7;
        var element = new byte[8 + padded];
        U32((uint)type, bigEndian).CopyTo(element, 0);
        U32((uint)data.Length, bigEndian).CopyTo(element, 4);
        data.CopyTo(element, 8);
        return element;
    }

    private static byte[] Encode(double x, int miType, bool big)
    {
        var b = new byte[miType switch { 1 or 2 => 1, 3 or 4 => 2, 5 or 6 or 7 => 4, _ => 8 }];
        switch (miType)
        {
            case 1: b[0] = (byte)(sbyte)x; break;
            case 2: b[0] = (byte)x; break;
            case 3: if (big) BinaryPrimitives.WriteInt16BigEndian(b, (short)x); else BinaryPrimitives.WriteInt16LittleEndian(b, (short)x); break;
            case 5: if (big) BinaryPrimitives.WriteInt32BigEndian(b, (int)x); else BinaryPrimitives.WriteInt32LittleEndian(b, (int)x); break;
            case 7: if (big) BinaryPrimitives.WriteSingleBigEndian(b, (float)x); else BinaryPrimitives.WriteSingleLittleEndian(b, (float)x); break;
            default: if (big) BinaryPrimitives.WriteDoubleBigEndian(b, x); else BinaryPrimitives.WriteDoubleLittleEndian(b, x); break;
        }
        return b;
    }

    public static byte[] U32(uint v, bool big) { var b =
        new byte[4]; if (big) BinaryPrimitives.WriteUInt32BigEndian(b, v); else BinaryPrimitives.WriteUInt32LittleEndian(b, v); return b; }
    private static byte[] I32(int v, bool big) => U32((uint)v, big);
}

namespace Backprop.Parquet;

/// <summary>
/// Walks one thrift compact-protocol structure (a Parquet footer or page header) without building it, checking that
/// every declared length fits the bytes there are: a string's length, a list's or map's element count (each element
/// takes a byte at least), the nesting depth. A forged length would otherwise make the decoder allocate or loop on it.
/// The integer fields of the structure and of the structures directly inside it are reported (<see cref="Integers"/>).
/// </summary>
internal sealed class ThriftShape
{
    /// <summary>Structures nested deeper than this are refused (Parquet's deepest is a handful).</summary>
    public const int MaxDepth = 32;

    private readonly byte[] _bytes;
    private readonly int _end;
    private int _at;

    private ThriftShape(byte[] bytes, int start, int end)
    {
        _bytes = bytes;
        _at = start;
        _end = end;
    }

    /// <summary>Integer fields: a top-level field by its id, a field of a top-level structure by 1000 × that structure's id + its id.</summary>
    public Dictionary<int, long> Integers { get; } = [];

    /// <summary>Where the structure ended.</summary>
    public int End => _at;

    /// <summary>Walks the structure at <paramref name="start"/>, which must end by <paramref name="end"/>.</summary>
    /// <exception cref="InvalidDataException">A length does not fit, a type is unknown, or the nesting is too deep.</exception>
    public static ThriftShape Walk(byte[] bytes, int start, int end)
    {
        var walk = new ThriftShape(bytes, start, end);
        walk.Struct(0, 0);
        return walk;
    }

    private void Struct(int depth, int parent)
    {
        if (depth > MaxDepth) throw Bad($"structures nested more than {MaxDepth} deep");
        int id = 0;
        while (true)
        {
            byte header = Byte();
            if (header == 0) return;
            int type = header & 0x0F, delta = header >> 4;
            id = delta != 0 ? id + delta : (int)ZigZag(VarInt());
            if (type is 4 or 5 or 6 && depth <= 1)
            {
                long value = ZigZag(VarInt());
                if (depth == 0) Integers[id] = value;
                else if (parent is > 0 and < 1000 && id is > 0 and < 1000) Integers[parent * 1000 + id] = value;
            }
            else Value(type, depth, element: false, id);
        }
    }

    private void Value(int type, int depth, bool element, int id = 0)
    {
        switch (type)
        {
            case 1 or 2:
                if (element) Skip(1); // a boolean in a list or map takes a byte; a field's is in its header
                return;
            case 3: Skip(1); return;
            case 4 or 5 or 6: VarInt(); return;
            case 7: Skip(8); return;
            case 8: Skip(Length("a string")); return;
            case 9 or 10: List(depth); return;
            case 11: Map(depth); return;
            case 12: Struct(depth + 1, depth == 0 ? id : 0); return;
            default: throw Bad($"a value of unknown type {type}");
        }
    }

    private void List(int depth)
    {
        if (depth + 1 > MaxDepth) throw Bad($"structures nested more than {MaxDepth} deep");
        byte header = Byte();
        long count = header >> 4;
        int type = header & 0x0F;
        if (count == 15) count = Length("a list");
        else if (count > _end - _at) throw Bad($"a list of {count} elements in {_end - _at} bytes");
        for (long i = 0; i < count; i++) Value(type, depth + 1, element: true);
    }

    private void Map(int depth)
    {
        if (depth + 1 > MaxDepth) throw Bad($"structures nested more than {MaxDepth} deep");
        long count = Length("a map");
        if (count == 0) return;
        byte types = Byte();
        if (count > (_end - _at) / 2) throw Bad($"a map of {count} entries in {_end - _at} bytes");
        for (long i = 0; i < count; i++)
        {
            Value(types >> 4, depth + 1, element: true);
            Value(types & 0x0F, depth + 1, element: true);
        }
    }

    /// <summary>A declared count or length, which must fit the bytes that remain.</summary>
    private long Length(string what)
    {
        ulong n = VarInt();
        if (n > (ulong)(_end - _at)) throw Bad($"{what} of {n} in {_end - _at} bytes");
        return (long)n;
    }

    private ulong VarInt()
    {
        ulong value = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            byte b = Byte();
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw Bad("a number longer than 10 bytes");
    }

    private static long ZigZag(ulong n) => (long)(n >> 1) ^ -(long)(n & 1);

    private byte Byte()
    {
        if (_at >= _end) throw Bad("its end before the structure's");
        return _bytes[_at++];
    }

    private void Skip(long n)
    {
        if (n > _end - _at) throw Bad($"{n} bytes where {_end - _at} remain");
        _at += (int)n;
    }

    private InvalidDataException Bad(string what) => new($"{what} at byte {_at}");
}

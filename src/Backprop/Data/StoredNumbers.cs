using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Backprop.Data;

/// <summary>Numbers stored in a binary file (IDX, MAT) as doubles: one loop per stored type, chosen once per block, not per value.</summary>
internal static class StoredNumbers
{
    /// <summary>
    /// Writes the <typeparamref name="T"/> values stored in <paramref name="bytes"/> (in big- or little-endian order) to
    /// <paramref name="values"/> as doubles. <paramref name="bytes"/> is put in the machine's byte order in place, so it
    /// must be a buffer the caller owns and no longer needs.
    /// </summary>
    public static void Widen<T>(Span<byte> bytes, bool bigEndian, Span<double> values) where T : unmanaged, INumberBase<T>
    {
        if (bigEndian == BitConverter.IsLittleEndian) ReverseEach(bytes, Unsafe.SizeOf<T>());
        ReadOnlySpan<T> stored = MemoryMarshal.Cast<byte, T>(bytes);
        values = values[..stored.Length];
        for (int i = 0; i < stored.Length; i++) values[i] = double.CreateTruncating(stored[i]);
    }

    /// <summary>Reverses the bytes of each <paramref name="size"/>-byte number in <paramref name="bytes"/>.</summary>
    private static void ReverseEach(Span<byte> bytes, int size)
    {
        switch (size)
        {
            case 2: var halves = MemoryMarshal.Cast<byte, ushort>(bytes); BinaryPrimitives.ReverseEndianness(halves, halves); break;
            case 4: var words = MemoryMarshal.Cast<byte, uint>(bytes); BinaryPrimitives.ReverseEndianness(words, words); break;
            case 8: var longs = MemoryMarshal.Cast<byte, ulong>(bytes); BinaryPrimitives.ReverseEndianness(longs, longs); break;
        }
    }
}

using FsCheck;
using FsCheck.Fluent;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Fuzz;

/// <summary>
/// One way of damaging a Parquet file: cut it, flip a bit (in its footer or anywhere), or forge one of the thrift
/// integers it declares (row counts, sizes, offsets, page sizes, string lengths) in its footer or anywhere, with a
/// value out of range, huge, or just off by one. <see cref="At"/> chooses the place as a fraction, <see cref="Pick"/> the value.
/// </summary>
internal sealed record ParquetDamage(ParquetDamageKind Kind, double At, int Pick)
{
    /// <summary>Damages as FsCheck generates them: one or two per case.</summary>
    public static Gen<ParquetDamage[]> Generator { get; } =
        from count in Gen.Choose(1, 2)
        from damages in Gen.ArrayOf(
            from kind in Gen.Elements(Enum.GetValues<ParquetDamageKind>())
            from at in Gen.Choose(0, 10_000)
            from pick in Gen.Choose(0, 999)
            select new ParquetDamage(kind, at / 10_000.0, pick), count)
        select damages;

    /// <summary>Deterministic cases: the same seed gives the same damages.</summary>
    public static ParquetDamage[][] Cases(ulong seed, int count) => Generator.Sample(count, new Rnd(seed), 20);

    private long Value(long old, long fileLength) => (Pick % 14) switch
    {
        0 => 0, 1 => -1, 2 => 1, 3 => int.MaxValue, 4 => (long)int.MaxValue + 1, 5 => 1L << 40, 6 => long.MaxValue,
        7 => 100_000_000, 8 => fileLength, 9 => fileLength + 1, 10 => old * 2, 11 => old + 1, 12 => old - 1, _ => old * 1000,
    };

    public byte[] Apply(byte[] input)
    {
        var (footerStart, footerLength) = FooterOrWhole(input);
        switch (Kind)
        {
            case ParquetDamageKind.Truncate:
                return input[..Math.Clamp((int)(At * input.Length), 0, input.Length)];
            case ParquetDamageKind.FlipBitInFooter:
            case ParquetDamageKind.FlipBitAnywhere:
                if (input.Length == 0) return input;
                var flipped = (byte[])input.Clone();
                int at = Kind == ParquetDamageKind.FlipBitAnywhere ? (int)(At * input.Length) : footerStart + (int)(At * footerLength);
                flipped[Math.Clamp(at, 0, input.Length - 1)] ^= (byte)(1 << (Pick % 8));
                return flipped;
            default:
                bool footer = Kind == ParquetDamageKind.ForgeFooterInteger;
                return Forge(input, footer ? footerStart : 0, footer ? footerStart + footerLength : input.Length, footer);
        }
    }

    /// <summary>The footer's place, or the whole file when its length field is not believable.</summary>
    private static (int Start, int Length) FooterOrWhole(byte[] input)
    {
        if (input.Length < 12) return (0, input.Length);
        var (start, length) = ParquetFiles.Footer(input);
        return start >= 4 && length > 0 ? (start, length) : (0, input.Length);
    }

    /// <summary>Replaces the varint after a thrift i32/i64 field header in [from, to); the footer's length follows when the footer changed.</summary>
    private byte[] Forge(byte[] input, int from, int to, bool inFooter)
    {
        var places = new List<(int At, int Length, long Value)>();
        for (int i = from; i < to - 1; i++)
            if ((input[i] & 0x0F) is 5 or 6 && input[i] >> 4 != 0 && ReadVarInt(input, i + 1, to) is var (length, value) && length > 0)
                places.Add((i + 1, length, value));
        if (places.Count == 0) return input;
        var (place, size, old) = places[Math.Min((int)(At * places.Count), places.Count - 1)];
        long zigzagged = (old >> 1) ^ -(old & 1);
        byte[] replacement = ParquetFiles.VarInt(ParquetFiles.ZigZag(Value(zigzagged, input.Length)));
        byte[] result = [.. input[..place], .. replacement, .. input[(place + size)..]];
        if (inFooter && result.Length >= 8)
            BitConverter.GetBytes(BitConverter.ToInt32(input, input.Length - 8) + replacement.Length - size).CopyTo(result, result.Length - 8);
        return result;
    }

    private static (int Length, long Value)? ReadVarInt(byte[] bytes, int at, int end)
    {
        long value = 0;
        for (int k = 0; k < 10 && at + k < end; k++)
        {
            value |= (long)(bytes[at + k] & 0x7F) << (7 * k);
            if ((bytes[at + k] & 0x80) == 0) return (k + 1, value);
        }
        return null;
    }

    public override string ToString() => Kind switch
    {
        ParquetDamageKind.Truncate => $"truncate at {At:P1}",
        ParquetDamageKind.FlipBitInFooter => $"flip bit {Pick % 8} at {At:P1} of the footer",
        ParquetDamageKind.FlipBitAnywhere => $"flip bit {Pick % 8} at {At:P1}",
        _ => $"{Kind} at {At:P1} with value choice {Pick % 14}",
    };
}

internal enum ParquetDamageKind { Truncate, FlipBitInFooter, FlipBitAnywhere, ForgeFooterInteger, ForgeAnyInteger }

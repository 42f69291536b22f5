using System.Text;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;

namespace Backprop.Tests.Fuzz;

/// <summary>
/// One way of damaging a file: where (<see cref="At"/> and <see cref="To"/> as fractions of the file, so one damage fits
/// files of any length) and what (<see cref="Pick"/> chooses among the replacement values or inserted bytes).
/// </summary>
internal sealed record Damage(DamageKind Kind, double At, double To, int Pick)
{
    /// <summary>Values a number (or any JSON scalar) is replaced with: out of range, not finite, of the wrong type.</summary>
    public static readonly string[] Replacements =
    [
        "1e309", "-1e309", "NaN", "nan", "Infinity", "-1", "0", "-0", "1.5", "1e30", "-1e30", "1e-320", "abc", "",
        "99999999999999999999", "2147483648", "-2147483649", "\"3\"", "null", "[]", "{}", "true", "\"\"", "1,5", "0x10",
        "1e9", "-5", "3.0",
    ];

    /// <summary>Bytes inserted: quotes, separators, line breaks, a NUL, an invalid UTF-8 byte, JSON punctuation.</summary>
    public static readonly byte[][] Insertions =
    [
        "\""u8.ToArray(), ","u8.ToArray(), ";"u8.ToArray(), "\n"u8.ToArray(), "\r"u8.ToArray(), [0], [0xFF], [0xC3],
        "{"u8.ToArray(), "}"u8.ToArray(), "["u8.ToArray(), "]"u8.ToArray(), ":"u8.ToArray(), "\t"u8.ToArray(), "é"u8.ToArray(),
    ];

    private static readonly Regex Number = new(@"-?\d+(\.\d+)?([eE][-+]?\d+)?", RegexOptions.Compiled);

    /// <summary>Damages as FsCheck generates them: one to three per case.</summary>
    public static Gen<Damage[]> Generator { get; } =
        from count in Gen.Choose(1, 3)
        from damages in Gen.ArrayOf(
            from kind in Gen.Elements(Enum.GetValues<DamageKind>())
            from at in Gen.Choose(0, 10_000)
            from to in Gen.Choose(0, 10_000)
            from pick in Gen.Choose(0, 999)
            select new Damage(kind, at / 10_000.0, to / 10_000.0, pick), count)
        select damages;

    /// <summary>Deterministic cases: the same seed gives the same damages.</summary>
    public static Damage[][] Cases(ulong seed, int count) => Generator.Sample(count, new Rnd(seed), 20);

    public byte[] Apply(byte[] input)
    {
        int At(double f) => Math.Clamp((int)(f * input.Length), 0, input.Length);
        switch (Kind)
        {
            case DamageKind.Truncate:
                return input[..At(this.At)];
            case DamageKind.FlipByte:
                if (input.Length == 0) return input;
                var flipped = (byte[])input.Clone();
                flipped[Math.Min(At(this.At), input.Length - 1)] ^= (byte)(1 << (Pick % 8));
                return flipped;
            case DamageKind.Insert:
                int p = At(this.At);
                return [.. input[..p], .. Insertions[Pick % Insertions.Length], .. input[p..]];
            case DamageKind.ReplaceNumber:
                return ReplaceMatch(input, Replacements[Pick % Replacements.Length]);
            case DamageKind.DeleteLine:
            case DamageKind.DuplicateLine:
            case DamageKind.SwapLines:
                return Lines(input);
            case DamageKind.SwapNumbers:
                return SwapMatches(input);
            default:
                throw new InvalidOperationException(Kind.ToString());
        }
    }

    private byte[] ReplaceMatch(byte[] input, string replacement)
    {
        string text = Encoding.Latin1.GetString(input);
        var matches = Number.Matches(text);
        if (matches.Count == 0) return input;
        var m = matches[Math.Min((int)(At * matches.Count), matches.Count - 1)];
        return Encoding.Latin1.GetBytes(text[..m.Index] + replacement + text[(m.Index + m.Length)..]);
    }

    private byte[] SwapMatches(byte[] input)
    {
        string text = Encoding.Latin1.GetString(input);
        var matches = Number.Matches(text);
        if (matches.Count < 2) return input;
        var a = matches[Math.Min((int)(At * matches.Count), matches.Count - 1)];
        var b = matches[Math.Min((int)(To * matches.Count), matches.Count - 1)];
        if (a.Index == b.Index) return input;
        if (a.Index > b.Index) (a, b) = (b, a);
        return Encoding.Latin1.GetBytes(text[..a.Index] + b.Value + text[(a.Index + a.Length)..b.Index] + a.Value + text[(b.Index + b.Length)..]);
    }

    private byte[] Lines(byte[] input)
    {
        var lines = Encoding.Latin1.GetString(input).Split('\n').ToList();
        int i = Math.Min((int)(At * lines.Count), lines.Count - 1), j = Math.Min((int)(To * lines.Count), lines.Count - 1);
        switch (Kind)
        {
            case DamageKind.DeleteLine: lines.RemoveAt(i); break;
            case DamageKind.DuplicateLine: lines.Insert(i, lines[i]); break;
            default: (lines[i], lines[j]) = (lines[j], lines[i]); break;
        }
        return Encoding.Latin1.GetBytes(string.Join('\n', lines));
    }

    public override string ToString() => Kind switch
    {
        DamageKind.Truncate => $"truncate at {At:P1}",
        DamageKind.FlipByte => $"flip bit {Pick % 8} at {At:P1}",
        DamageKind.Insert => $"insert {Convert.ToHexString(Insertions[Pick % Insertions.Length])} at {At:P1}",
        DamageKind.ReplaceNumber => $"replace the number at {At:P1} by '{Replacements[Pick % Replacements.Length]}'",
        DamageKind.SwapNumbers => $"swap the numbers at {At:P1} and {To:P1}",
        _ => $"{Kind} at {At:P1}/{To:P1}",
    };
}

internal enum DamageKind { Truncate, FlipByte, Insert, ReplaceNumber, DeleteLine, DuplicateLine, SwapLines, SwapNumbers }

using System.Buffers.Binary;
using Parquet;
using Parquet.Schema;

namespace Backprop.Tests.Cli;

/// <summary>
/// Parquet files for tests: a small good table (doubles <c>a</c>, <c>b</c> and a text class <c>kind</c>), files built
/// column by column, and footers forged by editing the thrift integers of a good file in place.
/// </summary>
internal static class ParquetFiles
{
    /// <summary>Rows of the good table.</summary>
    public const int Rows = 40;

    /// <summary>The good table's columns: <c>kind</c> is x when a + b &gt; 1, else y.</summary>
    public static (double[] A, double[] B, string[] Kind) Values()
    {
        var random = new Random(3);
        var a = Enumerable.Range(0, Rows).Select(_ => random.NextDouble()).ToArray();
        var b = Enumerable.Range(0, Rows).Select(_ => random.NextDouble()).ToArray();
        return (a, b, [.. a.Zip(b, (x, y) => x + y > 1 ? "x" : "y")]);
    }

    /// <summary>Writes <paramref name="fields"/> with one row group per entry of <paramref name="groups"/> (none: a schema and no rows).</summary>
    public static async Task Write(string path, DataField[] fields, params Func<ParquetRowGroupWriter, Task>[] groups)
    {
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
        foreach (var group in groups)
        {
            using var rows = writer.CreateRowGroup();
            await group(rows);
        }
    }

    /// <summary>The good table, with <paramref name="a"/> as its first column and <paramref name="target"/> its class column when given.</summary>
    public static Task Table(string path, double[]? a = null, string target = "kind", string[]? kinds = null)
    {
        var (va, vb, vk) = Values();
        DataField[] fields = [new DataField<double>("a"), new DataField<double>("b"), new DataField<string>(target)];
        return Write(path, fields, async g =>
        {
            await g.WriteAsync<double>(fields[0], (a ?? va).AsMemory());
            await g.WriteAsync<double>(fields[1], vb.AsMemory());
            await g.WriteAsync(fields[2], kinds ?? vk);
        });
    }

    /// <summary>Where the footer starts and how long it is.</summary>
    public static (int Start, int Length) Footer(byte[] file)
    {
        int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(file.Length - 8));
        return (file.Length - 8 - length, length);
    }

    /// <summary>
    /// The footer with every thrift i64 field whose value is <paramref name="old"/> set to <paramref name="claim"/>
    /// (the footer's length updated): the row counts of the file, its row groups and its column chunks when
    /// <paramref name="old"/> is the row count.
    /// </summary>
    public static byte[] Forge(byte[] file, long old, long claim, Func<int, bool>? which = null)
    {
        var (start, length) = Footer(file);
        var footer = file.AsSpan(start, length);
        byte[] pattern = VarInt(ZigZag(old));
        var result = new List<byte>(file[..start]);
        int found = 0;
        for (int i = 0; i < footer.Length; i++)
        {
            bool field = (footer[i] & 0x0F) == 6 && footer[i] >> 4 != 0 && footer[(i + 1)..].StartsWith(pattern);
            if (field && (which?.Invoke(found++) ?? true))
            {
                result.Add(footer[i]);
                result.AddRange(VarInt(ZigZag(claim)));
                i += pattern.Length;
            }
            else result.Add(footer[i]);
        }
        int newLength = result.Count - start;
        result.AddRange(BitConverter.GetBytes(newLength));
        result.AddRange("PAR1"u8.ToArray());
        return [.. result];
    }

    public static ulong ZigZag(long n) => (ulong)((n << 1) ^ (n >> 63));

    public static byte[] VarInt(ulong n)
    {
        var bytes = new List<byte>();
        do
        {
            byte b = (byte)(n & 0x7F);
            n >>= 7;
            bytes.Add(n != 0 ? (byte)(b | 0x80) : b);
        }
        while (n != 0);
        return [.. bytes];
    }
}

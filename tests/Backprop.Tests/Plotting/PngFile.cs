using System.Buffers.Binary;
using SkiaSharp;

namespace Backprop.Tests.Plotting;

/// <summary>What a test needs to know of a PNG file: its size from the header, and its pixels decoded.</summary>
internal sealed class PngFile
{
    private readonly SKBitmap _bitmap;

    public PngFile(byte[] bytes)
    {
        // The signature and the IHDR chunk, read by hand so the size does not come from the library that wrote the file.
        byte[] signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        Assert.True(bytes.AsSpan(0, 8).SequenceEqual(signature), "the file starts with the PNG signature");
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        Width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16));
        Height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20));
        _bitmap = SKBitmap.Decode(bytes) ?? throw new InvalidOperationException("the PNG does not decode");
    }

    public static PngFile Read(string path) => new(File.ReadAllBytes(path));

    public int Width { get; }
    public int Height { get; }

    /// <summary>Pixels matching <paramref name="match"/>.</summary>
    public int Count(Func<SKColor, bool> match)
    {
        int count = 0;
        for (int y = 0; y < _bitmap.Height; y++)
            for (int x = 0; x < _bitmap.Width; x++)
                if (match(_bitmap.GetPixel(x, y))) count++;
        return count;
    }

    /// <summary>Pixels that are not (nearly) white: what was drawn.</summary>
    public int Inked => Count(c => c.Red < 230 || c.Green < 230 || c.Blue < 230);

    public static bool Green(SKColor c) => c.Green > 100 && c.Green > c.Red + 50 && c.Green > c.Blue + 50;
    public static bool Red(SKColor c) => c.Red > 150 && c.Red > c.Green + 80 && c.Red > c.Blue + 80;
    public static bool Blue(SKColor c) => c.Blue > 120 && c.Blue > c.Red + 60 && c.Blue > c.Green + 20;
}

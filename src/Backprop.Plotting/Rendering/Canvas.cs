using SkiaSharp;

namespace Backprop.Plotting.Rendering;

/// <summary>Turns drawing on a Skia canvas into the bytes of a PNG or SVG file.</summary>
internal static class Canvas
{
    /// <summary>Draws on a white <paramref name="width"/>×<paramref name="height"/> canvas and encodes it as <paramref name="format"/>.</summary>
    public static Picture Render(int width, int height, PictureFormat format, Action<SKCanvas> draw)
    {
        if (format == PictureFormat.Png)
        {
            using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
                ?? throw new InvalidOperationException($"cannot make a {width}×{height} picture");
            surface.Canvas.Clear(SKColors.White);
            draw(surface.Canvas);
            using var image = surface.Snapshot();
            using var data = image.Encode(SKEncodedImageFormat.Png, 100);
            return new Picture(data.ToArray(), format, width, height);
        }
        using var stream = new MemoryStream();
        using (var managed = new SKManagedWStream(stream))
        using (var canvas = SKSvgCanvas.Create(SKRect.Create(width, height), managed))
        {
            canvas.Clear(SKColors.White);
            draw(canvas);
        }
        return new Picture(stream.ToArray(), format, width, height);
    }
}

using Backprop.Plotting.Rendering;
using SkiaSharp;

namespace Backprop.Plotting.Network;

/// <summary>Draws the diagram on a Skia canvas, for the PNG, with the same embedded typeface the layout measured text with.</summary>
internal sealed class SkiaDrawing(SKCanvas canvas) : IDrawing
{
    public void Line(float x1, float y1, float x2, float y2, string colour, float width, float opacity, EdgeTag? tag = null)
    {
        using var paint = new SKPaint { Color = Colours.Skia(colour, opacity), StrokeWidth = width, IsAntialias = true, Style = SKPaintStyle.Stroke,
            StrokeCap = SKStrokeCap.Round };
        canvas.DrawLine(x1, y1, x2, y2, paint);
    }

    public void Circle(float cx, float cy, float radius, string fill, string stroke, float strokeWidth, string kind, string label)
    {
        using var paint = new SKPaint { Color = Colours.Skia(fill), IsAntialias = true, Style = SKPaintStyle.Fill };
        canvas.DrawCircle(cx, cy, radius, paint);
        if (strokeWidth <= 0) return;
        paint.Color = Colours.Skia(stroke);
        paint.Style = SKPaintStyle.Stroke;
        paint.StrokeWidth = strokeWidth;
        canvas.DrawCircle(cx, cy, radius, paint);
    }

    public void Box(float x, float y, float width, float height, string fill, float opacity)
    {
        using var paint = new SKPaint { Color = Colours.Skia(fill, opacity), IsAntialias = true, Style = SKPaintStyle.Fill };
        canvas.DrawRoundRect(x, y, width, height, 2, 2, paint);
    }

    public void Text(float x, float y, string text, float size, string colour, TextAnchor anchor = TextAnchor.Middle, bool bold = false,
        string? kind = null)
    {
        using var font = new SKFont(bold ? PlotFonts.Bold : PlotFonts.Regular, size) { Subpixel = true, Edging = SKFontEdging.Antialias };
        using var paint = new SKPaint { Color = Colours.Skia(colour), IsAntialias = true };
        var align = anchor switch { TextAnchor.Start => SKTextAlign.Left, TextAnchor.End => SKTextAlign.Right, _ => SKTextAlign.Center };
        canvas.DrawText(text, x, y, align, font, paint);
    }
}

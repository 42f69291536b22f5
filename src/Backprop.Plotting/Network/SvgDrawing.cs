using System.Globalization;
using System.Security;
using System.Text;
using Backprop.Plotting.Rendering;

namespace Backprop.Plotting.Network;

/// <summary>Writes the diagram as SVG text, one element per shape, numbers with at most two decimals so the file is small and the same every
/// time.</summary>
internal sealed class SvgDrawing : IDrawing
{
    private readonly StringBuilder _svg = new();
    private readonly int _width, _height;

    public SvgDrawing(int width, int height, string title)
    {
        _width = width;
        _height = height;
        _svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" " +
                $"font-family=\"{PlotFonts.SvgFamilies}\">\n");
        _svg.Append("<title>").Append(Escape(title)).Append("</title>\n");
        _svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>\n");
    }

    public void Line(float x1, float y1, float x2, float y2, string colour, float width, float opacity, EdgeTag? tag = null)
    {
        _svg.Append("<line");
        if (tag is not null)
        {
            string sign = tag.Weight > 0 ? "positive" : tag.Weight < 0 ? "negative" : "zero";
            _svg.Append(CultureInfo.InvariantCulture,
                $" class=\"edge {sign}\" data-layer=\"{tag.Layer}\" data-unit=\"{tag.Unit}\" " +
                    $"data-input=\"{(tag.Input is int i ? i.ToString(CultureInfo.InvariantCulture) : "bias")}\" " +
                        $"data-weight=\"{tag.Weight.ToString("R", CultureInfo.InvariantCulture)}\"");
        }
        _svg.Append(CultureInfo.InvariantCulture,
            $" x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{colour}\" stroke-width=\"{N(width)}\"");
        if (opacity < 1) _svg.Append(CultureInfo.InvariantCulture, $" stroke-opacity=\"{N(opacity)}\"");
        _svg.Append(" stroke-linecap=\"round\"/>\n");
    }

    public void Circle(float cx, float cy, float radius, string fill, string stroke, float strokeWidth, string kind, string label) =>
        _svg.Append(CultureInfo.InvariantCulture,
            $"<circle class=\"node {kind}\" data-label=\"{Escape(label)}\" cx=\"{N(cx)}\" cy=\"{N(cy)}\" r=\"{N(radius)}\" fill=\"{fill}\" " +
                $"stroke=\"{stroke}\" stroke-width=\"{N(strokeWidth)}\"/>\n");

    public void Box(float x, float y, float width, float height, string fill, float opacity) =>
        _svg.Append(CultureInfo.InvariantCulture,
            $"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(width)}\" height=\"{N(height)}\" rx=\"2\" " +
                $"fill=\"{fill}\"{(opacity < 1 ? $" fill-opacity=\"{N(opacity)}\"" : "")}/>\n");

    public void Text(float x, float y, string text, float size, string colour, TextAnchor anchor = TextAnchor.Middle, bool bold = false,
        string? kind = null)
    {
        string anchorName = anchor switch { TextAnchor.Start => "start", TextAnchor.End => "end", _ => "middle" };
        _svg.Append(CultureInfo.InvariantCulture,
            $"<text{(kind is null ? "" : $" class=\"{kind}\"")} x=\"{N(x)}\" y=\"{N(y)}\" font-size=\"{N(size)}\" fill=\"{colour}\" " +
                $"text-anchor=\"{anchorName}\"{(bold ? " font-weight=\"bold\"" : "")}>")
            .Append(Escape(text)).Append("</text>\n");
    }

    public Picture ToPicture() => new(Encoding.UTF8.GetBytes(_svg + "</svg>\n"), PictureFormat.Svg, _width, _height);

    private static string N(float v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);

    private static string Escape(string text) => SecurityElement.Escape(text);
}

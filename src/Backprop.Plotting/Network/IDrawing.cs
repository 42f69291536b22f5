namespace Backprop.Plotting.Network;

/// <summary>Where text sits relative to the point it is drawn at.</summary>
internal enum TextAnchor { Start, Middle, End }

/// <summary>
/// The few shapes the network diagram is made of, so the same layout draws the SVG (as text, with a class and the weight on
/// every edge) and the PNG (through Skia). Coordinates are pixels from the top-left corner; a text's y is its baseline.
/// </summary>
internal interface IDrawing
{
    void Line(float x1, float y1, float x2, float y2, string colour, float width, float opacity, EdgeTag? tag = null);
    void Circle(float cx, float cy, float radius, string fill, string stroke, float strokeWidth, string kind, string label);
    void Box(float x, float y, float width, float height, string fill, float opacity);
    void Text(float x, float y, string text, float size, string colour, TextAnchor anchor = TextAnchor.Middle, bool bold = false,
        string? kind = null);
}

/// <summary>What an edge stands for, written into the SVG so a reader (or a test) can tell every weight apart.</summary>
/// <param name="Layer">The layer index, as in the model file's <c>layers[l]</c>.</param>
/// <param name="Unit">The unit j the weight feeds.</param>
/// <param name="Input">The input i it comes from, or null for the bias.</param>
/// <param name="Weight">The weight's value.</param>
internal sealed record EdgeTag(int Layer, int Unit, int? Input, double Weight);

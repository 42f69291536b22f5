using System.Globalization;
using Backprop.Plotting.Rendering;
using Backprop.Serialization;

namespace Backprop.Plotting.Network;

/// <summary>
/// Seed 000's "final network" picture for any model: inputs, hidden and output units in columns, bias units on top, one
/// line per weight, green when positive and red when negative, as wide as the weight is large, with the values written on
/// the lines of a small network. In the SVG every weight's line has class <c>edge positive</c> or <c>edge negative</c>
/// (<c>edge zero</c> for 0) and carries its layer, unit, input and value.
/// </summary>
public static class NetworkDiagram
{
    private const float LabelSize = 12, LabelPad = 2.5f;
    // Where along an edge (from its source) a value label may sit, in the order tried: seed 000 puts them at 0.3.
    private static readonly float[] LabelPositions = [0.3f, 0.22f, 0.38f, 0.15f, 0.46f, 0.54f, 0.62f, 0.7f];

    /// <summary>Draws <paramref name="model"/>'s network.</summary>
    public static Picture Render(ModelDocument model, PictureFormat format, DiagramOptions? options = null)
    {
        var layout = new NetworkLayout(model, options ?? new DiagramOptions());
        if (format == PictureFormat.Svg)
        {
            var svg = new SvgDrawing(layout.Width, layout.Height, layout.Title);
            Draw(layout, svg);
            return svg.ToPicture();
        }
        return Canvas.Render(layout.Width, layout.Height, format, canvas => Draw(layout, new SkiaDrawing(canvas)));
    }

    private static void Draw(NetworkLayout layout, IDrawing d)
    {
        d.Text(layout.Width / 2f, 30, layout.Title, 19, Colours.Ink, bold: true, kind: "title");
        for (int k = 0; k < layout.Caption.Count; k++)
            d.Text(layout.Width / 2f, 54 + 18 * k, layout.Caption[k], 12.5f, Colours.Muted, kind: "caption");
        foreach (var heading in layout.Headings)
            d.Text(heading.X, NetworkLayout.HeaderHeight - 14, heading.Text, 13.5f, Colours.Ink, bold: true, kind: "heading");

        double largest = layout.LargestWeight > 0 ? layout.LargestWeight : 1;
        bool faint = layout.Summarised || layout.Edges.Count > 150;
        foreach (var edge in layout.Edges)
        {
            double w = edge.Tag.Weight, share = Math.Abs(w) / largest;
            string colour = w > 0 ? Colours.Positive : w < 0 ? Colours.Negative : Colours.Zero;
            float width = faint ? (float)(0.35 + 2.4 * share) : (float)(0.8 + 5.2 * share);
            float opacity = faint ? (float)(0.15 + 0.75 * share) : 0.9f;
            d.Line(edge.From.X, edge.From.Y, edge.To.X, edge.To.Y, colour, width, opacity, edge.Tag);
        }
        if (layout.ValueLabels) DrawValueLabels(layout, d);

        foreach (var node in layout.Nodes) DrawNode(layout, node, d);
    }

    private static void DrawNode(NetworkLayout layout, Node node, IDrawing d)
    {
        var (fill, stroke) = node.Kind switch
        {
            NodeKind.Input => ("#dbe8f7", "#1f5fbf"),
            NodeKind.Output => ("#fde3cf", "#c46210"),
            NodeKind.Bias => ("#fff4c2", "#9a7d00"),
            _ => ("#ececec", "#555555"),
        };
        float r = node.Radius;
        // A dot too small for an outline is filled with the outline's colour, so a column of 784 inputs still shows.
        d.Circle(node.X, node.Y, r, r >= 6 ? fill : stroke, stroke, r >= 6 ? 1.6f : 0, node.Kind.ToString().ToLowerInvariant(), node.Label);
        if (!NetworkLayout.Labelled(node)) return;
        float size = Math.Min(Math.Min(13, r * 0.75f), 13 * 1.6f * r / NetworkLayout.TextWidth(node.Label, 13, bold: true));
        d.Text(node.X, node.Y + size * 0.36f, node.Label, size, Colours.Ink, bold: true, kind: "unit");
        if (node.Name is null) return;
        if (node.Kind == NodeKind.Input) d.Text(node.X - r - 8, node.Y + 4.5f, node.Name, 13, Colours.Ink, TextAnchor.End, kind: "name");
        else d.Text(node.X + r + 8, node.Y + 4.5f, node.Name, 13, Colours.Ink, TextAnchor.Start, kind: "name");
    }

    /// <summary>
    /// Writes each weight's value on its line, trying positions along the line until the label overlaps no earlier label
    /// and no unit (the first position when none is free), in a fixed order so the picture is the same every time.
    /// </summary>
    private static void DrawValueLabels(NetworkLayout layout, IDrawing d)
    {
        var taken = new List<(float X, float Y, float W, float H)>();
        float height = LabelSize + 2 * LabelPad;
        bool Free((float X, float Y, float W, float H) box) =>
            !taken.Any(t => box.X < t.X + t.W && t.X < box.X + box.W && box.Y < t.Y + t.H && t.Y < box.Y + box.H) &&
            !layout.Nodes.Any(n => n.X + n.Radius + 2 > box.X && n.X - n.Radius - 2 < box.X + box.W && n.Y + n.Radius + 2 > box.Y && n.Y - n.Radius
                - 2 < box.Y + box.H);

        // Labels are placed strongest first, in the drawing order's reverse, so the clearest places go to the largest weights.
        foreach (var edge in layout.Edges.Reverse())
        {
            string text = $"{edge.Name} = {Value(edge.Tag.Weight)}";
            float width = NetworkLayout.TextWidth(text, LabelSize) + 2 * LabelPad;
            (float X, float Y, float W, float H) Box(float f)
            {
                float x = edge.From.X + f * (edge.To.X - edge.From.X), y = edge.From.Y + f * (edge.To.Y - edge.From.Y);
                return (x - width / 2, y - height / 2, width, height);
            }
            var box = LabelPositions.Select(Box).FirstOrDefault(Free, Box(LabelPositions[0]));
            taken.Add(box);
            string colour = edge.Tag.Weight > 0 ? "#0f5e1f" : edge.Tag.Weight < 0 ? "#a31515" : Colours.Ink;
            d.Box(box.X, box.Y, box.W, box.H, "#ffffff", 0.88f);
            d.Text(box.X + box.W / 2, box.Y + LabelPad + LabelSize * 0.8f, text, LabelSize, colour, kind: "weight");
        }
    }

    /// <summary>A weight as seed 000 prints it ('%.2f'), with a true minus sign.</summary>
    internal static string Value(double weight) =>
        weight.ToString("0.00", CultureInfo.InvariantCulture).Replace('-', '−');
}

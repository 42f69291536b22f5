using ScottPlot;

namespace Backprop.Plotting.Rendering;

/// <summary>One or more ScottPlot plots laid out on one picture, each in its own rectangle.</summary>
internal sealed class Figure(int width, int height)
{
    private readonly List<(Plot Plot, PixelRect Area)> _panels = [];

    public int Width { get; } = width;
    public int Height { get; } = height;

    /// <summary>A new plot with the pictures' fonts, sizes and labels, placed at <paramref name="area"/>.</summary>
    public Plot Add(PixelRect area, string title, string xLabel, string yLabel)
    {
        PlotFonts.UseInScottPlot();
        var plot = new Plot();
        plot.Title(title, 17);
        plot.XLabel(xLabel, 14);
        plot.YLabel(yLabel, 14);
        plot.Axes.Title.Label.ForeColor = Colours.Color(Colours.Ink);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 12;
        plot.Axes.Left.TickLabelStyle.FontSize = 12;
        _panels.Add((plot, area));
        return plot;
    }

    /// <summary>A plot filling the whole picture.</summary>
    public Plot Add(string title, string xLabel, string yLabel) => Add(new PixelRect(Width, Height), title, xLabel, yLabel);

    /// <summary>The area of row <paramref name="row"/>, column <paramref name="column"/> of an even grid.</summary>
    public PixelRect Cell(int row, int rows, int column = 0, int columns = 1)
    {
        float w = (float)Width / columns, h = (float)Height / rows;
        return new PixelRect(column * w, (column + 1) * w, (row + 1) * h, row * h);
    }

    public Picture Render(PictureFormat format) => Canvas.Render(Width, Height, format, canvas =>
    {
        foreach (var (plot, area) in _panels)
        {
            // ScottPlot draws a plot a second time when its first drawing settles the axis limits; settle them off-screen
            // first, so an SVG holds each shape once.
            plot.RenderInMemory((int)area.Width, (int)area.Height);
            // A plot clears its background: keep it to its own rectangle so it does not wipe the panels drawn before it.
            canvas.Save();
            canvas.ClipRect(area.ToSKRect());
            plot.Render(canvas, area);
            canvas.Restore();
        }
    });
}

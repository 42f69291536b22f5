using Backprop.Diagnostics;
using Backprop.Plotting.Rendering;
using ScottPlot;

namespace Backprop.Plotting.Charts;

/// <summary>
/// A grid of input images (seed 004's digits) with the true label and the network's answer under each: right answers in
/// green, mistakes in red with a red frame, so a learner sees what the network gets wrong and why it might.
/// </summary>
public static class DigitsChart
{
    /// <summary>Images per row of the grid.</summary>
    public const int Columns = 10;

    /// <summary>
    /// Draws the first <paramref name="count"/> images, or when <paramref name="mistakesOnly"/> the first
    /// <paramref name="count"/> the network gets wrong.
    /// </summary>
    public static Picture Render(DigitImages images, PictureFormat format, int count = 40, bool mistakesOnly = false, int cell = 84)
    {
        if (count < 1) throw new BackpropException($"{Rendering.PlotSettings.DigitCount} must be at least 1, not {count}");
        int n = images.Pixels.Rows;
        var chosen = Enumerable.Range(0, n).Where(i => !mistakesOnly || images.Truth[i] != images.Predicted[i]).Take(count).ToList();
        int mistakes = Enumerable.Range(0, n).Count(i => images.Truth[i] != images.Predicted[i]);
        if (chosen.Count == 0)
            throw new BackpropException(mistakesOnly ? "the network gets every image right: there is no mistake to draw" : "the data has no images");

        int columns = Math.Min(Columns, chosen.Count), rows = (chosen.Count + columns - 1) / columns;
        const int header = 70, footer = 10;
        float labelHeight = 22;
        int width = columns * cell + 40, height = header + rows * (int)(cell + labelHeight + 8) + footer;
        var figure = new Figure(width, height);
        PlotFonts.UseInScottPlot();
        var plot = figure.Add("", "", "");
        plot.Axes.Frameless();
        plot.HideGrid();
        plot.Layout.Frameless();

        // One data unit is one pixel of the picture: x to the right, y downwards from the top-left corner.
        double rowPitch = cell + labelHeight + 8;
        for (int k = 0; k < chosen.Count; k++)
        {
            int i = chosen[k];
            double left = 20 + k % columns * cell + 4, top = header + k / columns * rowPitch;
            double side = cell - 8;
            plot.Add.ImageRect(Bitmap(images, i), new CoordinateRect(left, left + side, top + side, top)).AntiAlias = false;
            bool right = images.Truth[i] == images.Predicted[i];
            // A thin grey edge keeps neighbouring images apart; a mistake gets a thick red frame.
            float margin = right ? 0.5f : 2;
            var frame = plot.Add.Rectangle(left - margin, left + side + margin, top + side + margin, top - margin);
            frame.FillColor = Colors.Transparent;
            frame.LineColor = right ? Colours.Color("#c8c8c8") : Colours.Color(Colours.Mistake);
            frame.LineWidth = right ? 1 : 3;
            var label = plot.Add.Text(right ? $"{images.Truth[i]} ✓" : $"{images.Truth[i]} → {images.Predicted[i]}", left + side / 2, top + side + 4);
            label.Alignment = Alignment.UpperCenter;
            label.LabelFontSize = 14;
            label.LabelBold = !right;
            label.LabelFontColor = Colours.Color(right ? Colours.Right : Colours.Mistake);
        }
        string what = mistakesOnly ? $"The first {chosen.Count} of the {mistakes:N0} mistakes" : $"The first {chosen.Count} images";
        var title = plot.Add.Text(what, width / 2.0, 12);
        title.Alignment = Alignment.UpperCenter;
        title.LabelFontSize = 18;
        title.LabelBold = true;
        title.LabelFontColor = Colours.Color(Colours.Ink);
        var caption = plot.Add.Text(
            $"true label under each image, then the network's answer: \"7 ✓\" right, \"7 → 2\" a mistake (red frame); {mistakes:N0} of {n:N0} wrong",
            width / 2.0, 40);
        caption.Alignment = Alignment.UpperCenter;
        caption.LabelFontSize = 12;
        caption.LabelFontColor = Colours.Color(Colours.Muted);

        plot.Axes.SetLimits(0, width, height, 0);
        return figure.Render(format);
    }

    /// <summary>The image as grey levels: ink dark on a white ground, as on paper.</summary>
    private static Image Bitmap(DigitImages images, int index)
    {
        var grey = new byte[images.Height, images.Width];
        for (int y = 0; y < images.Height; y++)
            for (int x = 0; x < images.Width; x++)
                grey[y, x] = (byte)Math.Round(255 * (1 - images[index, x, y]));
        return new Image(grey);
    }
}

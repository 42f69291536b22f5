using System.Reflection;
using ScottPlot;
using SkiaSharp;

namespace Backprop.Plotting.Rendering;

/// <summary>
/// The typeface of every picture: DejaVu Sans, embedded in this assembly (licence in <c>Fonts/LICENSE.txt</c>), so text
/// renders the same on any machine, including one with no fonts installed, and the same model gives the same bytes.
/// </summary>
internal static class PlotFonts
{
    /// <summary>The family name pictures ask for, and that SVG files name first.</summary>
    public const string Family = "DejaVu Sans";

    /// <summary>What an SVG viewer falls back to when it lacks <see cref="Family"/>.</summary>
    public const string SvgFamilies = "'DejaVu Sans', Verdana, Arial, sans-serif";

    public static readonly SKTypeface Regular = Load("DejaVuSans.ttf");
    public static readonly SKTypeface Bold = Load("DejaVuSans-Bold.ttf");

    private static readonly object Gate = new();
    private static bool _registered;

    /// <summary>Makes ScottPlot draw all text with the embedded typefaces; safe to call any number of times.</summary>
    public static void UseInScottPlot()
    {
        lock (Gate)
        {
            if (_registered) return;
            Fonts.FontResolvers.Insert(0, new EmbeddedResolver());
            Fonts.Default = Family;
            Fonts.Sans = Family;
            _registered = true;
        }
    }

    private static SKTypeface Load(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Backprop.Plotting.Fonts.{file}")
            ?? throw new InvalidOperationException($"the font {file} is not embedded in {Assembly.GetExecutingAssembly().GetName().Name}");
        using var data = SKData.Create(stream);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"the embedded font {file} cannot be read");
    }

    /// <summary>Answers every font request with the embedded face, bold or regular; other families would depend on the machine.</summary>
    private sealed class EmbeddedResolver : IFontResolver
    {
        public SKTypeface CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
            weight >= FontWeight.SemiBold ? Bold : Regular;

        public SKTypeface CreateTypeface(string fontName, bool bold, bool italic) => bold ? Bold : Regular;
    }
}

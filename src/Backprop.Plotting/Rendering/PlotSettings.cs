using Backprop.Diagnostics;

namespace Backprop.Plotting.Rendering;

/// <summary>The settings of the pictures that messages name (<see cref="Setting"/>): a C# caller reads these names, the CLI its options.</summary>
internal static class PlotSettings
{
    /// <summary><see cref="Network.DiagramOptions.MaxEdges"/>.</summary>
    public static readonly Setting MaxEdges = new("DiagramOptions.MaxEdges");

    /// <summary>The <c>count</c> of <see cref="Charts.DigitsChart.Render"/>.</summary>
    public static readonly Setting DigitCount = new("count");

    /// <summary>The <c>path</c> of <see cref="PictureFormats.FromPath"/>: where a picture is written.</summary>
    public static readonly Setting PicturePath = new("path");
}

using Backprop.Tests.Cli;

namespace Backprop.Tests.Explain;

/// <summary>
/// The explain page's drawing ends under its lowest unit's value, with no empty band at its bottom: measured in Chromium, the
/// lowest thing drawn (a circle, a value under it, an edge label) against the bottom of the drawing's view box.
/// </summary>
public sealed class ExplainDrawingBottomBrowserTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [SkippableTheory]
    [InlineData("mazur")]
    [InlineData("gfg")]
    [InlineData("xor")]
    [InlineData("digits")]
    public void The_drawing_ends_just_under_its_lowest_unit_value(string example)
    {
        var parts = ExplainDrawingPage.Measure(_folder, example,
            "const svg = document.getElementById('network'); const box = svg.getBBox();" +
            "return (svg.viewBox.baseVal.height - (box.y + box.height)) + ' ' + box.y;", "bottom");
        // Nothing drawn below the box, and at most a few pixels of margin under the lowest value (was 56 to 70).
        Assert.InRange(parts[0], 0, 12);
        Assert.True(parts[1] >= 0, $"the drawing starts at {parts[1]}");
    }
}

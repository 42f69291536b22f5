using Backprop.Tests.Cli;

namespace Backprop.Tests.Explain;

/// <summary>
/// The explain page's drawing holds its output targets' labels ("target 0.6502") whole: measured in Chromium, the right
/// end of every target label against the right of the drawing's view box.
/// </summary>
public sealed class ExplainDrawingRightEdgeBrowserTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [SkippableTheory]
    // The blog's targets have four decimals (0.6502, 0.6638): the labels that were cut at the drawing's edge.
    [InlineData("blog")]
    [InlineData("mazur")]
    [InlineData("admissions")]
    [InlineData("xor")]
    public void Every_target_label_ends_inside_the_drawing(string example)
    {
        var parts = ExplainDrawingPage.Measure(_folder, example,
            "const svg = document.getElementById('network'); const view = svg.viewBox.baseVal;" +
            "const ends = [...svg.querySelectorAll('.target')].filter(t => t.textContent)" +
            "  .map(t => { const b = t.getBBox(); return b.x + b.width; });" +
            "return ends.length + ' ' + Math.max(...ends) + ' ' + (view.x + view.width);", "right");
        Assert.True(parts[0] >= 1, "no target label was drawn");
        // The longest label ends inside the view box (its white halo, 1.5 px, too), with no wide empty band after it.
        Assert.InRange(parts[2] - parts[1], 1.5, 24);
    }
}

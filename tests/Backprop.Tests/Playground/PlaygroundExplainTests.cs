using Backprop.Playground;

namespace Backprop.Tests.Playground;

/// <summary>
/// A click on a point opens its training step on any network the page allows: the largest (7 features, six hidden layers
/// of 8) offers its layers, and every layer's step opens, with the features named as on the page.
/// </summary>
public sealed class PlaygroundExplainTests
{
    [Fact]
    public void Every_layer_of_the_largest_network_the_page_allows_opens_its_step_with_the_pages_feature_names()
    {
        var setup = new PlaygroundSetup
        {
            DataSet = "circle", Features = PlaygroundSetup.AllFeatures,
            Layers = [.. Enumerable.Repeat(PlaygroundSetup.MaxUnits, PlaygroundSetup.MaxLayers)],
        };
        Assert.Null(setup.Validate());
        using var session = new PlaygroundSession("big", setup, PlaygroundData.Create(setup), new TrainingSlots(1), TimeSpan.FromMinutes(1));
        // 7·8 + 5·(8·8) + 8·1 = 384 weights: more than one page shows, so the page offers the 7 layers.
        string chooser = PlaygroundExplain.Page(session, "0", null, "t");
        Assert.Contains("This network has 384 weights", chooser);
        Assert.Equal(7, chooser.Split("class=\"layer\"").Length - 1);
        for (int layer = 1; layer <= 7; layer++)
        {
            string page = PlaygroundExplain.Page(session, "0", layer.ToString(System.Globalization.CultureInfo.InvariantCulture), "t");
            Assert.Contains("<script id=\"explain-data\"", page);
            Assert.Contains($"layer {layer} of 7", page);
            Assert.DoesNotContain("ExplainOptions", page);
        }
        // The drawing's input labels, as the page's checkboxes name them (the page's text is HTML-encoded).
        string first = System.Net.WebUtility.HtmlDecode(PlaygroundExplain.Page(session, "0", "1", "t"));
        foreach (string label in new[] { "x²", "y²", "x·y", "sin x", "sin y" }) Assert.Contains(label, first);
        Assert.DoesNotContain("\"sinx\"", first);
    }
}

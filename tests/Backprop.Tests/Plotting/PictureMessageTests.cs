using Backprop.Diagnostics;
using Backprop.Layers;
using Backprop.Plotting.Charts;
using Backprop.Plotting.Network;
using Backprop.Plotting.Rendering;
using Backprop.Tensors;

namespace Backprop.Tests.Plotting;

/// <summary>The pictures' messages name what a C# caller sets; the CLI's (PlotCommandTests, StrictOptionTests) name its options.</summary>
public class PictureMessageTests
{
    [Fact]
    public void A_library_caller_reads_its_own_names_in_the_pictures_messages()
    {
        Assert.Equal("path: 'loss.jpg' is a .jpg file; pictures are written as .png or .svg",
            Assert.Throws<BackpropException>(() => PictureFormats.FromPath("loss.jpg")).Message);
        Assert.Equal("path: 'loss' has no extension; give a .png or .svg file name",
            Assert.Throws<BackpropException>(() => PictureFormats.FromPath("loss")).Message);
        var images = new DigitImages(new Matrix<double>(1, 4), 2, 2, PixelOrder.RowMajor, ["1"], ["1"]);
        Assert.Equal("count must be at least 1, not 0",
            Assert.Throws<BackpropException>(() => DigitsChart.Render(images, PictureFormat.Png, count: 0)).Message);
        var network = Network<double>.Create(2, [new LayerSpec(1, "sigmoid")], seed: 1);
        var edges = Assert.Throws<BackpropException>(() =>
            new NetworkLayout(Backprop.Serialization.ModelDocument.FromNetwork(network), new DiagramOptions { MaxEdges = -1 }));
        Assert.Equal("DiagramOptions.MaxEdges must be 0 (every weight) or more, not -1", edges.Message);
    }
}

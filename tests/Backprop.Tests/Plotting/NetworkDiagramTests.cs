using System.Globalization;
using System.Xml.Linq;
using Backprop.Layers;
using Backprop.Plotting.Network;
using Backprop.Plotting.Rendering;
using Backprop.Serialization;

namespace Backprop.Tests.Plotting;

public class NetworkDiagramTests
{
    // Seed 000's initial weights (v: input→hidden with the bias in row 0, w: hidden→output), laid out as the model file's W[j][i].
    private static readonly ModelDocument Blog = new()
    {
        Inputs = 2,
        Features = ["X1", "X2"],
        Targets = ["Y1", "Y2"],
        Layers =
        [
            new LayerDocument(2, "sigmoid", [[0.64768854, -0.23415337], [1.52302986, -0.23413696]], [0.49671415, -0.1382643], true),
            new LayerDocument(2, "sigmoid", [[-0.46947439, -0.46341769], [0.54256004, -0.46572975]], [1.57921282, 0.76743473], true),
        ],
    };

    private const string Green = "#1b8a2f", Red = "#d62728";

    private static XDocument Svg(ModelDocument model, DiagramOptions? options = null) =>
        XDocument.Parse(NetworkDiagram.Render(model, PictureFormat.Svg, options).Text);

    private static List<XElement> Edges(XDocument svg) =>
        svg.Descendants().Where(e => e.Name.LocalName == "line" && ((string?)e.Attribute("class") ?? "").Split(' ').Contains("edge")).ToList();

    [Fact]
    public void Svg_draws_one_edge_per_weight_and_bias_coloured_by_sign()
    {
        var edges = Edges(Svg(Blog));
        Assert.Equal(12, edges.Count); // seed 000's picture: 6 edges into the hidden layer (bias, i1, i2 to h1, h2) and 6 into the outputs
        for (int l = 0; l < 2; l++)
            for (int j = 0; j < 2; j++)
                for (int i = -1; i < 2; i++)
                {
                    double w = i < 0 ? Blog.Layers[l].Bias![j] : Blog.Layers[l].Weights[j][i];
                    string input = i < 0 ? "bias" : i.ToString(CultureInfo.InvariantCulture);
                    var edge = Assert.Single(edges, e => (string?)e.Attribute("data-layer") == $"{l}" && (string?)e.Attribute("data-unit") == $"{j}"
                        && (string?)e.Attribute("data-input") == input);
                    Assert.Equal(w, double.Parse((string)edge.Attribute("data-weight")!, CultureInfo.InvariantCulture));
                    Assert.Equal(w > 0 ? Green : Red, (string?)edge.Attribute("stroke"));
                    Assert.Contains(w > 0 ? "positive" : "negative", ((string)edge.Attribute("class")!).Split(' '));
                }
    }

    [Fact]
    public void Wider_lines_stand_for_larger_weights()
    {
        var edges = Edges(Svg(Blog));
        var byWeight = edges.OrderBy(e => Math.Abs(double.Parse((string)e.Attribute("data-weight")!, CultureInfo.InvariantCulture)))
            .Select(e => double.Parse((string)e.Attribute("stroke-width")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(byWeight.Order(), byWeight);
        Assert.True(byWeight[^1] > 3 * byWeight[0], "the largest weight's line is several times the smallest's");
    }

    [Fact]
    public void Small_network_labels_every_weight_by_its_explain_name_with_two_decimals()
    {
        var labels = Svg(Blog).Descendants().Where(e => (string?)e.Attribute("class") == "weight").Select(e => e.Value).Order().ToList();
        // Seed 000 labels its edges with '%.2f' (1.52302986 → 1.52, −0.1382643 → −0.14); the names are explain's: w1 … w8 by
        // layer, unit and input (W[j][i] of layer 0 are w1 w2 / w3 w4), and a trainable bias per unit, b_h1 … b_o2.
        string[] expected = ["w1 = 0.65", "w2 = −0.23", "w3 = 1.52", "w4 = −0.23", "b_h1 = 0.50", "b_h2 = −0.14",
                             "w5 = −0.47", "w6 = −0.46", "w7 = 0.54", "w8 = −0.47", "b_o1 = 1.58", "b_o2 = 0.77"];
        Assert.Equal(expected.Order(), labels);
    }

    [Fact]
    public void Units_sit_in_columns_with_the_bias_on_top()
    {
        var all = Svg(Blog).Descendants().Where(e => e.Name.LocalName == "circle").ToList();
        var circles = all.Where(e => !((string)e.Attribute("class")!).Contains("bias"))
            .ToDictionary(e => (string)e.Attribute("data-label")!, e => (X: F(e, "cx"), Y: F(e, "cy")));
        var bias = all.Where(e => ((string)e.Attribute("class")!).Contains("bias"))
            .Select(e => (Label: (string)e.Attribute("data-label")!, X: F(e, "cx"), Y: F(e, "cy"))).OrderBy(b => b.X).ToList();
        Assert.Equal(["h1", "h2", "i1", "i2", "o1", "o2"], circles.Keys.Order());
        Assert.Equal(["1", "1"], bias.Select(b => b.Label)); // a bias unit outputs the constant 1
        Assert.True(circles["i1"].X == bias[0].X && bias[0].Y < circles["i1"].Y && circles["i1"].Y < circles["i2"].Y);
        Assert.True(circles["i1"].X < circles["h1"].X && circles["h1"].X < circles["o1"].X);
        Assert.True(bias[1].X == circles["h1"].X && bias[1].Y < circles["h1"].Y);
    }

    [Fact]
    public void A_fixed_bias_shared_by_a_layer_is_named_for_the_layer_as_in_mazurs_post()
    {
        var mazur = Blog with
        {
            Layers = [Blog.Layers[0] with { Bias = [0.35, 0.35], TrainBias = false }, Blog.Layers[1] with { Bias = [0.6, 0.6], TrainBias = false }],
        };
        var labels = Svg(mazur).Descendants().Where(e => (string?)e.Attribute("class") == "weight").Select(e => e.Value).ToList();
        Assert.Equal(2, labels.Count(l => l == "b1 = 0.35"));
        Assert.Equal(2, labels.Count(l => l == "b2 = 0.60"));
    }

    [Fact]
    public void Large_network_draws_the_strongest_weights_of_each_layer_and_says_so()
    {
        var model = ModelDocument.FromNetwork(Network<double>.Create(784, [new LayerSpec(32, "relu"), new LayerSpec(10, "softmax")], seed: 3));
        var svg = Svg(model);
        var edges = Edges(svg);
        Assert.Equal(DiagramOptions.DefaultMaxEdges, edges.Count);
        for (int l = 0; l < 2; l++)
        {
            var drawn = edges.Where(e => (string?)e.Attribute("data-layer") == $"{l}")
                .Select(e => Math.Abs(double.Parse((string)e.Attribute("data-weight")!, CultureInfo.InvariantCulture))).ToList();
            var all = model.Layers[l].Weights.SelectMany(row => row).Concat(model.Layers[l].Bias!).Select(Math.Abs).OrderDescending().ToList();
            Assert.Equal(300, drawn.Count); // 600 shared evenly: 300 of 25,120 into the hidden layer, 300 of 330 into the outputs
            Assert.Equal(all.Take(300), drawn.OrderDescending());
        }
        Assert.Contains(svg.Descendants(), e => (string?)e.Attribute("class") == "caption" && e.Value.Contains("the 300 strongest of 25,120"));
        Assert.DoesNotContain(svg.Descendants(), e => (string?)e.Attribute("class") == "weight");
    }

    [Fact]
    public void Max_edges_zero_draws_every_weight()
    {
        var model = ModelDocument.FromNetwork(Network<double>.Create(30, [new LayerSpec(20, "tanh"), new LayerSpec(3, "identity")], seed: 5));
        Assert.Equal(30 * 20 + 20 + 20 * 3 + 3, Edges(Svg(model, new DiagramOptions { MaxEdges = 0 })).Count);
    }

    [Fact]
    public void Png_has_the_svgs_size_and_shows_green_and_red_weights()
    {
        var svg = NetworkDiagram.Render(Blog, PictureFormat.Svg);
        var png = new PngFile(NetworkDiagram.Render(Blog, PictureFormat.Png).Bytes);
        Assert.Equal((svg.Width, svg.Height), (png.Width, png.Height));
        Assert.True(png.Count(PngFile.Green) > 500, "positive weights are drawn in green");
        Assert.True(png.Count(PngFile.Red) > 300, "negative weights are drawn in red");
    }

    [Fact]
    public void Same_model_gives_the_same_bytes()
    {
        Assert.Equal(NetworkDiagram.Render(Blog, PictureFormat.Svg).Bytes, NetworkDiagram.Render(Blog, PictureFormat.Svg).Bytes);
        Assert.Equal(NetworkDiagram.Render(Blog, PictureFormat.Png).Bytes, NetworkDiagram.Render(Blog, PictureFormat.Png).Bytes);
    }

    private static double F(XElement e, string attribute) => double.Parse((string)e.Attribute(attribute)!, CultureInfo.InvariantCulture);
}

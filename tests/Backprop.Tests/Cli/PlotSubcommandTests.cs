using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Backprop.Tests.Plotting;

namespace Backprop.Tests.Cli;

/// <summary><c>plot compare</c>, <c>plot gradients</c> and <c>plot boundary</c> from the command line: what they write and refuse.</summary>
public class PlotSubcommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Two classes on the plane of a and b: "in" inside the circle a² + b² &lt; 2.</summary>
    private string Circle()
    {
        var csv = new StringBuilder("a,b,kind\n");
        for (int r = 0; r < 80; r++)
        {
            double a = (r % 9 - 4) / 2.0, b = (r % 7 - 3) / 1.5;
            csv.Append(CultureInfo.InvariantCulture, $"{a},{b},{(a * a + b * b < 2 ? "in" : "out")}\n");
        }
        return _folder.Write("circle.csv", csv.ToString());
    }

    private string Train(string data, string name, params string[] extra)
    {
        string model = _folder.File(name);
        // --layers 4 and --activation tanh unless extra gives its own.
        string[] defaults = [.. new[] { ("--layers", "4"), ("--activation", "tanh") }.Where(d => !extra.Contains(d.Item1))
            .SelectMany(d => new[] { d.Item1, d.Item2 })];
        CliRunner.Ok(["train", "--data", data, "--target", "kind", "--epochs", "30", "--quiet", "--out", model, .. defaults, .. extra]);
        return model;
    }

    private static string[] Texts(string svg) =>
        XDocument.Load(svg).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToArray();

    [Fact]
    public void Compare_takes_files_as_arguments_and_with_model_and_names_each_by_its_file()
    {
        string data = Circle(), tanh = Train(data, "tanh.json", "--validation-split", "0.25");
        string relu = Train(data, "relu.json", "--activation", "relu");
        string svg = _folder.File("compare.svg");
        var output = CliRunner.Ok("plot", "compare", tanh, "--model", relu, "--out", svg);
        Assert.Contains($"compare picture of 2 models (1000×560) written to {svg}", output);
        var texts = Texts(svg);
        foreach (var entry in new[] { "tanh: training", "tanh: held-out", "relu: training" }) Assert.Contains(entry, texts);

        string png = _folder.File("compare.png");
        CliRunner.Ok("plot", "compare", tanh, relu, "--label", "tanh, 4 units", "--label", "ReLU", "--out", png, "--log-scale");
        Assert.True(PngFile.Read(png).Inked > 5_000);
    }

    [Fact]
    public void Compare_refuses_in_one_line_and_writes_nothing()
    {
        string data = Circle(), model = Train(data, "m.json"), out_ = _folder.File("c.png");
        CliRunner.AssertUserError(CliRunner.Run("plot", "compare", model, model, "--label", "one", "--out", out_),
            "--label", "there are 2 models and 1 labels");
        CliRunner.AssertUserError(CliRunner.Run("plot", "compare", "--out", out_), "give them as arguments or with --model");
        CliRunner.AssertUserError(CliRunner.Run("plot", "compare", model, _folder.File("missing.json"), "--out", out_), "missing.json");
        CliRunner.AssertUserError(CliRunner.Run("plot", "compare", model, "--out", model.Replace(".json", ".txt", StringComparison.Ordinal)),
            "pictures are written as .png or .svg");
        Assert.False(File.Exists(out_));
        string before = File.ReadAllText(model);
        Assert.Equal(1, CliRunner.Run("plot", "compare", model, "--out", model).ExitCode);
        Assert.Equal(before, File.ReadAllText(model)); // an input is never overwritten
    }

    [Fact]
    public void Gradients_draw_a_run_trained_with_diagnostics_and_refuse_one_without()
    {
        string data = Circle(), with = Train(data, "with.json", "--layers", "4,4", "--diagnostics"), without = Train(data, "without.json");
        string svg = _folder.File("g.svg"), png = _folder.File("g.png");
        Assert.Contains("gradients picture (1000×560)", CliRunner.Ok("plot", "gradients", "--model", with, "--out", svg));
        var texts = Texts(svg);
        foreach (var entry in new[] { "hidden layer 1", "hidden layer 2", "output layer" }) Assert.Contains(entry, texts);
        CliRunner.AssertUserError(CliRunner.Run("plot", "gradients", "--model", without, "--out", png),
            "without.json", "records no gradient norms; train it with --diagnostics");
        Assert.False(File.Exists(png));
    }

    [Fact]
    public void Boundary_draws_a_two_input_classifier_and_refuses_a_model_of_three_inputs_in_one_line()
    {
        string data = Circle(), model = Train(data, "circle.json"), png = _folder.File("b.png");
        Assert.Contains($"boundary picture (760×640) written to {png}", CliRunner.Ok("plot", "boundary", "--model", model, "--data", data, "--out",
            png, "--resolution", "60"));
        var picture = PngFile.Read(png);
        Assert.True(picture.Count(c => c.Red > 240 && c.Green is > 205 and < 230 && c.Blue is > 170 and < 195) > 5_000, "a pale orange region");

        string three = _folder.Write("three.csv", "a,b,c,kind\n1,2,3,x\n2,3,1,y\n3,1,2,x\n1,1,1,y\n");
        string threeModel = Train(three, "three.json");
        string refused = _folder.File("refused.png");
        CliRunner.AssertUserError(CliRunner.Run("plot", "boundary", "--model", threeModel, "--data", three, "--out", refused),
            "three.json", "a boundary is drawn for a model of exactly 2 inputs; this one has 3 (a, b, c)");
        Assert.False(File.Exists(refused));
        CliRunner.AssertUserError(CliRunner.Run("plot", "boundary", "--model", model, "--data", data, "--out", refused, "--resolution", "1"),
            "--resolution");
    }

    [Fact]
    public void The_old_kinds_still_work_beside_the_subcommands()
    {
        string data = Circle(), model = Train(data, "m.json");
        CliRunner.Ok("plot", "loss", "--model", model, "--out", _folder.File("loss.png"));
        CliRunner.AssertUserError(CliRunner.Run("plot", "nothing", "--model", model, "--out", _folder.File("x.png")),
            "no picture called 'nothing'", "compare, gradients, boundary");
    }
}

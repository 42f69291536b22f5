using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Backprop.Estimators;
using Backprop.Plotting.Charts;
using Backprop.Plotting.Rendering;
using Backprop.Tests.Cli;
using SkiaSharp;

namespace Backprop.Tests.Plotting;

/// <summary>
/// <see cref="BoundaryChart"/> on models whose answer over the plane is known by formula: a logistic unit with weights set by hand,
/// whose boundary is the line x − y + 0.5 = 0, and a linear unit z = x + 2y. The pixels at chosen points of the plane are read
/// back and compared with the formula.
/// </summary>
public class BoundaryChartTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Points on a 0…10 square (the plane then spans −1…11 on both axes), labelled by the side of y = x + 0.5 they are on.</summary>
    private static readonly (double X, double Y)[] Points = [(0, 0), (10, 0), (10, 10), (0, 10), (8, 2), (2, 8), (9, 4), (1, 6)];

    /// <summary>A model trained one epoch on <see cref="Points"/> (raw inputs, no hidden layer), its weights then set to
    /// <paramref name="weights"/> and <paramref name="bias"/>.</summary>
    private Model Make(string target, Func<double, double, string> label, string[] extra, double[] weights, double bias)
    {
        var csv = new StringBuilder($"x,y,{target}\n");
        foreach (var (x, y) in Points) csv.Append(CultureInfo.InvariantCulture, $"{x},{y},{label(x, y)}\n");
        string data = _folder.Write($"{target}.csv", csv.ToString()), path = _folder.File($"{target}.json");
        CliRunner.Ok(["train", "--data", data, "--target", target, "--layers", "none", "--standardize", "none", "--epochs", "1", "--quiet",
            "--out", path, .. extra]);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json["layers"]![0]!["weights"] = new JsonArray(new JsonArray(weights.Select(w => (JsonNode)JsonValue.Create(w)!).ToArray()));
        json["layers"]![0]!["bias"] = new JsonArray(JsonValue.Create(bias));
        File.WriteAllText(path, json.ToJsonString());
        return Model.Load(path);
    }

    /// <summary>The picture's plot area: the bounding box of the pixels <paramref name="isPlane"/> says the heatmap painted.</summary>
    private static (int Left, int Top, int Right, int Bottom) Area(SKBitmap bitmap, Func<SKColor, bool> isPlane)
    {
        int left = int.MaxValue, top = int.MaxValue, right = -1, bottom = -1;
        for (int py = 0; py < bitmap.Height; py++)
            for (int px = 0; px < bitmap.Width; px++)
                if (isPlane(bitmap.GetPixel(px, py)))
                    (left, top, right, bottom) = (Math.Min(left, px), Math.Min(top, py), Math.Max(right, px), Math.Max(bottom, py));
        return (left, top, right, bottom);
    }

    /// <summary>The colour at (x, y) of a plane spanning −1…11 on both axes drawn in <paramref name="area"/>.</summary>
    private static SKColor At(SKBitmap bitmap, (int Left, int Top, int Right, int Bottom) area, double x, double y) =>
        bitmap.GetPixel((int)Math.Round(area.Left + (x + 1) / 12 * (area.Right - area.Left)),
            (int)Math.Round(area.Top + (11 - y) / 12 * (area.Bottom - area.Top)));

    /// <summary>matplotlib's blue (31, 119, 180) and orange (255, 127, 14) at 30 % over white: 0.3·c + 0.7·255.</summary>
    private static readonly SKColor PaleBlue = new(188, 214, 233), PaleOrange = new(255, 217, 183);

    private static bool Near(SKColor c, SKColor expected) =>
        Math.Abs(c.Red - expected.Red) <= 2 && Math.Abs(c.Green - expected.Green) <= 2 && Math.Abs(c.Blue - expected.Blue) <= 2;

    [Fact]
    public void The_decision_regions_of_a_logistic_unit_meet_on_its_line()
    {
        // σ(4x − 4y + 2) ≥ ½ exactly where x − y + 0.5 ≥ 0: class "right" (the second class, of the one output) below the line y = x + 0.5.
        var model = Make("side", (x, y) => x - y + 0.5 >= 0 ? "right" : "left", [], [4, -4], 2);
        Assert.Equal(["left", "right"], model.Classes);
        var data = model.PredictLabelled(_folder.File("side.csv"));
        using var bitmap = SKBitmap.Decode(BoundaryChart.Render(model, data, PictureFormat.Png).Bytes);
        var area = Area(bitmap, c => Near(c, PaleBlue) || Near(c, PaleOrange));
        Assert.InRange(area.Right - area.Left, 500, 760);
        // Off the line by 0.3 on either side, and far from it; away from the data points and the legend.
        foreach (var (x, y) in new[] { (5.0, 5.2), (3.0, 1.0), (6.0, -0.5), (10.5, 4.0) }) Assert.True(Near(At(bitmap, area, x, y), PaleOrange),
            $"({x}, {y}) lies below the line: class right, pale orange, not {At(bitmap, area, x, y)}");
        foreach (var (x, y) in new[] { (5.0, 5.8), (3.0, 7.0), (-0.5, 1.5), (4.0, 10.5) }) Assert.True(Near(At(bitmap, area, x, y), PaleBlue),
            $"({x}, {y}) lies above the line: class left, pale blue, not {At(bitmap, area, x, y)}");
        // The data points in the classes' full colours.
        Assert.True(Count(bitmap, c => c.Red < 60 && c.Green is > 100 and < 140 && c.Blue > 160) > 50, "left's points are blue");
        Assert.True(Count(bitmap, c => c.Red > 230 && c.Green is > 110 and < 150 && c.Blue < 40) > 50, "right's points are orange");

        var svg = System.Xml.Linq.XDocument.Parse(BoundaryChart.Render(model, data, PictureFormat.Svg).Text);
        var texts = svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();
        Assert.Contains("left", texts);
        Assert.Contains("right", texts);
        Assert.Contains("Decision regions: side from x and y", texts);
    }

    [Fact]
    public void The_surface_of_a_linear_unit_rises_towards_x_plus_two_y()
    {
        // z = x + 2y over −1…11: −3 at the bottom left, 33 at the top right; viridis runs from dark purple to yellow.
        var model = Make("z", (x, y) => (x + 2 * y).ToString(CultureInfo.InvariantCulture), ["--scale-target", "false"], [1, 2], 0);
        var data = model.PredictLabelled(_folder.File("z.csv"));
        using var bitmap = SKBitmap.Decode(BoundaryChart.Render(model, data, PictureFormat.Png).Bytes);
        static bool Purple(SKColor c) => c.Red is > 50 and < 90 && c.Green < 20 && c.Blue is > 70 and < 100; // viridis(0) = (68, 1, 84)
        static bool Yellow(SKColor c) => c.Red > 230 && c.Green > 210 && c.Blue < 60; // viridis(1) = (253, 231, 37)
        Assert.True(Count(bitmap, Purple) > 20, "the lowest corner is dark purple");
        Assert.True(Count(bitmap, Yellow) > 20, "the highest corner is yellow");
        // Same level along x + 2y = 15 (two points of one colour), and higher up the slope.
        var area = Framed(bitmap);
        var a = At(bitmap, area, 5, 5);
        var b = At(bitmap, area, 9, 3);
        Assert.True(Math.Abs(a.Red - b.Red) + Math.Abs(a.Green - b.Green) + Math.Abs(a.Blue - b.Blue) <= 12, $"{a} and {b} are one level");
        Assert.True(At(bitmap, area, 5, 8).Green > a.Green + 30, "the surface is greener (higher) up the slope");
    }

    [Fact]
    public void A_model_without_exactly_two_inputs_is_refused_in_one_line()
    {
        string data = _folder.Write("three.csv", "a,b,c,y\n1,2,3,4\n2,3,1,5\n3,1,2,6\n");
        string path = _folder.File("three.json");
        CliRunner.Ok(["train", "--data", data, "--target", "y", "--layers", "none", "--epochs", "1", "--quiet", "--out", path]);
        var model = Model.Load(path);
        var e = Assert.Throws<Backprop.Diagnostics.BackpropException>(() =>
            BoundaryChart.Render(model, model.PredictLabelled(data), PictureFormat.Png));
        Assert.Contains("a boundary is drawn for a model of exactly 2 inputs; this one has 3 (a, b, c)", e.Message);
    }

    /// <summary>
    /// The plot area of a surface: the longest run of painted pixels (not white nor light grey) across the middle row, then down the
    /// middle of that run; the colour bar beside it is set apart by white.
    /// </summary>
    private static (int Left, int Top, int Right, int Bottom) Framed(SKBitmap bitmap)
    {
        static bool Painted(SKColor c) => !(c.Red > 200 && c.Green > 200 && c.Blue > 200);
        static (int From, int To) Longest(int length, Func<int, bool> painted)
        {
            (int From, int To) best = (0, -1);
            for (int i = 0, start = -1; i <= length; i++)
            {
                if (i < length && painted(i)) { if (start < 0) start = i; continue; }
                if (start >= 0 && i - 1 - start > best.To - best.From) best = (start, i - 1);
                start = -1;
            }
            return best;
        }
        var (left, right) = Longest(bitmap.Width, x => Painted(bitmap.GetPixel(x, bitmap.Height / 2)));
        var (top, bottom) = Longest(bitmap.Height, y => Painted(bitmap.GetPixel((left + right) / 2, y)));
        return (left, top, right, bottom);
    }

    private static int Count(SKBitmap bitmap, Func<SKColor, bool> match)
    {
        int n = 0;
        for (int y = 0; y < bitmap.Height; y++)
            for (int x = 0; x < bitmap.Width; x++)
                if (match(bitmap.GetPixel(x, y))) n++;
        return n;
    }
}

using Backprop.Data.Preprocessing;
using Backprop.Serialization;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Data;

/// <summary>
/// A plain <c>train</c> on a table with gaps trains and scores every row: a numeric gap is the training mean (or median),
/// a categorical gap an input of its own (or the most frequent category), and the fills saved in the model reach a test
/// row's gap also in a column whose training rows had none. The statistics below are worked by hand from the table.
/// </summary>
public sealed class GapFillTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    // x: 1, (gap), 4, 10, 2 — mean 17/4 = 4.25, median (2 + 4)/2 = 3, population variance (3.25² + 0.25² + 5.75² + 2.25²)/4 = 48.75/4.
    // z: 5…9, no gaps — mean and median 7, variance 2. c: a, a, (gap), b, a — most frequent a.
    private const string Training = "x,z,c,y\n1,5,a,0\n,6,a,1\n4,7,,0\n10,8,b,1\n2,9,a,0\n";

    // Row 1: a gap in every column (z had none in training); row 2: x given, z spelled NA, c known.
    private const string Test = "x,z,c,y\n,,,0\n3,NA,b,1\n";

    private static readonly double Sx = Math.Sqrt(48.75 / 4);

    private (Preprocessor Pre, double[] Encoded, string Model) Train(string memory, params string[] more)
    {
        string model = _folder.File($"m{more.Length}{memory}.json");
        CliRunner.Ok(["train", "--data", _folder.Write("train.csv", Training), "--target", "y", "--layers", "2", "--epochs", "2", "--quiet",
            "--memory-budget", memory, "--out", model, .. more]);
        var pre = ModelFile.Load(model).Preprocessing!;
        var test = Backprop.Data.CsvTable.Read(_folder.Write("test.csv", Test), new() { CategoricalColumns = pre.CategoricalColumns });
        return (pre, pre.EncodeFeatures(test).Span.ToArray(), model);
    }

    [Theory]
    [InlineData("1G")]
    [InlineData("1K")] // the table streamed from disk (StreamedFit): the same fills
    public void By_default_numbers_take_the_mean_and_categories_an_input_of_their_own(string memory)
    {
        var (pre, encoded, model) = Train(memory);
        Assert.Equal(["x", "z", "c=a", "c=b", "c=(missing)"], pre.FeatureNames);
        Assert.Equal([4.25, 7], pre.Inputs.OfType<NumericColumn>().Select(c => c.Fill!.Value));
        double[] expected =
        [
            0, 0, 0, 0, 1,                      // x ← 4.25 and z ← 7 standardise to 0; c's gap sets its own input
            (3 - 4.25) / Sx, 0, 0, 1, 0,        // NA in z (no gaps in training) is its mean
        ];
        Assert.Equal(expected.Length, encoded.Length);
        for (int k = 0; k < expected.Length; k++) Assert.Equal(expected[k], encoded[k], 1e-15);
        string predicted = _folder.File("p.csv");
        CliRunner.Ok("predict", "--model", model, "--data", _folder.File("test.csv"), "--out", predicted);
        Assert.Equal(3, File.ReadAllLines(predicted).Length);
    }

    [Theory]
    [InlineData("1G")]
    [InlineData("1K")]
    public void Median_most_frequent_and_an_indicator_when_asked(string memory)
    {
        var (pre, encoded, _) = Train(memory, "--missing", "median", "--missing-categories", "most-frequent", "--missing-indicator");
        // Only x had gaps in training, so only x gets an indicator; c's gap reads as a.
        Assert.Equal(["x", "x=(missing)", "z", "c=a", "c=b"], pre.FeatureNames);
        Assert.Equal([3, 7], pre.Inputs.OfType<NumericColumn>().Select(c => c.Fill!.Value));
        Assert.Equal("a", pre.Inputs.OfType<CategoricalColumn>().Single().MostFrequent);
        double[] expected =
        [
            (3 - 4.25) / Sx, 1, 0, 1, 0,
            (3 - 4.25) / Sx, 0, 0, 0, 1,
        ];
        for (int k = 0; k < expected.Length; k++) Assert.Equal(expected[k], encoded[k], 1e-15);
    }

    [Fact]
    public void Missing_error_keeps_refusing_gaps_naming_the_place_and_writes_nothing()
    {
        string model = _folder.File("e.json"), data = _folder.Write("train.csv", Training);
        CliRunner.AssertUserError(CliRunner.Run("train", "--data", data, "--target", "y", "--missing", "error", "--out", model),
            $"{data}:3:1: column 'x' has no value");
        Assert.False(File.Exists(model));
    }
}

using System.Globalization;
using System.Text;
using Backprop.Data;
using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;

namespace Backprop.Tests.Data;

/// <summary>The one-pass fit and the encoding against computations written here: two-pass statistics, one-hot by hand.</summary>
public class PreprocessorStatisticsTests
{
    private static CsvTable Table(string content) => CsvTable.Read(new MemoryStream(Encoding.UTF8.GetBytes(content)), "t.csv");

    [Fact]
    public void Means_and_deviations_equal_a_two_pass_computation_on_the_training_rows()
    {
        var random = new Random(7);
        int n = 5000;
        var x = Enumerable.Range(0, n).Select(_ => 1e6 + random.NextDouble() * 3).ToArray(); // a large mean and a small spread
        var z = Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble() * 10, 2)).ToArray(); // few distinct values: kept as codes
        var text = new StringBuilder("x,z,y\n");
        for (int r = 0; r < n; r++) text.Append(CultureInfo.InvariantCulture, $"{x[r]:R},{z[r]:R},{r % 2}\n");
        var table = Table(text.ToString());
        var training = Enumerable.Range(0, n).Where(r => r % 5 != 0).ToArray();
        var pre = Preprocessor.Fit(table, new PreprocessingOptions { Targets = ["y"], Standardize = [] }, training);
        foreach (var (name, values) in new[] { ("x", x), ("z", z) })
        {
            var chosen = training.Select(r => values[r]).ToArray();
            double mean = chosen.Sum() / chosen.Length;
            double std = Math.Sqrt(chosen.Sum(v => (v - mean) * (v - mean)) / chosen.Length);
            var column = (NumericColumn)pre.Inputs.Single(c => c.Name == name);
            Assert.Equal(mean, column.Mean, mean * 1e-13); // within a few hundred ulps: both sums round
            Assert.Equal(std, column.Scale, std * 1e-9);
        }
        var encoded = pre.EncodeFeatures(table);
        var xc = (NumericColumn)pre.Inputs[0];
        Assert.Equal((x[123] - xc.Mean) / xc.Scale, encoded[123, 0]);
    }

    [Fact]
    public void Float_encoding_is_the_double_encoding_rounded_once()
    {
        var table = Table("a,c,y\n1.1,red,0\n2.7,blue,1\n-3.3,red,0\n0.01,green,1\n");
        var pre = Preprocessor.Fit(table, new PreprocessingOptions { Targets = ["y"], Standardize = ["a"] }, [0, 1, 2, 3]);
        var d = pre.EncodeFeatures(table);
        var f = pre.EncodeFeatures<float>(table);
        Assert.Equal(d.Span.ToArray().Select(v => (float)v), f.Span.ToArray());
        // One-hot by hand: categories blue, green, red.
        Assert.Equal([0f, 0, 1], f.Row(0)[1..].ToArray());
        Assert.Equal([0f, 1, 0], f.Row(3)[1..].ToArray());
        var data = pre.Encode<float>(table);
        Assert.Same(data.FeaturesAs<float>(), data.FeaturesAs<float>()); // the one float copy, not a converted one
    }

    [Fact]
    public void Missing_values_are_refused_by_default_naming_the_place()
    {
        var table = Table("x,y\n1,0\nNA,1\n3,0\n");
        var pre = Preprocessor.Fit(table, new PreprocessingOptions { Targets = ["y"] }, [0, 1, 2]);
        var e = Assert.Throws<DataFormatException>(() => pre.EncodeFeatures(table));
        Assert.Equal("t.csv:3:1: column 'x' has no value ('NA') (missing values are refused: fill or drop the row, or train with "
            + "PreprocessingOptions.Missing = MissingValues.Mean or PreprocessingOptions.Missing = MissingValues.Drop)", e.Message);
    }

    [Fact]
    public void Mean_fills_with_the_mean_of_the_training_rows_and_keeps_it_for_later()
    {
        var table = Table("x,y\n1,0\n?,1\n4,0\n10,1\n,0\n");
        var options = new PreprocessingOptions { Targets = ["y"], Missing = MissingValues.Mean };
        var pre = Preprocessor.Fit(table, options, [0, 1, 2, 4]); // training rows: 1, ?, 4, (empty); row 3 (10) is held out
        var x = (NumericColumn)pre.Inputs[0];
        Assert.Equal(2.5, x.Fill);           // (1 + 4) / 2
        Assert.False(x.Standardized);
        Assert.Equal([1, 2.5, 4, 10, 2.5], pre.EncodeFeatures(table).Span.ToArray());
        var model = Backprop.Serialization.ModelDocument.FromNetwork(Backprop.Layers.Network<double>.Create(1,
            [new Backprop.Layers.LayerSpec(1, "identity")], 1)) with { Preprocessing = pre };
        var back = Backprop.Serialization.ModelFile.Parse(Encoding.UTF8.GetBytes(Backprop.Serialization.ModelFile.ToJson(model)), "m.json")
            .Preprocessing!;
        Assert.Equal(2.5, ((NumericColumn)back.Inputs[0]).Fill);
    }

    [Fact]
    public void Mean_gives_a_text_columns_gaps_an_input_of_their_own_from_the_training_rows()
    {
        // Gaps among the training rows (rows 0-2): the column gets a third input, set by a gap; the held-out row 3's gap sets it too.
        var table = Table("c,y\nred,0\nNA,1\nblue,0\n,1\n");
        var pre = Preprocessor.Fit(table, new PreprocessingOptions { Targets = ["y"], Missing = MissingValues.Mean }, [0, 1, 2]);
        Assert.Equal(["c=blue", "c=red", "c=(missing)"], pre.FeatureNames);
        Assert.Equal([0, 1, 0, /**/ 0, 0, 1, /**/ 1, 0, 0, /**/ 0, 0, 1], pre.EncodeFeatures(table).Span.ToArray());
        // No gap among the training rows (rows 0 and 2): no third input, and a gap later sets none of the two.
        var clean = Preprocessor.Fit(table, new PreprocessingOptions { Targets = ["y"], Missing = MissingValues.Mean }, [0, 2]);
        Assert.Equal(["c=blue", "c=red"], clean.FeatureNames);
        Assert.Equal([0, 1, /**/ 0, 0, /**/ 1, 0, /**/ 0, 0], clean.EncodeFeatures(table).Span.ToArray());
    }

    [Fact]
    public void Drop_keeps_the_rows_complete_in_the_columns_used()
    {
        var table = Table("x,unused,y\n1,,0\nNA,5,1\n3,6,\n4,7,1\n");
        var kept = Preprocessor.CompleteRows(table, new PreprocessingOptions { Targets = ["y"], Features = ["x"], Missing = MissingValues.Drop });
        Assert.Equal([0, 3], kept);
    }

    [Fact]
    public void A_text_column_past_the_limit_of_categories_is_refused_with_the_way_out()
    {
        var text = new StringBuilder("id,x,y\n");
        for (int r = 0; r < 1001; r++) text.Append(CultureInfo.InvariantCulture, $"user{r},{r},{r % 2}\n");
        var table = Table(text.ToString());
        var e = Assert.Throws<DataFormatException>(() => Preprocessor.Fit(table, new PreprocessingOptions { Targets = ["y"] }, [0, 1]));
        Assert.Equal("t.csv: column 'id' holds more than 1,000 distinct values, each of which would become a network input: leave it out " +
            "(PreprocessingOptions.Features), or raise CsvReadOptions.MaxCategories if it really is a category", e.Message);
        var without = Preprocessor.Fit(table, new PreprocessingOptions { Targets = ["y"], Features = ["x"] }, [0, 1]);
        Assert.Equal(["x"], without.FeatureNames);
    }
}

using Backprop.Data;
using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;
using Backprop.Serialization;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Data;

public class PreprocessorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private CsvTable Table(string content) => CsvTable.Read(_folder.Write("t.csv", content));

    private const string Applicants = "admit,gre,gpa,rank,city\n1,600,3.5,2,Oslo\n0,400,2.5,10,Bergen\n1,800,4.0,2,Oslo\n0,500,3.0,9,Bergen\n";

    [Fact]
    public void Text_columns_become_one_hot_and_numeric_codes_do_when_asked()
    {
        var table = Table(Applicants);
        var pre = Preprocessor.Fit(table, new PreprocessingOptions { Targets = ["admit"], OneHot = ["rank"] }, [0, 1, 2, 3]);
        // rank codes in numeric order (9 before 10), city in ordinal text order.
        Assert.Equal(["gre", "gpa", "rank=2", "rank=9", "rank=10", "city=Bergen", "city=Oslo"], pre.FeatureNames);
        var x = pre.EncodeFeatures(table);
        Assert.Equal([400, 2.5, 0, 0, 1, 1, 0], x.Row(1).ToArray());
        Assert.False(pre.Target.IsClassification);
    }

    [Fact]
    public void Standardisation_is_fitted_on_the_training_rows_only()
    {
        var table = Table(Applicants);
        var pre = Preprocessor.Fit(table, new PreprocessingOptions { Targets = ["admit"], Standardize = ["gre"] }, [0, 1, 2]);
        var gre = (NumericColumn)pre.Inputs.Single(c => c.Name == "gre");
        // Training gre values 600, 400, 800: mean 600, population standard deviation √(80000/3) = 163.299316…
        Assert.Equal(600, gre.Mean, 12);
        Assert.Equal(Math.Sqrt(80000.0 / 3), gre.Scale, 9);
        Assert.Equal((500 - 600) / Math.Sqrt(80000.0 / 3), pre.EncodeFeatures(table)[3, 0], 12);
        var gpa = (NumericColumn)pre.Inputs.Single(c => c.Name == "gpa");
        Assert.False(gpa.Standardized);
    }

    [Fact]
    public void An_empty_standardise_list_means_every_numeric_feature()
    {
        var pre = Preprocessor.Fit(Table(Applicants), new PreprocessingOptions { Targets = ["admit"], Standardize = [] }, [0, 1, 2, 3]);
        Assert.All(pre.Inputs.OfType<NumericColumn>(), c => Assert.True(c.Standardized, c.Name));
        Assert.Single(pre.Inputs.OfType<CategoricalColumn>());
    }

    [Fact]
    public void A_text_target_is_classes_and_two_classes_make_one_output()
    {
        var table = Table("x,label\n1,yes\n2,no\n3,yes\n");
        var pre = Preprocessor.Fit(table, new PreprocessingOptions { Targets = ["label"] }, [0, 1, 2]);
        Assert.Equal(["no", "yes"], pre.Target.Classes!);
        Assert.Equal(1, pre.Target.Width);
        Assert.Equal([1.0, 0.0, 1.0], pre.EncodeTargets(table).Span.ToArray());
        Assert.Equal(["yes"], pre.Target.OutputNames);
    }

    [Fact]
    public void Three_classes_make_one_hot_outputs()
    {
        var table = Table("x,species\n1,b\n2,a\n3,c\n");
        var pre = Preprocessor.Fit(table, new PreprocessingOptions { Targets = ["species"] }, [0, 1, 2]);
        Assert.Equal(3, pre.Target.Width);
        Assert.Equal([0.0, 1, 0, 1, 0, 0, 0, 0, 1], pre.EncodeTargets(table).Span.ToArray());
    }

    [Fact]
    public void A_stray_word_in_a_numeric_column_is_an_error_not_a_category()
    {
        var table = Table("x,y\n1,0\n2,1\nthree,0\n4,1\n");
        var pre = Preprocessor.Fit(table, new PreprocessingOptions { Targets = ["y"] }, [0, 1, 2, 3]);
        var e = Assert.Throws<DataFormatException>(() => pre.EncodeFeatures(table));
        Assert.Contains(":4:1:", e.Message);
        Assert.Contains("'three' in column 'x' is not a number", e.Message);
    }

    [Fact]
    public void An_unseen_category_or_class_is_named_with_its_place()
    {
        var options = new PreprocessingOptions { Targets = ["y"], UnknownCategories = UnknownCategories.Error };
        var pre = Preprocessor.Fit(Table("c,y\nred,a\nblue,b\n"), options, [0, 1]);
        var later = CsvTable.Read(_folder.Write("later.csv", "c,y\nred,a\ngreen,b\nblue,z\n"));
        // By default an unseen category is none of the known ones (blue, red): its inputs are 0.
        var ignoring = Preprocessor.Fit(Table("c,y\nred,a\nblue,b\n"), options with { UnknownCategories = UnknownCategories.Ignore }, [0, 1]);
        Assert.Equal([0, 1, /**/ 0, 0, /**/ 1, 0], ignoring.EncodeFeatures(later).Span.ToArray());
        var e = Assert.Throws<DataFormatException>(() => pre.EncodeFeatures(later));
        Assert.Contains("later.csv:3:1:", e.Message);
        Assert.Contains("'green' in column 'c' is a category the model was not trained with (known: blue, red)", e.Message);
        var t = Assert.Throws<DataFormatException>(() => pre.EncodeTargets(later));
        Assert.Contains("later.csv:4:2:", t.Message);
        Assert.Contains("'z' in column 'y' is a class the model was not trained with", t.Message);
    }

    [Fact]
    public void A_target_with_one_class_is_refused()
    {
        var e = Assert.Throws<DataFormatException>(() =>
            Preprocessor.Fit(Table("x,y\n1,a\n2,a\n"), new PreprocessingOptions { Targets = ["y"] }, [0, 1]));
        Assert.Contains("only one class", e.Message);
    }

    [Fact]
    public void Preprocessing_round_trips_through_the_model_file()
    {
        var table = Table(Applicants);
        var pre = Preprocessor.Fit(table,
            new PreprocessingOptions { Targets = ["city"], OneHot = ["rank"], Standardize = ["gre", "gpa"] }, [0, 1, 2]);
        var network = Backprop.Layers.Network<double>.Create(pre.FeatureCount, [new Backprop.Layers.LayerSpec(pre.Target.Width, "sigmoid")], 1);
        var model = ModelDocument.FromNetwork(network) with { Preprocessing = pre };
        var back = ModelFile.Parse(System.Text.Encoding.UTF8.GetBytes(ModelFile.ToJson(model)), "m.json").Preprocessing!;
        Assert.Equal(pre.FeatureNames, back.FeatureNames);
        Assert.Equal(pre.Target.Classes!, back.Target.Classes!);
        Assert.Equal(pre.EncodeFeatures(table).Span.ToArray(), back.EncodeFeatures(table).Span.ToArray());
    }

    [Fact]
    public void A_model_whose_preprocessing_disagrees_with_its_network_is_refused()
    {
        const string json = """
            {"format": "backprop.mlp", "version": 1, "inputs": 2,
             "layers": [{"units": 1, "activation": "sigmoid", "weights": [[0.1, 0.2]], "bias": [0]}],
             "preprocessing": {"inputs": [{"column": "a", "kind": "numeric", "mean": 0, "scale": 1}], "target": {"columns": ["y"], "classes": null}}}
            """;
        var e = Assert.Throws<ModelFormatException>(() => ModelFile.Parse(System.Text.Encoding.UTF8.GetBytes(json), "m.json"));
        Assert.Contains("m.json:preprocessing.inputs: encode 1 inputs but the network takes 2", e.Message);
    }
}

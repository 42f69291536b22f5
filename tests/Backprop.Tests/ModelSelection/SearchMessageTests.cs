using System.Text;
using Backprop.Data;
using Backprop.Diagnostics;
using Backprop.Estimators;
using Backprop.ModelSelection;

namespace Backprop.Tests.ModelSelection;

/// <summary>A C# caller's bad search space, folds or scoring are refused naming the C# parameter or <see cref="SearchSettings"/> property, never a
/// CLI option.</summary>
public class SearchMessageTests
{
    private static readonly MlpOptions Quick = new() { HiddenLayers = [2], Epochs = 1 };

    private static readonly CsvTable Six = CsvTable.Read(new MemoryStream(Encoding.UTF8.GetBytes("x,y\n1,a\n2,b\n3,a\n4,b\n5,a\n6,b\n")), "six.csv");

    private static string Refusal(Action call)
    {
        string message = Assert.ThrowsAny<BackpropException>(call).Message;
        Assert.DoesNotContain("--", message);
        return message;
    }

    [Theory]
    [InlineData("lr=fast", "grid: lr=fast is not a number")]
    [InlineData(" ", "grid: the search space is empty (e.g. grid = \"lr=0.1,0.01;layers=16|32\")")]
    [InlineData("lr", "grid: 'lr' is not SETTING=VALUES (e.g. lr=0.1,0.01)")]
    [InlineData("momentum=0.9",
        "grid: 'momentum' is not an option a search can vary (expected one of: lr, layers, batch-size, activation, optimizer, l2, dropout, epochs)")]
    public void A_bad_grid_names_the_grid_parameter(string grid, string expected) => Assert.Equal(expected, Refusal(() => SearchSpace.Grid(grid)));

    [Fact]
    public void A_bad_random_search_names_its_space_or_count()
    {
        Assert.Equal("space: lr=1e-4.. is not a range LOW..HIGH or LOW..HIGH:log of numbers with LOW ≤ HIGH",
            Refusal(() => SearchSpace.Random("lr=1e-4..", 3, 1)));
        Assert.Equal("space: l2=0..1:log: a log range needs LOW above 0", Refusal(() => SearchSpace.Random("l2=0..1:log", 3, 1)));
        Assert.Equal("count = 0: give the number of combinations to draw (at least 1)", Refusal(() => SearchSpace.Random("lr=0.1", 0, 1)));
    }

    [Fact]
    public void A_search_names_the_search_settings_and_the_options_it_was_given()
    {
        var grid = SearchSpace.Grid("lr=0.1");
        SearchResult Search(MlpOptions options, SearchSettings settings, bool classifies = true) =>
            ParameterSearch.Run(o => classifies ? new MlpClassifier(o) : new MlpRegressor(o), options, grid, Six, "y", settings);
        Assert.Equal("give SearchSettings.Folds = K to score each combination by cross-validation, or MlpOptions.ValidationFraction = F to score " +
            "it on held-out rows",
            Refusal(() => Search(Quick, new SearchSettings())));
        Assert.Equal("SearchSettings.Folds = 7: give at least 2 folds and at most one per row (6 rows)",
            Refusal(() => Search(Quick, new SearchSettings { Folds = 7 })));
        Assert.StartsWith("SearchSettings.Scoring: 'r2' is not a measure of a classifier (expected one of: accuracy",
            Refusal(() => Search(Quick, new SearchSettings { Folds = 2, Scoring = "r2" })));
        Assert.Equal("six.csv: SearchSettings.Stratify keeps class proportions, but the target column 'y' holds numbers to predict (regression)",
            Refusal(() => Search(Quick, new SearchSettings { Folds = 2, Stratify = true }, classifies: false)));
        // Cross-validation by itself names its own parameters.
        Assert.Equal("folds = 1: give at least 2 folds and at most one per row (6 rows)",
            Refusal(() => CrossValidation.Run(() => new MlpClassifier(Quick), Six, "y", 1)));
    }
}

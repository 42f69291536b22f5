using Backprop.Data;
using Backprop.Data.Csv;
using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;
using Backprop.Estimators.Preparation;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Data;

/// <summary>A C# caller's bad reading, splitting or preparing settings are refused naming the C# setting, never a CLI option.</summary>
public sealed class DataMessageTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Refusal(Action call)
    {
        string message = Assert.ThrowsAny<BackpropException>(call).Message;
        Assert.DoesNotContain("--", message);
        return message;
    }

    [Theory]
    [InlineData('"', '.', 1000, "CsvReadOptions.Delimiter must be one ASCII character other than a quote, a space or a line break, not '\"'")]
    [InlineData(',', ';', 1000, "CsvReadOptions.DecimalSeparator must be . or , not ';'")]
    [InlineData(',', '.', 1, "CsvReadOptions.MaxCategories must be at least 2, not 1")]
    public void Csv_read_options_out_of_range_are_named_as_properties(char delimiter, char separator, int maxCategories, string expected)
    {
        var options = new CsvReadOptions { Delimiter = delimiter, DecimalSeparator = separator, MaxCategories = maxCategories };
        Assert.Equal(expected, Refusal(options.Validate));
        // Reading a file validates them first.
        Assert.Equal(expected, Refusal(() => CsvTable.Read(new MemoryStream("a,b\n1,2\n"u8.ToArray()), "t.csv", options)));
    }

    [Fact]
    public void A_split_names_its_parameter_and_a_preparation_its_option()
    {
        Assert.Equal("validationSplit must be at least 0 and less than 1, not 1", Refusal(() => TableSplit.Of(10, 1, shuffle: false, seed: 1)));
        Assert.Equal("validationSplit = 0.95 leaves no rows of the 10 to train on", Refusal(() => TableSplit.Of(10, 0.95, shuffle: true, seed: 1)));
        string ten = _folder.Write("ten.csv", "x,y\n" + string.Concat(Enumerable.Range(1, 10).Select(i => $"{i},{i % 2}\n")));
        var options = new PreparationOptions { Preprocessing = new PreprocessingOptions { Targets = ["y"] } };
        Assert.Equal("MlpOptions.ValidationFraction must be at least 0 and less than 1, not 1.5",
            Refusal(() => PreparedData.Load<double>(ten, options with { ValidationSplit = 1.5 })));
        Assert.Equal($"{ten}: MlpOptions.Stratify keeps class proportions, but the target column 'y' holds numbers to predict (regression); "
            + "add PreprocessingOptions.ClassifyNumericTarget = true if they are class labels",
            Refusal(() => PreparedData.Load<double>(ten, options with { Stratify = true, ValidationSplit = 0.2 })));
        Assert.Equal("x.mat: MlpOptions.SampleWeightColumn = w: images and MAT-files have no columns",
            Refusal(() => PreparedData.Load<double>("x.mat", options with { WeightColumn = "w" })));
    }

    [Fact]
    public void Missing_values_and_declared_classes_are_refused_naming_the_preprocessing_options()
    {
        string gaps = _folder.Write("gaps.csv", "x,y\nNA,0\n2,\n");
        var drop = new PreparationOptions { Preprocessing = new PreprocessingOptions { Targets = ["y"], Missing = MissingValues.Drop } };
        Assert.Equal($"{gaps}: every row has a missing value in a column used (PreprocessingOptions.Missing = MissingValues.Drop leaves none)",
            Refusal(() => PreparedData.Load<double>(gaps, drop)));
        string two = _folder.Write("two.csv", "x,y\n1,a\n2,a\n");
        var declared = new PreparationOptions { Preprocessing = new PreprocessingOptions { Targets = ["y"], Classes = ["a"] } };
        Assert.Equal($"{two}: the declared classes (PreprocessingOptions.Classes) need two or more distinct, non-empty names, not 'a'",
            Refusal(() => PreparedData.Load<double>(two, declared)));
        var found = new PreparationOptions { Preprocessing = new PreprocessingOptions { Targets = ["y"] } };
        Assert.Equal($"{two}: the target column 'y' holds only one class ('a'): there is nothing to learn "
            + "(declare the others with PreprocessingOptions.Classes = A,B,… if this data holds only some of them)",
                Refusal(() => PreparedData.Load<double>(two, found)));
    }

    [Fact]
    public void Storage_settings_are_named_as_the_CSharp_caller_gives_them()
    {
        string nowhere = _folder.File("nowhere");
        Assert.Equal($"folder: the folder '{nowhere}' does not exist",
            Refusal(() => RowStorage.For(1 << 20, _folder.File("m.json"), nowhere, keep: false)));
        string file = _folder.Write("file", "");
        Assert.Equal($"folder: '{file}' is a file; give a folder", Refusal(() => RowStorage.For(1 << 20, _folder.File("m.json"), file, keep: false)));
        Assert.Equal("MemoryBudget.Parse(text) must be a size in bytes such as 512M, 2G or 1500000000, not '2Q'",
            Refusal(() => MemoryBudget.Parse("2Q")));
        Assert.Equal("RowStorage.Budget must be a size in bytes such as 512M, 2G or 1500000000, not '2Q'",
            Refusal(() => MemoryBudget.Parse("2Q", Setting.MemoryBudget)));
    }
}

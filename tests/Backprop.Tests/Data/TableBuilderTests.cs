using Backprop.Data;
using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Data;

/// <summary>A table made in memory reads as the same table written to a CSV file would.</summary>
public sealed class TableBuilderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private const string Applicants = "admit,gre,gpa,rank,city\n1,600,3.5,2,Oslo\n0,400,2.5,10,Bergen\n1,800,4.0,2,Oslo\n0,500,3.0,9,\n";

    [Fact]
    public void Rows_added_in_memory_encode_as_the_same_rows_read_from_a_file()
    {
        var file = CsvTable.Read(_folder.Write("t.csv", Applicants));
        var memory = new TableBuilder("admit", "gre", "gpa", "rank", "city")
            .Add(1, 600, 3.5, 2, "Oslo").Add(0, 400, 2.5f, 10L, "Bergen").Add(1, 800m, 4.0, 2, "Oslo").Add(0, 500, 3.0, (short)9, null).Build();
        Assert.Equal(4, memory.RowCount);
        Assert.Equal(file.Header, memory.Header);
        var options = new PreprocessingOptions { Targets = ["admit"], OneHot = ["rank"], Standardize = ["gre"], Missing = MissingValues.Drop };
        var fromFile = Preprocessor.Fit(file, options, [0, 1, 2, 3]);
        var fromMemory = Preprocessor.Fit(memory, options, [0, 1, 2, 3]);
        Assert.Equal(fromFile.FeatureNames, fromMemory.FeatureNames);
        Assert.Equal(["gre", "gpa", "rank=2", "rank=9", "rank=10", "city=Bergen", "city=Oslo"], fromMemory.FeatureNames);
        Assert.Equal(fromFile.EncodeFeatures(file, [0, 1, 2]).Span.ToArray(), fromMemory.EncodeFeatures(memory, [0, 1, 2]).Span.ToArray());
        Assert.True(memory.Columns[4].IsText);
        Assert.Equal([3], memory.Columns[4].MissingRows);
    }

    [Fact]
    public void Arrays_become_named_columns_and_doubles_keep_every_bit()
    {
        double third = 1.0 / 3, tiny = 5e-324, big = -1.7976931348623157e308;
        var table = TableBuilder.FromArrays(new double[,] { { third, tiny }, { big, 0.1 } }, ["a", "b"]);
        Assert.Equal(["x1", "x2", "y"], table.Header);
        var pre = Preprocessor.Fit(table, new PreprocessingOptions { Targets = ["y"], ClassifyNumericTarget = true }, [0, 1]);
        Assert.Equal([third, tiny, big, 0.1], pre.EncodeFeatures(table).Span.ToArray());
        Assert.Equal(["a", "b"], pre.Target.Classes!);
        var numbers = TableBuilder.FromArrays(new double[,] { { 1 }, { 2 } }, [0.5, 1.5], "t", ["z"]);
        Assert.Equal(["z", "t"], numbers.Header);
        Assert.Equal([0.5, 1.5], Preprocessor.Fit(numbers, new PreprocessingOptions { Targets = ["t"] }, [0, 1]).EncodeTargets(numbers)
            .Span.ToArray());
    }

    [Fact]
    public void Bad_tables_are_refused_in_one_line_naming_the_place()
    {
        Assert.Equal("table: the column 'a' is named twice", Assert.Throws<BackpropException>(() => new TableBuilder("a", "a")).Message);
        Assert.Equal("table: the table has no rows", Assert.Throws<BackpropException>(() => new TableBuilder("a").Build()).Message);
        Assert.Throws<ArgumentException>(() => new TableBuilder("a", "b").Add(1));
        Assert.Throws<ArgumentException>(() => TableBuilder.FromArrays(new double[,] { { 1 }, { 2 } }, new[] { 1.0 }));
        // NaN is refused where the table is encoded, as a file's "NaN" is: named by the table, its line and column.
        var nan = new TableBuilder("x", "y").Add(1.0, 2).Add(double.NaN, 3).Build();
        var refused = Assert.Throws<DataFormatException>(() => Preprocessor.Fit(nan, new PreprocessingOptions { Targets = ["y"] }, [0, 1])
            .EncodeFeatures(nan));
        Assert.StartsWith("table:3:1: ", refused.Message);
    }
}

using System.Globalization;
using System.Text;
using Backprop.Data.Csv;
using Backprop.Diagnostics;

namespace Backprop.Tests.Data;

/// <summary>Blocks of one file after the first: a column that went past the category limit earlier holds doubles from its first row.</summary>
public class CsvBlockReaderTests
{
    private static CsvTableReader Open(string text, CsvReadOptions options) =>
        new(new MemoryStream(Encoding.UTF8.GetBytes(text)), "b.csv", options, ownsStream: true);

    [Fact]
    public void A_column_past_the_limit_in_one_block_holds_doubles_in_the_next_even_with_few_values()
    {
        // Block 1 (rows 0–19): x has 20 distinct values, past the limit of 10; block 2 (rows 20–29): x is 0.5 or 1.5.
        var text = new StringBuilder("x,k,c\n");
        for (int r = 0; r < 30; r++)
            text.Append(r < 20 ? (r * 0.25).ToString(CultureInfo.InvariantCulture) : r % 2 == 0 ? "0.5" : "1.5").Append(',').Append(r % 3)
                .Append(',').Append(r % 2 == 0 ? "red" : "blue").Append('\n');
        using var reader = Open(text.ToString(), new CsvReadOptions { MaxCategories = 10 });
        var first = reader.ReadBlock(20)!;
        Assert.False(first.Columns[0].HasCategories);
        var second = reader.ReadBlock(20)!;
        Assert.Equal(10, second.RowCount);
        Assert.False(second.Columns[0].HasCategories);
        Assert.Equal([0.5, 1.5, 0.5], [second.Columns[0].ValueAt(0), second.Columns[0].ValueAt(1), second.Columns[0].ValueAt(2)]);
        Assert.False(second.Columns[0].IsText);
        Assert.True(second.Columns[1].HasCategories);
        Assert.Equal(["2", "0", "1"], second.Columns[1].Distinct());
        Assert.Equal(["red", "blue"], second.Columns[2].Distinct());
        var e = Assert.Throws<DataFormatException>(() => second.Columns[0].Distinct());
        Assert.Contains("more than 10 distinct values", e.Message);
        Assert.Null(reader.ReadBlock(20));
    }

    [Fact]
    public void A_column_named_categorical_keeps_its_codes_in_every_block()
    {
        var text = new StringBuilder("id,y\n");
        for (int r = 0; r < 30; r++) text.Append("id").Append(r).Append(',').Append(r % 2).Append('\n');
        using var reader = Open(text.ToString(), new CsvReadOptions { MaxCategories = 10, CategoricalColumns = ["id"] });
        Assert.Equal(20, reader.ReadBlock(20)!.Columns[0].Distinct().Count);
        var second = reader.ReadBlock(20)!;
        Assert.True(second.Columns[0].HasCategories);
        Assert.Equal(Enumerable.Range(20, 10).Select(r => $"id{r}"), second.Columns[0].Distinct());
    }

    [Fact]
    public void A_bad_value_in_a_later_block_of_doubles_is_still_named_with_its_line()
    {
        var text = new StringBuilder("x,y\n");
        for (int r = 0; r < 20; r++) text.Append(r).Append(",1\n");
        text.Append("7,1\nseven,1\n");
        using var reader = Open(text.ToString(), new CsvReadOptions { MaxCategories = 10 });
        reader.ReadBlock(20);
        var second = reader.ReadBlock(20)!;
        Assert.False(second.Columns[0].HasCategories);
        Assert.Equal((1, "seven", CellKind.Text), second.Columns[0].FirstBad);
        Assert.Equal(23, second.Line(1));
    }
}

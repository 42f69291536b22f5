using System.Text;
using Backprop.Data;
using Backprop.Diagnostics;

namespace Backprop.Tests.Data;

/// <summary>
/// The places where the tokenizer (CsvHelper's) and Backprop's rules meet: quoting problems and invalid UTF-8 named by
/// line and field, stray quotes read as text, padding and line ends. Expected lines and fields are counted by hand.
/// </summary>
public class CsvTokenizerTests
{
    private static CsvTable Read(string text) => CsvTable.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "t.csv");

    private static string Refused(byte[] bytes) =>
        Assert.Throws<DataFormatException>(() => CsvTable.Read(new MemoryStream(bytes), "t.csv")).Message;

    private static string Refused(string text) => Refused(Encoding.UTF8.GetBytes(text));

    private static string Text(CsvTable table, int column, int row) => table.Columns[column].TextOf(table.Columns[column].CodeAt(row));

    [Fact]
    public void Text_after_a_closing_quote_names_its_line_and_field()
    {
        Assert.Equal("t.csv:3:2: malformed CSV: text after the closing quote of field 2", Refused("x,y\n1,2\n3,\"ab\" c\n"));
    }

    [Fact]
    public void Text_after_a_closing_quote_is_found_behind_a_stray_quote_in_the_same_row()
    {
        // CsvHelper reports one problem a record (here the stray quote of field 1); the second is Backprop's to find.
        Assert.Equal("t.csv:2:2: malformed CSV: text after the closing quote of field 2", Refused("x,y\nab\"c,\"q\"z\n"));
    }

    [Fact]
    public void Text_after_a_closing_quote_on_the_second_line_of_a_row_names_that_line()
    {
        Assert.Equal("t.csv:3:2: malformed CSV: text after the closing quote of field 2", Refused("x,y\n\"a\nb\",\"c\"d\n"));
    }

    [Fact]
    public void A_quote_inside_an_unquoted_field_is_text()
    {
        var table = Read("x,y\nab\"c,1\n2 \"in\" ,2\n");
        Assert.Equal("ab\"c", Text(table, 0, 0));
        Assert.Equal("2 \"in\"", Text(table, 0, 1));
    }

    [Fact]
    public void An_unclosed_quote_after_a_field_of_two_lines_names_the_line_it_opens_on()
    {
        Assert.Equal("t.csv:4: malformed CSV: the quoted field that starts on line 4 is never closed", Refused("x,y\n1,2\n\"a\nb\",\"c\n3,4\n"));
    }

    [Fact]
    public void Invalid_utf8_in_a_row_of_several_lines_names_the_line_and_field_of_the_byte()
    {
        byte[] bytes = [.. "a,b,c\n1,2,3\n\"one\ntwo\", 2 ,caf"u8, 0xE8, (byte)'\n'];
        Assert.StartsWith("t.csv:4:3: invalid UTF-8 (byte 0xE8)", Refused(bytes));
    }

    [Fact]
    public void Invalid_utf8_in_the_header_names_line_one()
    {
        byte[] bytes = [.. "a,"u8, 0xFF, (byte)'b', .. "\n1,2\n"u8];
        Assert.StartsWith("t.csv:1:2: invalid UTF-8 (byte 0xFF)", Refused(bytes));
    }

    [Fact]
    public void Spaces_around_fields_and_around_quotes_are_trimmed_and_spaces_inside_quotes_kept()
    {
        var table = Read("x,y\n  \"a,b\"  ,  2  \n\" c \",3\n");
        Assert.Equal("a,b", Text(table, 0, 0));
        Assert.Equal(" c ", Text(table, 0, 1));
        Assert.Equal(2.0, table.Columns[1].ValueOf(table.Columns[1].CodeAt(0)));
    }

    [Fact]
    public void Tabs_separate_and_are_not_trimmed_as_padding()
    {
        var table = Read("x\ty\n1 \t a b \n");
        Assert.Equal(["x", "y"], table.Header);
        Assert.Equal("a b", Text(table, 1, 0));
    }

    [Fact]
    public void Rows_start_on_the_lines_counted_across_CR_LF_CRLF_empty_lines_and_quoted_line_breaks()
    {
        var table = Read("x,y\r\n1,a\r\r\n2,\"b\r\nc\"\n\n3,d\r4,e");
        Assert.Equal(4, table.RowCount);
        Assert.Equal([2, 4, 7, 8], Enumerable.Range(0, 4).Select(table.Line));
        Assert.Equal("b\r\nc", Text(table, 1, 1));
    }

    [Fact]
    public void The_delimiter_is_found_on_a_header_longer_than_the_first_read()
    {
        string header = string.Join(";", Enumerable.Range(0, 3000).Select(i => $"column{i}"));
        string row = string.Join(";", Enumerable.Range(0, 3000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var table = Read(header + "\n" + row + "\n");
        Assert.Equal(3000, table.Header.Count);
        Assert.Equal(2999.0, table.Columns[2999].ValueOf(table.Columns[2999].CodeAt(0)));
    }

    [Fact]
    public void A_row_with_a_field_longer_than_the_read_buffer_is_read_whole()
    {
        string big = new('z', 3 << 20);
        var table = Read($"x,y\n1,{big}\n2,q\n");
        Assert.Equal(big, Text(table, 1, 0));
        Assert.Equal(3, table.Line(1));
    }

    [Fact]
    public void A_line_of_spaces_is_skipped_like_an_empty_line()
    {
        var table = Read("x,y\n1,a\n   \n2,b\n");
        Assert.Equal(2, table.RowCount);
        Assert.Equal(4, table.Line(1));
    }
}

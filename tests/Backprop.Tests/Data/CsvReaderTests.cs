using System.Globalization;
using System.Text;
using Backprop.Data;
using Backprop.Data.Csv;
using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;

namespace Backprop.Tests.Data;

/// <summary>The columnar reader against values the test formats itself: every cell read back is the value written.</summary>
public class CsvReaderTests
{
    /// <summary>A table of known values: numbers written in several spellings, categories, quoted fields, both line ends.</summary>
    private sealed record Known(byte[] Bytes, double[][] Numbers, string[] Words, int[] Lines);

    private static Known Generate(int rows, int seed, int numericColumns = 4, bool quoteSome = true)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        text.Append(string.Join(",", Enumerable.Range(0, numericColumns).Select(c => $"n{c}")) + ",\"w, ord\"\n");
        var numbers = Enumerable.Range(0, numericColumns).Select(_ => new double[rows]).ToArray();
        var words = new string[rows];
        var lines = new int[rows];
        string[] vocabulary = ["alpha", "béta", "say \"hi\"", "two\nlines", "x,y", "  padded  ", "7up"];
        int line = 2;
        for (int r = 0; r < rows; r++)
        {
            if (random.Next(20) == 0) { text.Append('\n'); line++; } // an empty line, skipped
            lines[r] = line;
            for (int c = 0; c < numericColumns; c++)
            {
                double v = random.Next(5) switch
                {
                    0 => random.Next(-1000, 1000),
                    1 => Math.Round(random.NextDouble() * 100, random.Next(0, 7)),
                    2 => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-30, 30)),
                    3 => random.NextDouble(),
                    _ => -random.NextDouble() * 1e-5,
                };
                numbers[c][r] = v;
                string spelled = random.Next(4) switch
                {
                    0 => v.ToString("R", CultureInfo.InvariantCulture),
                    1 => v.ToString("E16", CultureInfo.InvariantCulture),
                    2 => v.ToString("G17", CultureInfo.InvariantCulture),
                    _ => v.ToString(CultureInfo.InvariantCulture),
                };
                if (quoteSome && random.Next(10) == 0) spelled = $"\" {spelled} \"";
                text.Append(spelled).Append(',');
            }
            string word = vocabulary[random.Next(vocabulary.Length)];
            words[r] = word.Trim();
            text.Append('"').Append(word.Replace("\"", "\"\"")).Append('"');
            line += word.Count(ch => ch == '\n');
            text.Append(random.Next(2) == 0 ? "\r\n" : "\n");
            line++;
        }
        return new Known(Encoding.UTF8.GetBytes(text.ToString()), numbers, words, lines);
    }

    private static void AssertMatches(Known known, CsvTable table)
    {
        int numeric = known.Numbers.Length;
        Assert.Equal(known.Words.Length, table.RowCount);
        Assert.Equal([.. Enumerable.Range(0, numeric).Select(c => $"n{c}"), "w, ord"], table.Header);
        for (int r = 0; r < table.RowCount; r++)
        {
            Assert.Equal(known.Lines[r], table.Line(r));
            for (int c = 0; c < numeric; c++)
            {
                var column = table.Columns[c];
                double read = column.HasCategories ? column.ValueOf(column.CodeAt(r)) : column.ValueAt(r);
                Assert.Equal(known.Numbers[c][r], read);
            }
            var words = table.Columns[numeric];
            Assert.True(words.HasCategories);
            Assert.Equal(known.Words[r], words.TextOf(words.CodeAt(r)).Trim());
        }
        Assert.True(table.Columns[numeric].IsText);
        Assert.All(table.Columns.Take(numeric), c => Assert.False(c.IsText));
    }

    [Fact]
    public void Every_cell_reads_back_as_the_value_written()
    {
        var known = Generate(3000, seed: 1);
        AssertMatches(known, CsvTable.Read(new MemoryStream(known.Bytes), "known.csv"));
    }

    [Fact]
    public void A_stream_that_arrives_a_few_bytes_at_a_time_reads_the_same()
    {
        // A pipe hands over whatever it holds: records, quotes, CRLF pairs and multibyte characters are cut anywhere.
        var known = Generate(400, seed: 2);
        AssertMatches(known, CsvTable.Read(new TricklingStream(known.Bytes, seed: 3), "pipe"));
    }

    [Fact]
    public void Rows_read_in_blocks_are_the_rows_of_the_whole()
    {
        var known = Generate(1000, seed: 4);
        using var reader = new CsvTableReader(new TricklingStream(known.Bytes, seed: 5, longest: 4096), "blocks", new CsvReadOptions(),
            ownsStream: true);
        int row = 0;
        while (reader.ReadBlock(137) is { } block)
        {
            Assert.InRange(block.RowCount, 1, 137);
            for (int r = 0; r < block.RowCount; r++, row++)
            {
                Assert.Equal(known.Lines[row], block.Line(r));
                var c0 = block.Columns[0];
                Assert.Equal(known.Numbers[0][row], c0.HasCategories ? c0.ValueOf(c0.CodeAt(r)) : c0.ValueAt(r));
            }
        }
        Assert.Equal(1000, row);
    }

    [Fact]
    public void A_column_with_more_distinct_values_than_the_limit_holds_doubles_and_stays_numeric()
    {
        var rows = Enumerable.Range(0, 50).Select(i => $"{i * 0.5},{i % 3}");
        var table = CsvTable.Read(new MemoryStream(Encoding.UTF8.GetBytes("x,k\n" + string.Join("\n", rows))), "t.csv",
            new CsvReadOptions { MaxCategories = 10 });
        Assert.False(table.Columns[0].HasCategories);
        Assert.True(table.Columns[1].HasCategories);
        Assert.Equal(24.5, table.Columns[0].ValueAt(49));
        Assert.Equal(["0", "1", "2"], table.Columns[1].Distinct());
        var e = Assert.Throws<DataFormatException>(() => table.Columns[0].Distinct());
        Assert.Contains("more than 10 distinct values", e.Message);
    }

    [Theory]
    [InlineData("a;b;y\n1.5;2;x\n3;4;z\n", ';')]
    [InlineData("a\tb\ty\n1.5\t2\tx\n3\t4\tz\n", '\t')]
    [InlineData("a,b,y\n1.5,2,x\n3,4,z\n", ',')]
    public void The_delimiter_is_the_one_the_header_holds_most(string content, char expected)
    {
        using var reader = new CsvTableReader(new MemoryStream(Encoding.UTF8.GetBytes(content)), "d.csv", new CsvReadOptions(), ownsStream: true);
        Assert.Equal(expected, reader.Delimiter);
        var table = reader.ReadBlock(int.MaxValue)!;
        Assert.Equal(["a", "b", "y"], table.Header);
        Assert.Equal(1.5, table.Columns[0].ValueOf(table.Columns[0].CodeAt(0)));
    }

    [Fact]
    public void A_given_delimiter_is_used()
    {
        var table = CsvTable.Read(new MemoryStream("a|b,c\n1|x,y\n"u8.ToArray()), "p.csv", new CsvReadOptions { Delimiter = '|' });
        Assert.Equal(["a", "b,c"], table.Header);
        Assert.Equal("x,y", table.Columns[1].TextOf(table.Columns[1].CodeAt(0)));
    }

    [Fact]
    public void Decimal_commas_are_read_when_asked()
    {
        var table = CsvTable.Read(new MemoryStream("a;b\n1,5;-2,25\n3;1e3\n"u8.ToArray()), "c.csv", new CsvReadOptions { DecimalSeparator = ',' });
        Assert.Equal(1.5, table.Columns[0].ValueOf(table.Columns[0].CodeAt(0)));
        Assert.Equal(-2.25, table.Columns[1].ValueOf(table.Columns[1].CodeAt(0)));
        Assert.Equal(1000, table.Columns[1].ValueOf(table.Columns[1].CodeAt(1)));
    }

    [Fact]
    public void Decimal_commas_in_a_semicolon_file_are_refused_with_the_option_that_reads_them()
    {
        var e = Assert.Throws<DataFormatException>(() => CsvTable.Read(new MemoryStream("a;b\n1;2\n1,5;2\n"u8.ToArray()), "c.csv"));
        Assert.Equal("c.csv:3:1: '1,5' in column 'a' has a decimal comma: give CsvReadOptions.DecimalSeparator = ',' to read such numbers (1.5)",
            e.Message);
    }

    [Fact]
    public void Quoted_decimal_commas_in_a_comma_separated_file_read_as_numbers_with_the_decimal_comma()
    {
        // As a spreadsheet in a decimal-comma locale writes a comma-separated file: the numbers with a comma are quoted.
        var text = "a,b\n\"-0,6518\",2\n\"1,5\",\"1e3\"\n"u8.ToArray();
        var table = CsvTable.Read(new MemoryStream(text), "c.csv", new CsvReadOptions { DecimalSeparator = ',' });
        var x = Preprocessor.Numeric(["a"], ["b"]).EncodeFeatures(table);
        Assert.Equal([-0.6518, 1.5], [x[0, 0], x[1, 0]]);
        Assert.False(table.Columns[0].IsText);
    }

    [Fact]
    public void Invalid_utf8_is_refused_naming_line_and_column()
    {
        byte[] latin1 = [.. "x,c\n1,caf\u00e9\n2,"u8, (byte)'c', (byte)'a', (byte)'f', 0xE8, (byte)'\n'];
        var e = Assert.Throws<DataFormatException>(() => CsvTable.Read(new MemoryStream(latin1), "latin1.csv"));
        Assert.StartsWith("latin1.csv:3:2: invalid UTF-8 (byte 0xE8)", e.Message);
    }

    [Theory]
    [InlineData("x,y\n1,2\n3", "cut.csv:3: this row has 1 fields but the header has 2")]
    [InlineData("x,y\n1,2\n\"3,4\n", "cut.csv:3: malformed CSV: the quoted field that starts on line 3 is never closed")]
    public void A_stream_that_ends_mid_row_is_refused_naming_the_row(string content, string message)
    {
        var e = Assert.Throws<DataFormatException>(() => CsvTable.Read(new TricklingStream(Encoding.UTF8.GetBytes(content), seed: 9), "cut.csv"));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Missing_values_are_marked_in_their_rows()
    {
        var table = CsvTable.Read(new MemoryStream("x,c\n1,a\n,b\nNA,?\n4,N/A\n"u8.ToArray()), "m.csv");
        Assert.Equal([1, 2], table.Columns[0].MissingRows);
        Assert.Equal([2, 3], table.Columns[1].MissingRows);
        Assert.Equal(["a", "b"], table.Columns[1].Distinct());
        Assert.False(table.Columns[0].IsText);
    }

    /// <summary>A non-seekable stream that returns at most a few bytes per read, like a pipe.</summary>
    private sealed class TricklingStream(byte[] bytes, int seed, int longest = 7) : Stream
    {
        private readonly Random _random = new(seed);
        private int _at;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(Math.Min(count, _random.Next(1, longest + 1)), bytes.Length - _at);
            Array.Copy(bytes, _at, buffer, offset, n);
            _at += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

using System.Globalization;
using System.Text;
using Backprop.Data;
using Backprop.Data.Preprocessing;
using Backprop.Diagnostics;

namespace Backprop.Tests.Data;

/// <summary>
/// Encoding works a block of rows and a column at a time; what it writes and which error it reports must be those of
/// the row-by-row definition: (x − mean) / std per cell, and the first bad cell in row order.
/// </summary>
public class PreprocessorBlockTests
{
    private static CsvTable Table(string text) => CsvTable.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "t.csv");

    [Fact]
    public void The_first_bad_cell_in_row_order_is_reported_even_when_a_later_row_is_bad_in_an_earlier_column()
    {
        var pre = Preprocessor.Fit(Table("a,b,c,y\n1,2,3,x\n4,5,6,z\n"), new PreprocessingOptions { Targets = ["y"] }, [0, 1]);
        // Row 2 (line 3) lacks c; row 3 (line 4) lacks a: c's gap comes first in the file.
        var e = Assert.Throws<DataFormatException>(() => pre.EncodeFeatures(Table("a,b,c,y\n1,2,3,x\n4,5,,x\n,7,8,z\n")));
        Assert.StartsWith("t.csv:3:3: column 'c' has no value", e.Message);
    }

    [Fact]
    public void Blocks_of_many_rows_hold_the_standardised_values_of_each_cell()
    {
        // 2,500 rows (ten blocks, the last one partial), a doubles column (many distinct values), a coded one and a category.
        var text = new StringBuilder("u,k,c,y\n");
        var u = new double[2500];
        for (int r = 0; r < 2500; r++)
        {
            u[r] = r * 0.37 - 50;
            text.Append(u[r].ToString("R", CultureInfo.InvariantCulture)).Append(',').Append(r % 3).Append(',').Append(r % 2 == 0 ? "p" : "q")
                .Append(',').Append(r % 5 == 0 ? "x" : "z").Append('\n');
        }
        var table = Table(text.ToString());
        int[] rows = [.. Enumerable.Range(0, 2500).Where(r => r % 7 != 3)];
        var pre = Preprocessor.Fit(table, new PreprocessingOptions { Targets = ["y"], Standardize = ["u", "k"] }, rows);
        // The reference: population mean and deviation of the fitted rows, computed here.
        double mu = rows.Average(r => u[r]), su = Math.Sqrt(rows.Average(r => (u[r] - mu) * (u[r] - mu)));
        double mk = rows.Average(r => (double)(r % 3)), sk = Math.Sqrt(rows.Average(r => (r % 3 - mk) * (r % 3 - mk)));
        Assert.False(table.Columns[0].HasCategories);
        Assert.True(table.Columns[1].HasCategories);
        var x = pre.EncodeFeatures<float>(table, rows);
        Assert.Equal(4, x.Columns);
        for (int k = 0; k < rows.Length; k++)
        {
            int r = rows[k];
            Assert.Equal((u[r] - mu) / su, x[k, 0], 1e-5);
            Assert.Equal((r % 3 - mk) / sk, x[k, 1], 1e-5);
            Assert.Equal(r % 2 == 0 ? 1f : 0f, x[k, 2]);
            Assert.Equal(r % 2 == 0 ? 0f : 1f, x[k, 3]);
        }
    }
}

using Backprop.Data.Output;

namespace Backprop.Tests.Data;

/// <summary>How many rows a block of a streamed table holds: at most 8,192, and at most about 4 MiB of encoded inputs.</summary>
public class PredictionBlockTests
{
    [Theory]
    // 54 floats a row: 8,192 rows are 1.7 MiB, under the cap.
    [InlineData(54, 4, 8192)]
    // 312 doubles a row (twelve one-hot columns of 26 letters): 4,194,304 / 2,496 = 1,680.4 rows.
    [InlineData(312, 8, 1680)]
    // 784 floats (an image): 4,194,304 / 3,136 = 1,337.5 rows.
    [InlineData(784, 4, 1337)]
    // 100,000 doubles a row would allow 5 rows: the floor of 256 keeps a block worth running.
    [InlineData(100_000, 8, 256)]
    // No inputs at all: the largest block.
    [InlineData(0, 8, 8192)]
    public void A_block_holds_at_most_8192_rows_and_about_4_MiB_of_inputs(int width, int valueBytes, int rows) =>
        Assert.Equal(rows, TablePrediction.BlockRows(width, valueBytes));
}

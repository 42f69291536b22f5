using Backprop.Data.Rows;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Tensors;

/// <summary>
/// <see cref="Matrix{T}.RowRange"/>, the view through which validation and the final measure read rows in memory where they
/// are, and the measures themselves: the same bits read in place as copied block by block into buffers (a
/// <see cref="RowSelection{T}"/> of every row in order is not in memory as one matrix, so it takes the copying path).
/// </summary>
public class RowRangeTests
{
    /// <summary>A 4 × 3 matrix whose element (r, c) is 10r + c.</summary>
    private static Matrix<double> Numbered()
    {
        var m = new Matrix<double>(4, 3);
        for (int r = 0; r < 4; r++)
            for (int c = 0; c < 3; c++) m[r, c] = 10 * r + c;
        return m;
    }

    [Fact]
    public void A_view_reads_its_rows_of_the_same_buffer()
    {
        var m = Numbered();
        var view = m.RowRange(1, 2);
        Assert.Equal(2, view.Rows);
        Assert.Equal(3, view.Columns);
        Assert.Equal([10.0, 11, 12, 20, 21, 22], view.Span.ToArray());
        Assert.Equal([20.0, 21, 22], view.Row(1).ToArray());
        Assert.Equal(12.0, view[0, 2]);
        Assert.Same(m.Data, view.Data);
        // Not copied: a write through the matrix shows in the view.
        m[2, 0] = -5;
        Assert.Equal(-5.0, view[1, 0]);
        // A view of a view, and rows copied out of it.
        Assert.Equal([-5.0, 21, 22], view.RowRange(1, 1).Span.ToArray());
        var copy = new Matrix<double>(1, 3);
        view.CopyRows(1, 1, copy);
        Assert.Equal([-5.0, 21, 22], copy.Span.ToArray());
        var gathered = new Matrix<double>(2, 3);
        view.GatherRows([1, 0], gathered);
        Assert.Equal([-5.0, 21, 22, 10, 11, 12], gathered.Span.ToArray());
    }

    [Fact]
    public void A_view_past_the_rows_is_refused()
    {
        var m = Numbered();
        Assert.Throws<ArgumentOutOfRangeException>(() => m.RowRange(3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => m.RowRange(-1, 1));
        Assert.Equal(0, m.RowRange(4, 0).Rows);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_final_measure_and_validation_give_the_same_bits_in_place_as_copied(bool weighted)
    {
        // 2,500 rows: two full blocks of the final measure (1,024 rows) and a part one.
        const int n = 2500, inputs = 5, classes = 3;
        var random = new Random(7);
        var x = new Matrix<float>(n, inputs);
        var t = new Matrix<float>(n, classes);
        var w = new Matrix<float>(n, 1);
        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < inputs; c++) x[r, c] = (float)(2 * random.NextDouble() - 1);
            t[r, random.Next(classes)] = 1;
            w[r, 0] = (float)(0.5 + random.NextDouble());
        }
        var network = Network<float>.Create(inputs, [new LayerSpec(4, "relu"), new LayerSpec(classes, "softmax")], seed: 3);
        var objective = new Objective(new CrossEntropy());
        var weights = weighted ? w : null;
        var inMemory = new MatrixRows<float>(x, t);
        var copied = new RowSelection<float>(inMemory, [.. Enumerable.Range(0, n)]);

        var expected = Trainer.Measure(network, copied, objective, weights);
        Assert.True(expected.Loss > 0.5 && expected.Loss < 3, $"a loss of {expected.Loss} is not that of an untrained 3-class network");
        Assert.Equal(expected, Trainer.Measure(network, inMemory, objective, weights));
        // With a workspace of the validation's to reuse, as the trainer passes it.
        Assert.Equal(expected, Trainer.Measure(network, inMemory, objective, weights, new Workspace<float>(network, 2000)));

        var heldCopied = RowMeasures.Validate(network, copied, objective, classification: true, weights);
        var heldInPlace = RowMeasures.Validate(network, inMemory, objective, classification: true, weights);
        Assert.Equal(heldCopied, heldInPlace);
        Assert.NotNull(heldInPlace.Accuracy);
    }
}

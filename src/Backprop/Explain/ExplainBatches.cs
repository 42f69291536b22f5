using Backprop.Tensors;

namespace Backprop.Explain;

/// <summary>
/// The mini-batch of one training step, as training takes them without shuffling: step k uses batch (k − 1) mod B of the
/// B = ⌈rows / size⌉ batches of consecutive rows, the last one holding what is left.
/// </summary>
/// <param name="Start">The batch's first row (0-based).</param>
/// <param name="Count">Its rows.</param>
/// <param name="Index">Which batch it is (0-based).</param>
/// <param name="Batches">Batches per pass over the data.</param>
internal readonly record struct ExplainBatches(int Start, int Count, int Index, int Batches)
{
    /// <summary>The batch of training step <paramref name="step"/> (1 for the first) over <paramref name="rows"/> rows; the whole data without a
    /// <paramref name="size"/>.</summary>
    public static ExplainBatches Of(int rows, int? size, int step)
    {
        if (rows == 0) return new(0, 0, 0, 1);
        int each = Math.Clamp(size ?? rows, 1, rows);
        int batches = (rows + each - 1) / each;
        int index = (step - 1) % batches;
        int start = index * each;
        return new(start, Math.Min(each, rows - start), index, batches);
    }

    /// <summary>The batch's rows of <paramref name="matrix"/>.</summary>
    public Matrix<double> Slice(Matrix<double> matrix)
    {
        var rows = new Matrix<double>(Count, matrix.Columns);
        matrix.CopyRows(Start, Count, rows);
        return rows;
    }

    /// <summary>Which rows, for the settings line: <c>rows 3–4 of 10 (batch 2 of 5)</c>.</summary>
    public string Describe(int rows) => Count == 1 ? $"row {Start + 1} of {rows} (batch {Index + 1} of {Batches})"
        : $"rows {Start + 1}–{Start + Count} of {rows} (batch {Index + 1} of {Batches})";
}

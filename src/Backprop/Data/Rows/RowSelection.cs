using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Data.Rows;

/// <summary>
/// Some rows of another source, in a given order: sample <c>i</c> is the source's row <c>Rows[i]</c> (the training or
/// the held-out rows of a split). Not safe for concurrent use: it keeps one buffer of mapped indices, grown to the
/// largest gather and then reused, so gathering allocates nothing after the first batch.
/// </summary>
internal sealed class RowSelection<T> : IRowSource<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IRowSource<T> _source;
    private readonly int[] _rows;
    private int[] _mapped = [];

    /// <summary>Rows <paramref name="rows"/> of <paramref name="source"/> (each in 0 … Count − 1), in that order.</summary>
    public RowSelection(IRowSource<T> source, int[] rows)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(rows);
        foreach (int r in rows)
            if ((uint)r >= (uint)source.Count)
                throw new ArgumentOutOfRangeException(nameof(rows), $"Row {r} is not among the source's {source.Count}.");
        (_source, _rows) = (source, rows);
    }

    /// <summary>The source the rows are taken from.</summary>
    internal IRowSource<T> Source => _source;

    /// <summary>The source's rows, in the selection's order.</summary>
    public ReadOnlySpan<int> Rows => _rows;

    /// <inheritdoc />
    public int Count => _rows.Length;

    /// <inheritdoc />
    public int FeatureCount => _source.FeatureCount;

    /// <inheritdoc />
    public int TargetCount => _source.TargetCount;

    /// <inheritdoc />
    public void Gather(ReadOnlySpan<int> rows, Matrix<T> features, Matrix<T> targets)
    {
        if (_mapped.Length < rows.Length) _mapped = new int[rows.Length];
        var mapped = _mapped.AsSpan(0, rows.Length);
        for (int i = 0; i < rows.Length; i++) mapped[i] = _rows[rows[i]];
        _source.Gather(mapped, features, targets);
    }

    /// <inheritdoc />
    public void Copy(int start, int count, Matrix<T> features, Matrix<T> targets) =>
        _source.Gather(_rows.AsSpan(start, count), features, targets);
}

using System.Numerics;

namespace Backprop.Tensors;

/// <summary>
/// A row-major matrix over one contiguous buffer: element (r, c) is <c>Data[r * Columns + c]</c>.
/// A batch is a matrix with one sample per row. The buffer may be larger than
/// <see cref="Rows"/> × <see cref="Columns"/> so that one allocation serves batches of several sizes.
/// </summary>
public sealed class Matrix<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private int _rows;
    private readonly int _offset; // where row 0 starts in Data: 0, except for a view of some rows of another matrix (RowRange)

    /// <summary>Creates a zero matrix of the given shape.</summary>
    public Matrix(int rows, int columns) : this(rows, columns, new T[checked(rows * columns)]) { }

    /// <summary>Wraps <paramref name="data"/> (not copied) as a <paramref name="rows"/> × <paramref name="columns"/> matrix.</summary>
    public Matrix(int rows, int columns, T[] data)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        ArgumentNullException.ThrowIfNull(data);
        if ((long)rows * columns > data.Length)
            throw new ArgumentException($"A {rows}×{columns} matrix needs {(long)rows * columns} values; the buffer has {data.Length}.",
                nameof(data));
        _rows = rows;
        Columns = columns;
        Data = data;
    }

    private Matrix(int rows, int columns, T[] data, int offset) : this(rows, columns, data) => _offset = offset;

    /// <summary>
    /// Rows <paramref name="start"/> … <paramref name="start"/> + <paramref name="count"/> − 1 as a matrix of their own over this
    /// one's buffer, not copied: to be read through <see cref="Span"/>, <see cref="Row"/> and the indexer only (its
    /// <see cref="Data"/> is the whole buffer), as a forward pass and a loss read their inputs and targets.
    /// </summary>
    internal Matrix<T> RowRange(int start, int count)
    {
        if (start < 0 || count < 0 || start + count > _rows)
            throw new ArgumentOutOfRangeException(nameof(count), $"rows {start} to {start + count} are not all among the {_rows} rows.");
        return start == 0 && _offset == 0 ? new(count, Columns, Data) : new(count, Columns, Data, _offset + start * Columns);
    }

    /// <summary>Number of rows (samples, for a batch).</summary>
    public int Rows => _rows;

    /// <summary>Number of columns (features or units).</summary>
    public int Columns { get; }

    /// <summary>The backing buffer; only its first <see cref="Rows"/> × <see cref="Columns"/> values belong to the matrix.</summary>
    public T[] Data { get; }

    /// <summary>How many rows the buffer can hold.</summary>
    public int Capacity => Columns == 0 ? int.MaxValue : (Data.Length - _offset) / Columns;

    /// <summary>The values of the matrix, row after row.</summary>
    public Span<T> Span => Data.AsSpan(_offset, _rows * Columns);

    /// <summary>Row <paramref name="row"/> as a span.</summary>
    public Span<T> Row(int row) => Data.AsSpan(_offset + row * Columns, Columns);

    /// <summary>Element (row, column).</summary>
    public ref T this[int row, int column] => ref Data[_offset + row * Columns + column];

    /// <summary>Changes the row count within the buffer's capacity, so a workspace can serve a smaller last batch without allocating.</summary>
    public void SetRows(int rows)
    {
        if (rows < 0 || rows > Capacity)
            throw new ArgumentOutOfRangeException(nameof(rows), $"{rows} rows do not fit a buffer of {Capacity} rows.");
        _rows = rows;
    }

    /// <summary>Builds a matrix from rows of doubles (converted to <typeparamref name="T"/>).</summary>
    public static Matrix<T> FromRows(IReadOnlyList<IReadOnlyList<double>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int columns = rows.Count == 0 ? 0 : rows[0].Count;
        var m = new Matrix<T>(rows.Count, columns);
        for (int r = 0; r < rows.Count; r++)
        {
            if (rows[r].Count != columns)
                throw new ArgumentException($"Row {r} has {rows[r].Count} values; row 0 has {columns}.", nameof(rows));
            for (int c = 0; c < columns; c++) m[r, c] = T.CreateChecked(rows[r][c]);
        }
        return m;
    }

    /// <summary>Builds a matrix from a rectangular array of doubles.</summary>
    public static Matrix<T> FromArray(double[,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var m = new Matrix<T>(values.GetLength(0), values.GetLength(1));
        for (int r = 0; r < m.Rows; r++)
            for (int c = 0; c < m.Columns; c++) m[r, c] = T.CreateChecked(values[r, c]);
        return m;
    }

    /// <summary>The matrix as rows of doubles.</summary>
    public double[][] ToRows()
    {
        var rows = new double[_rows][];
        for (int r = 0; r < _rows; r++)
        {
            rows[r] = new double[Columns];
            for (int c = 0; c < Columns; c++) rows[r][c] = double.CreateChecked(this[r, c]);
        }
        return rows;
    }

    /// <summary>A copy with its own buffer of exactly the matrix's size.</summary>
    public Matrix<T> Clone() => new(_rows, Columns, Span.ToArray());

    /// <summary>A copy converted to another element type.</summary>
    public Matrix<TOther> Convert<TOther>() where TOther : unmanaged, IFloatingPointIeee754<TOther>
    {
        var m = new Matrix<TOther>(_rows, Columns);
        var source = Span;
        var target = m.Span;
        for (int i = 0; i < source.Length; i++) target[i] = TOther.CreateChecked(source[i]);
        return m;
    }

    /// <summary>
    /// Copies rows <paramref name="indices"/> of this matrix, in that order, into <paramref name="destination"/>. A large
    /// gather (a batch of images picked from all over the data set) is split across threads: the copy waits mostly on
    /// memory, and two cores have more reads in flight than one.
    /// </summary>
    public unsafe void GatherRows(ReadOnlySpan<int> indices, Matrix<T> destination)
    {
        if (destination.Columns != Columns) throw new ArgumentException("Column counts differ.", nameof(destination));
        destination.SetRows(indices.Length);
        int parts = (int)Math.Clamp((long)indices.Length * Columns / ValuesPerGatherThread, 1, Math.Min(Gemm.MaxThreads, indices.Length));
        if (parts == 1)
        {
            Gather(indices, destination.Data, 0, indices.Length);
            return;
        }
        fixed (int* rows = indices)
        {
            var job = GatherJob.ForThisThread;
            job.Set(this, (nint)rows, indices.Length, destination.Data, parts);
            try { WorkerPool.Run(job, parts); }
            finally { job.Set(null, 0, 0, null, 0); }
        }
    }

    /// <summary>Below this many values per thread a gather runs on one thread.</summary>
    private const int ValuesPerGatherThread = 16_384;

    private unsafe void Gather(ReadOnlySpan<int> indices, T[] destination, int first, int last)
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            for (int i = first; i < last; i++) Row(indices[i]).CopyTo(destination.AsSpan(i * Columns, Columns));
            return;
        }
        // The rows are scattered over the data set: each is asked for from memory two rows ahead of its copy, every cache
        // line of it, so that several rows are on their way at once instead of one stream that starts cold at each row.
        int bytes = Columns * sizeof(T);
        fixed (T* data = Data)
        {
            T* source = data + _offset;
            for (int i = first; i < Math.Min(last, first + GatherAhead); i++) Prefetch((byte*)(source + (long)indices[i] * Columns), bytes);
            for (int i = first; i < last; i++)
            {
                if (i + GatherAhead < last) Prefetch((byte*)(source + (long)indices[i + GatherAhead] * Columns), bytes);
                Row(indices[i]).CopyTo(destination.AsSpan(i * Columns, Columns));
            }
        }
    }

    /// <summary>How many rows ahead of its copy a gathered row is prefetched.</summary>
    private const int GatherAhead = 2;

    private static unsafe void Prefetch(byte* row, int bytes)
    {
        for (int b = 0; b < bytes; b += 64) System.Runtime.Intrinsics.X86.Sse.Prefetch0(row + b);
    }

    /// <summary>One gather split into contiguous ranges of destination rows; one instance per calling thread, reused.</summary>
    private sealed unsafe class GatherJob : PoolJob
    {
        [ThreadStatic] private static GatherJob? t_job;
        private Matrix<T>? _source;
        private nint _rows;
        private int _count, _parts;
        private T[]? _destination;

        public static GatherJob ForThisThread => t_job ??= new GatherJob();

        public void Set(Matrix<T>? source, nint rows, int count, T[]? destination, int parts) =>
            (_source, _rows, _count, _destination, _parts) = (source, rows, count, destination, parts);

        public override void Run(int part)
        {
            int first = (int)((long)_count * part / _parts), last = (int)((long)_count * (part + 1) / _parts);
            _source!.Gather(new ReadOnlySpan<int>((int*)_rows, _count), _destination!, first, last);
        }
    }

    /// <summary>Copies <paramref name="count"/> rows starting at <paramref name="start"/> into <paramref name="destination"/>.</summary>
    public void CopyRows(int start, int count, Matrix<T> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (destination.Columns != Columns) throw new ArgumentException("Column counts differ.", nameof(destination));
        destination.SetRows(count);
        Data.AsSpan(_offset + start * Columns, count * Columns).CopyTo(destination.Span);
    }

    /// <inheritdoc />
    public override string ToString() => $"Matrix<{typeof(T).Name}>({_rows}×{Columns})";
}

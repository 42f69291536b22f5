using System.Numerics;
using Backprop.Data.Output;
using Backprop.Data.Preprocessing;
using Backprop.Tensors;
using Parquet;
using Parquet.Schema;

namespace Backprop.Parquet;

/// <summary>
/// Writes predictions as a Parquet file, one row group per block: for a classifier, the predicted class (text) and one
/// <c>p(class)</c> column per class; otherwise one column per output; numbers in the network's precision <typeparamref name="T"/>.
/// </summary>
public sealed class PredictionParquet<T> : IPredictionSink, IDisposable where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TargetEncoding? _classes;
    private readonly DataField[] _fields;
    private readonly ParquetWriter _writer;

    /// <summary>Writes to <paramref name="stream"/> (writable and seekable); <paramref name="target"/> with classes makes a classifier's columns,
    /// otherwise <paramref name="outputNames"/> name the outputs.</summary>
    public PredictionParquet(Stream stream, TargetEncoding? target, IReadOnlyList<string> outputNames)
    {
        if (typeof(T) != typeof(double) && typeof(T) != typeof(float))
            throw new NotSupportedException("Predictions are written as doubles or floats.");
        _classes = target?.Classes is not null ? target : null;
        var names = PredictionColumns.Names(_classes, outputNames);
        var fields = new List<DataField>();
        if (_classes is not null)
        {
            fields.Add(new DataField<string>(names[0]));
            fields.AddRange(names.Skip(1).Select(n => new DataField(n, typeof(T))));
        }
        else fields.AddRange(names.Select(n => new DataField(n, typeof(T))));
        _fields = [.. fields];
        _writer = ParquetWriter.CreateAsync(new ParquetSchema(fields), stream).GetAwaiter().GetResult();
    }

    /// <inheritdoc />
    public long Rows { get; private set; }

    /// <inheritdoc />
    public void Write<TOut>(Matrix<TOut> outputs) where TOut : unmanaged, IFloatingPointIeee754<TOut>
    {
        if (outputs is not Matrix<T> y) throw new ArgumentException($"The outputs must be {typeof(T).Name}s.", nameof(outputs));
        int n = y.Rows;
        if (n == 0) return;
        using var group = _writer.CreateRowGroup();
        int field = 0;
        if (_classes is { } target)
        {
            var asDouble = new double[y.Columns];
            var names = new string[n];
            for (int r = 0; r < n; r++)
            {
                var row = y.Row(r);
                for (int k = 0; k < row.Length; k++) asDouble[k] = double.CreateTruncating(row[k]);
                names[r] = target.Classes![target.ClassOf(asDouble)];
            }
            group.WriteAsync(_fields[field++], names).GetAwaiter().GetResult();
            int classes = target.Classes!.Count;
            for (int k = 0; k < classes; k++)
            {
                var column = new T[n];
                for (int r = 0; r < n; r++) column[r] = classes == 2 ? (k == 0 ? T.One - y[r, 0] : y[r, 0]) : y[r, k];
                group.WriteAsync<T>(_fields[field++], column.AsMemory()).GetAwaiter().GetResult();
            }
        }
        else
        {
            for (int k = 0; k < y.Columns; k++)
            {
                var column = new T[n];
                for (int r = 0; r < n; r++) column[r] = y[r, k];
                group.WriteAsync<T>(_fields[field++], column.AsMemory()).GetAwaiter().GetResult();
            }
        }
        Rows += n;
    }

    /// <inheritdoc />
    public void Flush() { }

    /// <summary>Writes the file's footer.</summary>
    public void Dispose() => _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
}

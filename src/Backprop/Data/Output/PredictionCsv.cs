using System.Globalization;
using System.Numerics;
using Backprop.Data.Preprocessing;
using Backprop.Tensors;

namespace Backprop.Data.Output;

/// <summary>
/// Writes predictions as CSV: for a classifier, the predicted class and one <c>p(class)</c> column per class; otherwise
/// one column per output. Numbers are formatted into a character buffer (shortest text that reads back to the same
/// value, in the network's precision) and handed to the writer a buffer at a time.
/// </summary>
internal sealed class PredictionCsv : IPredictionSink
{
    private readonly TextWriter _writer;
    private readonly TargetEncoding? _classes;
    private readonly string[] _quotedClasses;
    private readonly char[] _buffer = new char[1 << 16];
    private int _used;

    /// <summary>Writes to <paramref name="writer"/>; <paramref name="target"/> with classes makes a classifier's columns, otherwise
    /// <paramref name="outputNames"/> name the outputs.</summary>
    public PredictionCsv(TextWriter writer, TargetEncoding? target, IReadOnlyList<string> outputNames)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(outputNames);
        _writer = writer;
        _classes = target?.Classes is not null ? target : null;
        _quotedClasses = _classes?.Classes!.Select(Quote).ToArray() ?? [];
        string header = string.Join(",", PredictionColumns.Names(_classes, outputNames).Select(Quote));
        writer.Write(header);
        writer.Write('\n');
    }

    /// <summary>Rows written so far.</summary>
    public long Rows { get; private set; }

    /// <summary>Writes one line per row of <paramref name="outputs"/>.</summary>
    public void Write<T>(Matrix<T> outputs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var asDouble = new double[outputs.Columns];
        for (int r = 0; r < outputs.Rows; r++)
        {
            var y = outputs.Row(r);
            if (_classes is { } target)
            {
                for (int k = 0; k < y.Length; k++) asDouble[k] = double.CreateTruncating(y[k]);
                Append(_quotedClasses[target.ClassOf(asDouble)]);
                if (target.Classes!.Count == 2)
                {
                    Append(',');
                    Number(T.One - y[0]);
                    Append(',');
                    Number(y[0]);
                }
                else
                    for (int k = 0; k < y.Length; k++) { Append(','); Number(y[k]); }
            }
            else
            {
                for (int k = 0; k < y.Length; k++)
                {
                    if (k > 0) Append(',');
                    Number(y[k]);
                }
            }
            Append('\n');
            Rows++;
        }
    }

    /// <summary>Hands the buffered text to the writer and flushes it.</summary>
    public void Flush()
    {
        _writer.Write(_buffer.AsSpan(0, _used));
        _used = 0;
        _writer.Flush();
    }

    private void Number<T>(T value) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (_buffer.Length - _used < 64) Spill();
        if (!value.TryFormat(_buffer.AsSpan(_used), out int written, "R", CultureInfo.InvariantCulture))
            throw new InvalidOperationException("A number did not fit 64 characters.");
        _used += written;
    }

    private void Append(char c)
    {
        if (_used == _buffer.Length) Spill();
        _buffer[_used++] = c;
    }

    private void Append(string text)
    {
        if (_buffer.Length - _used < text.Length) Spill();
        if (text.Length > _buffer.Length) { _writer.Write(text); return; }
        text.CopyTo(_buffer.AsSpan(_used));
        _used += text.Length;
    }

    private void Spill()
    {
        _writer.Write(_buffer.AsSpan(0, _used));
        _used = 0;
    }

    /// <summary>A CSV field for <paramref name="name"/>: quoted when it holds a comma, a quote or a line break.</summary>
    public static string Quote(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + name.Replace("\"", "\"\"") + "\"" : name;
    }
}

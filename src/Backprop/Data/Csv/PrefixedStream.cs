namespace Backprop.Data.Csv;

/// <summary>
/// A read-only, forward-only stream that yields bytes already read from another stream (to look at the start of a
/// file) and then the rest of that stream, so that a pipe can be sniffed and still be read whole.
/// </summary>
internal sealed class PrefixedStream(byte[] prefix, int start, int length, Stream? rest) : Stream
{
    private int _at = start;
    private readonly int _end = start + length;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_at < _end)
        {
            int n = Math.Min(buffer.Length, _end - _at);
            prefix.AsSpan(_at, n).CopyTo(buffer);
            _at += n;
            return n;
        }
        return rest?.Read(buffer) ?? 0;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

using Backprop.Data;
using Backprop.Data.Cache;
using Backprop.Data.Csv;

namespace Backprop.Cli.Commands;

/// <summary>
/// <see cref="TableInput.Read"/> that a signal stops mid-file: a CSV (a regular file or standard input) is read through a
/// stream that throws <see cref="OperationCanceledException"/> on its next read once <c>cancellation</c> is set, so
/// that <c>train</c> reading a large table into memory stops within one buffer, not at the end of the file. Anything
/// else (Parquet, a path that cannot be opened, which is refused by the ordinary read with its usual message) is read
/// as <see cref="TableInput.Read"/> does.
/// </summary>
internal static class InterruptibleRead
{
    public static Func<string, CsvReadOptions, CsvTable> Reader(CancellationToken cancellation) => (path, csv) =>
    {
        if (!cancellation.CanBeCanceled || TableFormats.IsRegistered(path)) return TableInput.Read(path, csv);
        csv.Validate();
        Stream? stream = null;
        if (path == "-") stream = Console.OpenStandardInput();
        else if (File.Exists(path))
        {
            try { stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        if (stream is null) return TableInput.Read(path, csv);
        using var guarded = new CancellableStream(stream, cancellation);
        return CsvTable.Read(guarded, path == "-" ? "stdin" : path, csv);
    };

    /// <summary>A read-only stream that checks the cancellation before each read and reaches <see cref="PreparationPhase.Read"/> after its
    /// first.</summary>
    private sealed class CancellableStream(Stream inner, CancellationToken cancellation) : Stream
    {
        private bool _first = true;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            cancellation.ThrowIfCancellationRequested();
            int read = inner.Read(buffer);
            if (_first)
            {
                _first = false;
                PreparationPhase.Reach(PreparationPhase.Read, cancellation);
            }
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}

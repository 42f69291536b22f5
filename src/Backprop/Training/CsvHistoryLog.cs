using System.Globalization;
using System.Text;
using Backprop.Diagnostics;

namespace Backprop.Training;

/// <summary>
/// One CSV row per epoch, written and flushed as each epoch ends, as Keras's <c>CSVLogger</c>: epoch, loss, RMSE,
/// learning rate, and the held-out loss, RMSE and accuracy when there are held-out data (empty otherwise).
/// Pass <see cref="Write"/> as the <c>onEpoch</c> callback of <see cref="Trainer">Trainer.Train</see>.
/// A log that cannot be opened or written (a folder, a read-only place, a full disk) is a <see cref="BackpropException"/>
/// naming the file, never an I/O exception.
/// </summary>
internal sealed class CsvHistoryLog : IDisposable
{
    /// <summary>The header row.</summary>
    public const string Header = "epoch,loss,rmse,learning_rate,val_loss,val_rmse,val_accuracy";

    private readonly string _path;
    private readonly FileStream _file;
    private readonly StreamWriter _writer;
    private long _written;
    private bool _failed;

    /// <summary>Opens <paramref name="path"/>: a new file with a header, or with <paramref name="append"/> the end of an existing log (a resumed
    /// run).</summary>
    /// <exception cref="BackpropException">The path is a folder, or the file cannot be opened or written.</exception>
    public CsvHistoryLog(string path, bool append = false)
    {
        _path = path;
        if (Directory.Exists(path)) throw new BackpropException("is a folder; give a file for the training log", path);
        bool header = !append || !File.Exists(path) || new FileInfo(path).Length == 0;
        // Unbuffered below the writer, so that a row that does not fit can be cut off whole (see Fail).
        try { _file = new FileStream(path, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw Failure(e, path); }
        _writer = new StreamWriter(_file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
        _written = _file.CanSeek ? _file.Position : 0;
        if (!header) return;
        try { Row(Header); }
        catch (IOException e)
        {
            Fail();
            throw Failure(e, path);
        }
    }

    private void Row(string line)
    {
        _writer.WriteLine(line);
        _writer.Flush();
        if (_file.CanSeek) _written = _file.Position;
    }

    /// <summary>After a failed write: the part of a row that reached the file is cut off, and nothing more is tried.</summary>
    private void Fail()
    {
        _failed = true;
        try { if (_file.CanSeek) _file.SetLength(_written); }
        catch (IOException) { } // the row's start stays; the failure is reported all the same
        _file.Dispose(); // the writer, holding the row that did not fit, is dropped unflushed
    }

    /// <summary>Writes the epoch's row and flushes it, so the file is current while training runs.</summary>
    /// <exception cref="BackpropException">The row cannot be written (a full disk); later rows are not tried.</exception>
    public void Write(EpochRecord record)
    {
        if (_failed) return;
        static string N(double? v) => v is double d && double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "";
        var v = record.Validation;
        try
        {
            Row(string.Join(",", record.Epoch.ToString(CultureInfo.InvariantCulture), N(record.Loss), N(record.Rmse), N(record.LearningRate),
                N(v?.Loss), N(v?.Rmse), N(v?.Accuracy)));
        }
        catch (IOException e)
        {
            Fail();
            throw new BackpropException($"cannot write epoch {record.Epoch} to the training log ({Reason(e)})", _path, inner: e);
        }
    }

    /// <summary>Closes the file.</summary>
    public void Dispose()
    {
        if (_failed) return;
        _writer.Dispose();
        _file.Dispose();
    }

    private static BackpropException Failure(Exception e, string path) => new($"cannot write the training log ({Reason(e)})", path, inner: e);

    private static string Reason(Exception e) => e is UnauthorizedAccessException ? "permission denied" : e.Message.Split(" : '")[0].TrimEnd('.');
}

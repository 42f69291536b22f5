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
public sealed class CsvHistoryLog : IDisposable
{
    /// <summary>The header row.</summary>
    public const string Header = "epoch,loss,rmse,learning_rate,val_loss,val_rmse,val_accuracy";

    private readonly string _path;
    private readonly StreamWriter _writer;
    private bool _failed;

    /// <summary>Opens <paramref name="path"/>: a new file with a header, or with <paramref name="append"/> the end of an existing log (a resumed run).</summary>
    /// <exception cref="BackpropException">The path is a folder, or the file cannot be opened or written.</exception>
    public CsvHistoryLog(string path, bool append = false)
    {
        _path = path;
        if (Directory.Exists(path)) throw new BackpropException("is a folder; give a file for the training log", path);
        bool header = !append || !File.Exists(path) || new FileInfo(path).Length == 0;
        try { _writer = new StreamWriter(path, append, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw Failure(e, path); }
        if (!header) return;
        try
        {
            _writer.WriteLine(Header);
            _writer.Flush();
        }
        catch (IOException e)
        {
            Dispose(failed: true);
            throw Failure(e, path);
        }
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
            _writer.WriteLine(string.Join(",", record.Epoch.ToString(CultureInfo.InvariantCulture), N(record.Loss), N(record.Rmse), N(record.LearningRate),
                N(v?.Loss), N(v?.Rmse), N(v?.Accuracy)));
            _writer.Flush();
        }
        catch (IOException e)
        {
            _failed = true;
            throw new BackpropException($"cannot write epoch {record.Epoch} to the training log ({Reason(e)})", _path, inner: e);
        }
    }

    /// <summary>Closes the file.</summary>
    public void Dispose() => Dispose(_failed);

    private void Dispose(bool failed)
    {
        _failed |= failed;
        try { _writer.Dispose(); }
        catch (IOException) when (_failed) { } // the rows that could not be written were reported already
    }

    private static BackpropException Failure(Exception e, string path) => new($"cannot write the training log ({Reason(e)})", path, inner: e);

    private static string Reason(Exception e) => e is UnauthorizedAccessException ? "permission denied" : e.Message.Split(" : '")[0].TrimEnd('.');
}

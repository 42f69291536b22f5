using System.Globalization;
using System.Text;

namespace Backprop.Training;

/// <summary>
/// One CSV row per epoch, written and flushed as each epoch ends, as Keras's <c>CSVLogger</c>: epoch, loss, RMSE,
/// learning rate, and the held-out loss, RMSE and accuracy when there are held-out data (empty otherwise).
/// Pass <see cref="Write"/> as the <c>onEpoch</c> callback of <see cref="Trainer">Trainer.Train</see>.
/// </summary>
public sealed class CsvHistoryLog : IDisposable
{
    /// <summary>The header row.</summary>
    public const string Header = "epoch,loss,rmse,learning_rate,val_loss,val_rmse,val_accuracy";

    private readonly StreamWriter _writer;

    /// <summary>Opens <paramref name="path"/>: a new file with a header, or with <paramref name="append"/> the end of an existing log (a resumed run).</summary>
    public CsvHistoryLog(string path, bool append = false)
    {
        bool header = !append || !File.Exists(path) || new FileInfo(path).Length == 0;
        _writer = new StreamWriter(path, append, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        if (header) { _writer.WriteLine(Header); _writer.Flush(); }
    }

    /// <summary>Writes the epoch's row and flushes it, so the file is current while training runs.</summary>
    public void Write(EpochRecord record)
    {
        static string N(double? v) => v is double d && double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "";
        var v = record.Validation;
        _writer.WriteLine(string.Join(",", record.Epoch.ToString(CultureInfo.InvariantCulture), N(record.Loss), N(record.Rmse), N(record.LearningRate),
            N(v?.Loss), N(v?.Rmse), N(v?.Accuracy)));
        _writer.Flush();
    }

    /// <summary>Closes the file.</summary>
    public void Dispose() => _writer.Dispose();
}

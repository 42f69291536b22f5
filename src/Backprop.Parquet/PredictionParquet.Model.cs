using Backprop.Data.Output;
using Backprop.Estimators;

namespace Backprop.Parquet;

/// <summary>Predictions of a <see cref="Model"/> as a Parquet file, in the model's precision.</summary>
public static class PredictionParquet
{
    /// <summary>
    /// Opens a Parquet sink on <paramref name="stream"/> (writable and seekable) with <paramref name="model"/>'s prediction
    /// columns, hands it to <paramref name="predict"/> (which calls the model's <c>Predict</c> with it), then finishes the file.
    /// </summary>
    public static void Write(Model model, Stream stream, Action<IPredictionSink> predict)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(predict);
        var target = model.Preprocessing?.Target;
        if (model.IsFloat) { using var sink = new PredictionParquet<float>(stream, target, model.OutputNames); predict(sink); }
        else { using var sink = new PredictionParquet<double>(stream, target, model.OutputNames); predict(sink); }
    }
}

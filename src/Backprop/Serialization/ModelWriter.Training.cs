namespace Backprop.Serialization;

/// <summary>The training section: the run's settings, why it stopped, and one entry per epoch in each history.</summary>
internal static partial class ModelWriter
{
    /// <param name="json">The file's text.</param>
    /// <param name="t">The training summary.</param>
    /// <param name="writesOptions">
    /// True when the file holds the <c>options</c> section: then <c>settings</c>, which it holds whole, is not written
    /// (the schedule and its parameters are stored once, in <c>options</c>).
    /// </param>
    private static void Training(JsonText json, TrainingSummary t, bool writesOptions)
    {
        json.BeginObject("training");
        // Not recorded stays not recorded (a hand-written file's summary, written again): no value is made up.
        if (t.Loss is { } loss) json.String("loss", loss);
        if (t.Reduction is { } reduction) json.String("reduction", reduction);
        json.Number("l2", t.L2);
        if (t.Optimizer is { } optimizer) json.String("optimizer", optimizer);
        if (t.LearningRate > 0) json.Number("learningRate", t.LearningRate); // 0 is not recorded: the reader refuses a recorded 0
        if (t.BatchSize is int b) json.Number("batchSize", b); else json.String("batchSize", "full");
        if (t.Seed is ulong seed) json.Number("seed", seed);
        json.String("schedule", t.Schedule);
        json.Number("validationSplit", t.ValidationSplit);
        json.Boolean("shuffle", t.Shuffle);
        if (t.Data is { } data) json.String("data", data);
        if (t.Rows is int rows) json.Number("rows", rows);
        if (t.Settings is { } settings && !writesOptions) Settings(json, settings);
        json.String("precision", t.Precision);
        json.Number("epochs", t.Epochs);
        if (t.StopReason is { } stop) json.String("stopReason", stop); else json.Null("stopReason");
        NumberOrNull(json, "finalLoss", t.FinalLoss);
        json.Numbers("lossHistory", t.LossHistory.Where(double.IsFinite));
        json.Numbers("rmseHistory", t.RmseHistory.Where(double.IsFinite));
        if (t.ValidationLossHistory.Length > 0) json.NumbersOrNulls("validationLossHistory", t.ValidationLossHistory);
        if (t.ValidationRmseHistory.Length > 0) json.NumbersOrNulls("validationRmseHistory", t.ValidationRmseHistory);
        if (t.ValidationAccuracyHistory.Length > 0) json.NumbersOrNulls("validationAccuracyHistory", t.ValidationAccuracyHistory);
        if (t.GradientNormHistory.Length > 0) PerLayer(json, "gradientNormHistory", t.GradientNormHistory);
        json.EndObject();
    }

    /// <summary>One array per layer of one entry per epoch, null where not recorded.</summary>
    private static void PerLayer(JsonText json, string name, double[][] layers)
    {
        json.BeginArray(name);
        foreach (var values in layers) json.NumbersOrNulls(null, values);
        json.EndArray();
    }
}

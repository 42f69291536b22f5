using System.Text.Json;
using Backprop.Activations;
using Backprop.Diagnostics;

namespace Backprop.Serialization;

/// <summary>
/// Reads and writes model files. Reading checks everything before building anything, and reports the
/// first problem with the file's name and the JSON path of the value; writing is atomic.
/// </summary>
public static class ModelFile
{
    /// <summary>Reads and checks the model file at <paramref name="path"/>.</summary>
    /// <exception cref="ModelFormatException">The file is missing, not JSON, not a model, of another version, or inconsistent.</exception>
    public static ModelDocument Load(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (FileNotFoundException) { throw new ModelFormatException("file not found", path); }
        catch (DirectoryNotFoundException) { throw new ModelFormatException("file not found", path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new ModelFormatException($"cannot read: {e.Message}", path, inner: e); }
        return Parse(bytes, path);
    }

    /// <summary>Parses model JSON; <paramref name="source"/> names it in error messages.</summary>
    public static ModelDocument Parse(ReadOnlySpan<byte> json, string source)
    {
        if (json.StartsWith("\uFEFF"u8)) json = json[3..]; // a UTF-8 byte-order mark, as some editors write
        if (json.IsEmpty || json.Trim(" \t\r\n"u8).IsEmpty) throw new ModelFormatException("the file is empty", source);
        EnsureUtf8(json, source);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            string reason = ShortenQuotes(e.Message.Split(" LineNumber:")[0].Split(" Path:")[0].TrimEnd('.', ' '));
            string where = e.LineNumber is long line ? $"{line + 1}:{(e.BytePositionInLine ?? 0) + 1}" : "";
            throw new ModelFormatException($"not valid JSON ({reason}); the file may be truncated or not a model file", source, where.Length > 0 ? where : null, e);
        }
        using (document)
        {
            return new ModelReader(source).Model(document.RootElement);
        }
    }

    /// <summary>Refuses bytes that are not UTF-8, naming the line and column of the first bad byte.</summary>
    private static void EnsureUtf8(ReadOnlySpan<byte> json, string source)
    {
        if (System.Text.Unicode.Utf8.IsValid(json)) return;
        var chars = new char[json.Length];
        System.Text.Unicode.Utf8.ToUtf16(json, chars, out int good, out _, replaceInvalidSequences: false);
        var before = json[..good];
        int line = before.Count((byte)'\n') + 1, column = good - (before.LastIndexOf((byte)'\n') + 1) + 1;
        throw new ModelFormatException($"byte 0x{json[good]:X2} is not UTF-8 text; a model file is UTF-8 JSON", source, $"{line}:{column}");
    }

    /// <summary>
    /// The JSON reader quotes the offending text, which can run over many lines: keep the start of its first line,
    /// so that the error stays one line.
    /// </summary>
    private static string ShortenQuotes(string reason) =>
        System.Text.RegularExpressions.Regex.Replace(reason, "'([^']*)'", m =>
        {
            string text = m.Groups[1].Value;
            int end = text.IndexOfAny(['\r', '\n']);
            if (end < 0 && text.Length <= 40) return m.Value;
            return $"'{text[..Math.Min(end < 0 ? text.Length : end, 40)].TrimEnd()}…'";
        });

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    public static void Save(string path, ModelDocument model) => AtomicFile.WriteAllText(path, ToJson(model));

    /// <summary>The model as JSON text: indented, each weight row on one line, every number round-trip exact.</summary>
    public static string ToJson(ModelDocument model)
    {
        var json = new JsonText();
        json.BeginObject();
        json.String("format", ModelDocument.FormatName);
        json.Number("version", ModelDocument.CurrentVersion);
        json.Number("inputs", model.Inputs);
        if (model.Features is not null) json.Strings("features", model.Features);
        if (model.Targets is not null) json.Strings("targets", model.Targets);
        json.BeginArray("layers");
        for (int l = 0; l < model.Layers.Count; l++)
        {
            var layer = model.Layers[l];
            json.BeginObject();
            if (!layer.IsDense)
            {
                json.String("kind", layer.Kind);
                json.Number("rate", layer.Rate ?? 0);
                json.EndObject();
                continue;
            }
            json.Number("units", layer.Units);
            json.String("activation", layer.Activation);
            json.BeginArray("weights");
            foreach (var row in layer.Weights) json.Numbers(null, CheckFinite(row, $"layers[{l}].weights"));
            json.EndArray();
            if (layer.Bias is null) json.Null("bias");
            else json.Numbers("bias", CheckFinite(layer.Bias, $"layers[{l}].bias"));
            json.Boolean("trainBias", layer.TrainBias);
            json.EndObject();
        }
        json.EndArray();
        if (model.Preprocessing is { } pre) WritePreprocessing(json, pre);
        if (model.Training is { } t)
        {
            json.BeginObject("training");
            json.String("loss", t.Loss);
            json.String("reduction", t.Reduction);
            json.Number("l2", t.L2);
            json.String("optimizer", t.Optimizer);
            json.Number("learningRate", t.LearningRate);
            if (t.BatchSize is int b) json.Number("batchSize", b); else json.String("batchSize", "full");
            if (t.Seed is ulong seed) json.Number("seed", seed);
            json.String("schedule", t.Schedule);
            json.Number("validationSplit", t.ValidationSplit);
            json.Boolean("shuffle", t.Shuffle);
            if (t.Data is { } data) json.String("data", data);
            if (t.Rows > 0) json.Number("rows", t.Rows);
            json.String("precision", t.Precision);
            json.Number("epochs", t.Epochs);
            json.String("stopReason", t.StopReason);
            if (double.IsFinite(t.FinalLoss)) json.Number("finalLoss", t.FinalLoss); else json.Null("finalLoss");
            json.Numbers("lossHistory", t.LossHistory.Where(double.IsFinite));
            json.Numbers("rmseHistory", t.RmseHistory.Where(double.IsFinite));
            if (t.ValidationLossHistory.Length > 0) json.NumbersOrNulls("validationLossHistory", t.ValidationLossHistory);
            if (t.ValidationRmseHistory.Length > 0) json.NumbersOrNulls("validationRmseHistory", t.ValidationRmseHistory);
            if (t.ValidationAccuracyHistory.Length > 0) json.NumbersOrNulls("validationAccuracyHistory", t.ValidationAccuracyHistory);
            json.EndObject();
        }
        if (model.Checkpoint is { } c) WriteCheckpoint(json, c);
        json.EndObject();
        return json.ToString();
    }

    private static void WriteCheckpoint(JsonText json, Training.TrainingCheckpoint c)
    {
        static double? Finite(double v) => double.IsFinite(v) ? v : null;
        json.BeginObject("checkpoint");
        json.Number("epoch", c.Epoch);
        json.Number("nextBatch", c.NextBatch);
        json.Strings("shuffleState", c.ShuffleState.Select(w => w.ToString("x16", System.Globalization.CultureInfo.InvariantCulture)));
        json.Number("lossSum", c.LossSum);
        json.Number("squaredErrorSum", c.SquaredErrorSum);
        json.BeginObject("optimizer");
        json.String("name", c.Optimizer.Optimizer);
        json.Number("steps", c.Optimizer.Steps);
        json.BeginArray("slots");
        foreach (var slot in c.Optimizer.Slots)
        {
            json.BeginObject();
            json.String("slot", slot.Slot);
            json.Number("parameter", slot.Parameter);
            json.Numbers("values", slot.Values);
            json.EndObject();
        }
        json.EndArray();
        json.EndObject();
        json.Numbers("schedule", c.Schedule.Select(v => double.IsNaN(v) ? double.MaxValue : v));
        json.BeginArray("history");
        foreach (var h in c.History)
        {
            var v = h.Validation;
            json.Numbers(null, [h.Epoch, h.Loss, h.Rmse, Finite(h.LearningRate) ?? -1, v?.Loss ?? -1, v?.Rmse ?? -1, v?.Accuracy ?? -1]);
        }
        json.EndArray();
        json.Number("bestEpoch", c.BestEpoch);
        if (Finite(c.BestValidationLoss) is double best) json.Number("bestValidationLoss", best); else json.Null("bestValidationLoss");
        if (c.BestWeights is { } weights) json.Numbers("bestWeights", weights); else json.Null("bestWeights");
        json.EndObject();
    }

    private static void WritePreprocessing(JsonText json, Data.Preprocessing.Preprocessor pre)
    {
        json.BeginObject("preprocessing");
        json.BeginArray("inputs");
        foreach (var column in pre.Inputs)
        {
            json.BeginObject();
            json.String("column", column.Name);
            switch (column)
            {
                case Data.Preprocessing.CategoricalColumn c:
                    json.String("kind", "one-hot");
                    json.Strings("categories", c.Categories);
                    break;
                case Data.Preprocessing.NumericColumn n:
                    json.String("kind", "numeric");
                    json.Number("mean", n.Mean);
                    json.Number("scale", n.Scale);
                    if (n.Fill is double fill) json.Number("fill", fill);
                    break;
            }
            json.EndObject();
        }
        json.EndArray();
        json.BeginObject("target");
        json.Strings("columns", pre.Target.Columns);
        if (pre.Target.Classes is { } classes) json.Strings("classes", classes); else json.Null("classes");
        json.EndObject();
        json.EndObject();
    }

    private static double[] CheckFinite(double[] values, string where)
    {
        foreach (double v in values)
            if (!double.IsFinite(v)) throw new BackpropException($"cannot save a model whose {where} holds {v}");
        return values;
    }
}

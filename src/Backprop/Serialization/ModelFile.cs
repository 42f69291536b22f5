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
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            string reason = e.Message.Split(" LineNumber:")[0].Split(" Path:")[0].TrimEnd('.', ' ');
            string where = e.LineNumber is long line ? $"{line + 1}:{(e.BytePositionInLine ?? 0) + 1}" : "";
            throw new ModelFormatException($"not valid JSON ({reason}); the file may be truncated or not a model file", source, where.Length > 0 ? where : null, e);
        }
        using (document)
        {
            return new Reader(source).Model(document.RootElement);
        }
    }

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
            json.Number("seed", t.Seed);
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

    /// <summary>Walks the JSON tree, naming every value by its path in errors.</summary>
    private sealed class Reader(string source)
    {
        private ModelFormatException Error(string path, string problem) => new(problem, source, path);

        public ModelDocument Model(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object) throw Error("$", "a model file is a JSON object; this is not a backprop model");
            if (!root.TryGetProperty("format", out var format))
                throw Error("format", "no \"format\" field: this is not a backprop model file");
            if (format.ValueKind != JsonValueKind.String || format.GetString() != ModelDocument.FormatName)
                throw Error("format", $"format is {format.GetRawText()}, expected \"{ModelDocument.FormatName}\": this is not a backprop model file");
            int version = Integer(root, "version", "version");
            if (version != ModelDocument.CurrentVersion)
                throw Error("version", $"model version {version} is not supported: this backprop reads version {ModelDocument.CurrentVersion}");
            int inputs = Integer(root, "inputs", "inputs");
            if (inputs < 1) throw Error("inputs", $"inputs must be at least 1, not {inputs}");

            var layersElement = Required(root, "layers", "layers", JsonValueKind.Array);
            if (layersElement.GetArrayLength() == 0) throw Error("layers", "a model needs at least one layer");
            var layers = new List<LayerDocument>();
            int width = inputs;
            int index = 0;
            foreach (var element in layersElement.EnumerateArray())
            {
                var layer = Layer(element, $"layers[{index}]", width);
                layers.Add(layer);
                width = layer.Units;
                index++;
            }
            var features = StringList(root, "features", inputs);
            var targets = StringList(root, "targets", width);
            var preprocessing = Preprocessing(root, inputs, width);
            return new ModelDocument
            {
                Inputs = inputs, Layers = layers, Features = features, Targets = targets, Preprocessing = preprocessing, Training = Training(root),
                Checkpoint = Checkpoint(root),
            };
        }

        private LayerDocument Layer(JsonElement element, string path, int inputs)
        {
            if (element.ValueKind != JsonValueKind.Object) throw Error(path, "a layer is a JSON object");
            int units = Integer(element, "units", $"{path}.units");
            if (units < 1) throw Error($"{path}.units", $"a layer needs at least 1 unit, not {units}");
            var activationElement = Required(element, "activation", $"{path}.activation", JsonValueKind.String);
            string activation = activationElement.GetString()!;
            if (!ActivationRegistry.Contains(activation))
                throw Error($"{path}.activation", $"unknown activation \"{activation}\" (expected one of: {string.Join(", ", ActivationRegistry.Names)})");
            activation = ActivationRegistry.Get(activation).Name;

            var weightsElement = Required(element, "weights", $"{path}.weights", JsonValueKind.Array);
            int rows = weightsElement.GetArrayLength();
            if (rows != units)
                throw Error($"{path}.weights", $"has {rows} rows but the layer has {units} units (weights[j][i] is the weight from input i to unit j)");
            var weights = new double[units][];
            int j = 0;
            foreach (var row in weightsElement.EnumerateArray())
            {
                string rowPath = $"{path}.weights[{j}]";
                weights[j] = Numbers(row, rowPath);
                if (weights[j].Length != inputs)
                    throw Error(rowPath, $"has {weights[j].Length} values but the layer has {inputs} inputs");
                j++;
            }

            double[]? bias = null;
            if (element.TryGetProperty("bias", out var biasElement) && biasElement.ValueKind != JsonValueKind.Null)
            {
                bias = Numbers(biasElement, $"{path}.bias");
                if (bias.Length != units) throw Error($"{path}.bias", $"has {bias.Length} values but the layer has {units} units");
            }
            bool trainBias = true;
            if (element.TryGetProperty("trainBias", out var trainElement) && trainElement.ValueKind != JsonValueKind.Null)
            {
                if (trainElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    throw Error($"{path}.trainBias", $"must be true or false, not {trainElement.GetRawText()}");
                trainBias = trainElement.GetBoolean();
            }
            return new LayerDocument(units, activation, weights, bias, trainBias);
        }

        private double[] Numbers(JsonElement element, string path)
        {
            if (element.ValueKind != JsonValueKind.Array) throw Error(path, $"must be an array of numbers, not {Describe(element)}");
            var values = new double[element.GetArrayLength()];
            int i = 0;
            foreach (var item in element.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Number || !item.TryGetDouble(out values[i]) || !double.IsFinite(values[i]))
                    throw Error($"{path}[{i}]", $"must be a finite number, not {Describe(item)}");
                i++;
            }
            return values;
        }

        private IReadOnlyList<string>? StringList(JsonElement root, string name, int expected)
        {
            if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null) return null;
            if (element.ValueKind != JsonValueKind.Array || element.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                throw Error(name, "must be an array of column names");
            var list = element.EnumerateArray().Select(e => e.GetString()!).ToList();
            if (list.Count != expected) throw Error(name, $"names {list.Count} columns but the network has {expected}");
            return list;
        }

        private Data.Preprocessing.Preprocessor? Preprocessing(JsonElement root, int inputs, int outputs)
        {
            if (!root.TryGetProperty("preprocessing", out var pre) || pre.ValueKind == JsonValueKind.Null) return null;
            if (pre.ValueKind != JsonValueKind.Object) throw Error("preprocessing", "must be an object");
            var columns = new List<Data.Preprocessing.InputColumn>();
            int index = 0;
            foreach (var item in Required(pre, "inputs", "preprocessing.inputs", JsonValueKind.Array).EnumerateArray())
            {
                string path = $"preprocessing.inputs[{index++}]";
                if (item.ValueKind != JsonValueKind.Object) throw Error(path, "must be an object");
                string name = Required(item, "column", $"{path}.column", JsonValueKind.String).GetString()!;
                string kind = Required(item, "kind", $"{path}.kind", JsonValueKind.String).GetString()!;
                columns.Add(kind switch
                {
                    "numeric" => new Data.Preprocessing.NumericColumn(name, Finite(item, "mean", $"{path}.mean"), Positive(item, "scale", $"{path}.scale"),
                        item.TryGetProperty("fill", out var fill) && fill.ValueKind != JsonValueKind.Null ? Finite(item, "fill", $"{path}.fill") : null),
                    "one-hot" => new Data.Preprocessing.CategoricalColumn(name, Texts(Required(item, "categories", $"{path}.categories", JsonValueKind.Array), $"{path}.categories")),
                    _ => throw Error($"{path}.kind", $"unknown kind \"{kind}\" (expected numeric or one-hot)"),
                });
            }
            var targetElement = Required(pre, "target", "preprocessing.target", JsonValueKind.Object);
            var targetColumns = Texts(Required(targetElement, "columns", "preprocessing.target.columns", JsonValueKind.Array), "preprocessing.target.columns");
            IReadOnlyList<string>? classes = targetElement.TryGetProperty("classes", out var c) && c.ValueKind != JsonValueKind.Null
                ? Texts(c, "preprocessing.target.classes") : null;
            var result = new Data.Preprocessing.Preprocessor(columns, new Data.Preprocessing.TargetEncoding(targetColumns, classes));
            if (result.FeatureCount != inputs)
                throw Error("preprocessing.inputs", $"encode {result.FeatureCount} inputs but the network takes {inputs}");
            if (classes is { Count: < 2 }) throw Error("preprocessing.target.classes", "needs at least two classes");
            if (classes is not null && targetColumns.Count != 1) throw Error("preprocessing.target.columns", "a class target is one column");
            if (result.Target.Width != outputs)
                throw Error("preprocessing.target", $"encodes {result.Target.Width} outputs but the network has {outputs}");
            return result;
        }

        private Training.TrainingCheckpoint? Checkpoint(JsonElement root)
        {
            if (!root.TryGetProperty("checkpoint", out var c) || c.ValueKind == JsonValueKind.Null) return null;
            if (c.ValueKind != JsonValueKind.Object) throw Error("checkpoint", "must be an object");
            int epoch = Integer(c, "epoch", "checkpoint.epoch"), nextBatch = Integer(c, "nextBatch", "checkpoint.nextBatch");
            var words = Texts(Required(c, "shuffleState", "checkpoint.shuffleState", JsonValueKind.Array), "checkpoint.shuffleState", distinct: false)
                .Select((w, i) => ulong.TryParse(w, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out ulong v)
                    ? v : throw Error($"checkpoint.shuffleState[{i}]", "must be 16 hexadecimal digits")).ToArray();
            if (words.Length != 6) throw Error("checkpoint.shuffleState", "must hold 6 words");
            var o = Required(c, "optimizer", "checkpoint.optimizer", JsonValueKind.Object);
            var slots = new List<Optimizers.OptimizerSlot>();
            int k = 0;
            foreach (var slot in Required(o, "slots", "checkpoint.optimizer.slots", JsonValueKind.Array).EnumerateArray())
            {
                string path = $"checkpoint.optimizer.slots[{k++}]";
                slots.Add(new Optimizers.OptimizerSlot(Required(slot, "slot", $"{path}.slot", JsonValueKind.String).GetString()!,
                    Integer(slot, "parameter", $"{path}.parameter"), Numbers(Required(slot, "values", $"{path}.values", JsonValueKind.Array), $"{path}.values")));
            }
            var optimizer = new Optimizers.OptimizerState(Required(o, "name", "checkpoint.optimizer.name", JsonValueKind.String).GetString()!,
                Required(o, "steps", "checkpoint.optimizer.steps", JsonValueKind.Number).GetInt64(), slots);
            var schedule = Numbers(Required(c, "schedule", "checkpoint.schedule", JsonValueKind.Array), "checkpoint.schedule").Select(v => v == double.MaxValue ? double.NaN : v).ToArray();
            var history = new List<Training.EpochRecord>();
            k = 0;
            foreach (var row in Required(c, "history", "checkpoint.history", JsonValueKind.Array).EnumerateArray())
            {
                var v = Numbers(row, $"checkpoint.history[{k++}]");
                if (v.Length != 7) throw Error($"checkpoint.history[{k - 1}]", "must hold 7 numbers");
                history.Add(new Training.EpochRecord((int)v[0], v[1], v[2], null,
                    v[4] < 0 ? null : new Training.ValidationRecord(v[4], v[5], v[6] < 0 ? null : v[6]), v[3] < 0 ? double.NaN : v[3]));
            }
            double bestLoss = c.TryGetProperty("bestValidationLoss", out var b) && b.ValueKind == JsonValueKind.Number ? b.GetDouble() : double.PositiveInfinity;
            double[]? bestWeights = c.TryGetProperty("bestWeights", out var w) && w.ValueKind == JsonValueKind.Array ? Numbers(w, "checkpoint.bestWeights") : null;
            return new Training.TrainingCheckpoint(epoch, nextBatch, words, Finite(c, "lossSum", "checkpoint.lossSum"), Finite(c, "squaredErrorSum", "checkpoint.squaredErrorSum"),
                optimizer, schedule, history, Integer(c, "bestEpoch", "checkpoint.bestEpoch"), bestLoss, bestWeights);
        }

        private double Finite(JsonElement parent, string name, string path)
        {
            var e = Required(parent, name, path, JsonValueKind.Number);
            double v = e.GetDouble();
            if (!double.IsFinite(v)) throw Error(path, $"must be a finite number, not {e.GetRawText()}");
            return v;
        }

        private double Positive(JsonElement parent, string name, string path)
        {
            double v = Finite(parent, name, path);
            if (v <= 0) throw Error(path, $"must be positive, not {v}");
            return v;
        }

        private IReadOnlyList<string> Texts(JsonElement array, string path, bool distinct = true)
        {
            if (array.ValueKind != JsonValueKind.Array || array.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                throw Error(path, "must be an array of strings");
            var list = array.EnumerateArray().Select(e => e.GetString()!).ToList();
            if (list.Count == 0) throw Error(path, "must not be empty");
            if (distinct && list.Distinct().Count() != list.Count) throw Error(path, "names a value twice");
            return list;
        }

        private TrainingSummary? Training(JsonElement root)
        {
            if (!root.TryGetProperty("training", out var t) || t.ValueKind != JsonValueKind.Object) return null;
            string Text(string name, string fallback) => t.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : fallback;
            double Number(string name) => t.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : 0;
            double[] History(string name) => t.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
                ? v.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Number).Select(e => e.GetDouble()).ToArray() : [];
            // One entry per epoch; null (read as NaN) for an epoch whose held-out data was not measured (--validation-freq).
            double[] PerEpoch(string name) => t.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
                ? v.EnumerateArray().Where(e => e.ValueKind is JsonValueKind.Number or JsonValueKind.Null)
                    .Select(e => e.ValueKind == JsonValueKind.Number ? e.GetDouble() : double.NaN).ToArray() : [];
            return new TrainingSummary
            {
                Loss = Text("loss", "squared"),
                Reduction = Text("reduction", "mean"),
                L2 = Number("l2"),
                Optimizer = Text("optimizer", "gd"),
                LearningRate = Number("learningRate"),
                BatchSize = t.TryGetProperty("batchSize", out var b) && b.ValueKind == JsonValueKind.Number && b.TryGetInt32(out int batch) ? batch : null,
                Seed = t.TryGetProperty("seed", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetUInt64(out ulong seed) ? seed : 0,
                Schedule = Text("schedule", "constant"),
                ValidationSplit = Number("validationSplit"),
                Shuffle = t.TryGetProperty("shuffle", out var sh) && sh.ValueKind == JsonValueKind.True,
                Data = t.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null,
                Rows = t.TryGetProperty("rows", out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt32(out int rows) && rows > 0 ? rows : 0,
                Precision = Text("precision", "double"),
                Epochs = (int)Number("epochs"),
                StopReason = Text("stopReason", ""),
                FinalLoss = t.TryGetProperty("finalLoss", out var f) && f.ValueKind == JsonValueKind.Number ? f.GetDouble() : double.NaN,
                LossHistory = History("lossHistory"),
                RmseHistory = History("rmseHistory"),
                ValidationLossHistory = PerEpoch("validationLossHistory"),
                ValidationRmseHistory = PerEpoch("validationRmseHistory"),
                ValidationAccuracyHistory = PerEpoch("validationAccuracyHistory"),
            };
        }

        private int Integer(JsonElement parent, string name, string path)
        {
            var element = Required(parent, name, path, JsonValueKind.Number);
            if (!element.TryGetInt32(out int value)) throw Error(path, $"must be a whole number, not {element.GetRawText()}");
            return value;
        }

        private JsonElement Required(JsonElement parent, string name, string path, JsonValueKind kind)
        {
            if (!parent.TryGetProperty(name, out var element)) throw Error(path, $"the \"{name}\" field is missing");
            if (element.ValueKind != kind)
                throw Error(path, $"must be {(kind == JsonValueKind.Array ? "an array" : "a " + kind.ToString().ToLowerInvariant())}, not {Describe(element)}");
            return element;
        }

        private static string Describe(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.Array => "an array",
            JsonValueKind.Object => "an object",
            JsonValueKind.String => $"the string {element.GetRawText()}",
            _ => element.GetRawText(),
        };
    }
}

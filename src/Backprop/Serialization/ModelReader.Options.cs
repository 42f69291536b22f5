using Backprop.Runs;
using System.Text.Json;
using Backprop.Training.Weights;

namespace Backprop.Serialization;

/// <summary>
/// <c>options</c>: the run's <see cref="MlpOptions"/>, as <c>ModelWriter.Options.cs</c> writes them. A property that is
/// missing keeps its default (a file of an older backprop than the property); one that is present must hold a value of
/// its kind, named by its path in errors (<c>options.learningRate</c>). Names this program does not know are left alone.
/// The values are not checked against the rules (<see cref="MlpOptions.Validate"/>): they record what ran.
/// </summary>
internal sealed partial class ModelReader
{
    private MlpOptions? Options(JsonElement root)
    {
        if (!root.TryGetProperty("options", out var s) || s.ValueKind == JsonValueKind.Null) return null;
        const string at = "options";
        if (s.ValueKind != JsonValueKind.Object) throw Error(at, $"must be an object, not {Describe(s)}");
        bool Has(string name) => s.TryGetProperty(name, out _);
        bool IsNull(string name) => s.GetProperty(name).ValueKind == JsonValueKind.Null;
        string Path(string name) => $"{at}.{name}";
        double Number(string name, double fallback) => Has(name) ? Finite(s, name, Path(name)) : fallback;
        double? NumberOrNull(string name, double? fallback) => !Has(name) ? fallback : IsNull(name) ? null : Finite(s, name, Path(name));
        int Whole(string name, int fallback) => Has(name) ? Integer(s, name, Path(name)) : fallback;
        int? WholeOrNull(string name, int? fallback) => !Has(name) ? fallback : IsNull(name) ? null : Integer(s, name, Path(name));
        bool Flag(string name, bool fallback)
        {
            if (!Has(name)) return fallback;
            var v = s.GetProperty(name);
            return v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean()
                : throw Error(Path(name), $"must be true or false, not {Describe(v)}");
        }
        string Text(string name, string fallback) => Has(name) ? Required(s, name, Path(name), JsonValueKind.String).GetString()! : fallback;
        string? TextOrNull(string name, string? fallback) => !Has(name) ? fallback : IsNull(name) ? null : Text(name, "");
        char Character(string name, char fallback)
        {
            string text = Text(name, fallback.ToString());
            return text.Length == 1 ? text[0] : throw Error(Path(name), $"must be one character, not \"{text}\"");
        }
        IReadOnlyList<string>? NamesOrNull(string name, IReadOnlyList<string>? fallback)
        {
            if (!Has(name)) return fallback;
            if (IsNull(name)) return null;
            var array = s.GetProperty(name);
            if (array.ValueKind != JsonValueKind.Array || array.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                throw Error(Path(name), $"must be an array of strings, not {Describe(array)}");
            return array.EnumerateArray().Select(e => e.GetString()!).ToArray();
        }
        IReadOnlyList<string> Names(string name, IReadOnlyList<string> fallback) =>
            NamesOrNull(name, fallback) ?? throw Error(Path(name), "must be an array of strings, not null");
        IReadOnlyList<double> Numbers(string name, IReadOnlyList<double> fallback) =>
            Has(name) ? this.Numbers(s.GetProperty(name), Path(name)) : fallback;
        TEnum Member<TEnum>(string name, TEnum fallback) where TEnum : struct, Enum
        {
            if (!Has(name)) return fallback;
            string text = Text(name, "");
            return Enum.TryParse(text, ignoreCase: true, out TEnum value) && Enum.IsDefined(value) && !char.IsDigit(text.TrimStart('-')[0])
                ? value : throw Error(Path(name), $"\"{text}\" is not one of {string.Join(", ", Enum.GetNames<TEnum>())}");
        }
        ulong Seed(ulong fallback)
        {
            if (!Has("seed")) return fallback;
            return Required(s, "seed", Path("seed"), JsonValueKind.Number).TryGetUInt64(out ulong seed) ? seed
                : throw Error(Path("seed"), $"must be a whole number from 0 to {ulong.MaxValue}, not {s.GetProperty("seed").GetRawText()}");
        }

        var d = new MlpOptions();
        var widths = Numbers("hiddenLayers", d.HiddenLayers.Select(w => (double)w).ToArray());
        if (widths.Any(w => w != Math.Floor(w) || w > int.MaxValue)) throw Error(Path("hiddenLayers"), "must hold whole numbers");
        return new MlpOptions
        {
            HiddenLayers = widths.Select(w => (int)w).ToArray(),
            Activations = Names("activations", d.Activations),
            OutputActivation = TextOrNull("outputActivation", d.OutputActivation),
            Initializer = TextOrNull("initializer", d.Initializer),
            Bias = Flag("bias", d.Bias),
            Dropout = Numbers("dropout", d.Dropout),
            Features = NamesOrNull("features", d.Features),
            OneHot = Names("oneHot", d.OneHot),
            Standardize = Flag("standardize", d.Standardize),
            StandardizeColumns = NamesOrNull("standardizeColumns", d.StandardizeColumns),
            Classify = Flag("classify", d.Classify),
            Classes = NamesOrNull("classes", d.Classes),
            Missing = Member("missing", d.Missing),
            Delimiter = !Has("delimiter") || IsNull("delimiter") ? d.Delimiter : Character("delimiter", ','),
            DecimalSeparator = Character("decimalSeparator", d.DecimalSeparator),
            MaxCategories = Whole("maxCategories", d.MaxCategories),
            MatInputs = Text("matInputs", d.MatInputs),
            MatLabels = Text("matLabels", d.MatLabels),
            ValidationFraction = Number("validationFraction", d.ValidationFraction),
            ValidationData = TextOrNull("validationData", d.ValidationData),
            Stratify = Flag("stratify", d.Stratify),
            Shuffle = Flag("shuffle", d.Shuffle),
            SampleWeightColumn = TextOrNull("sampleWeightColumn", d.SampleWeightColumn),
            ClassWeight = Has("classWeight") ? ClassWeight(s.GetProperty("classWeight"), Path("classWeight")) : d.ClassWeight,
            Loss = TextOrNull("loss", d.Loss),
            Reduction = Member("reduction", d.Reduction),
            L2 = Number("l2", d.L2),
            Optimizer = Text("optimizer", d.Optimizer),
            LearningRate = Number("learningRate", d.LearningRate),
            Momentum = Number("momentum", d.Momentum),
            WeightDecay = Number("weightDecay", d.WeightDecay),
            Schedule = Text("schedule", d.Schedule),
            ScheduleGamma = Number("scheduleGamma", d.ScheduleGamma),
            ScheduleStep = Whole("scheduleStep", d.ScheduleStep),
            ScheduleMinimum = Number("scheduleMinimum", d.ScheduleMinimum),
            PlateauFactor = Number("plateauFactor", d.PlateauFactor),
            PlateauPatience = Whole("plateauPatience", d.PlateauPatience),
            PlateauMinimum = Number("plateauMinimum", d.PlateauMinimum),
            BatchSize = WholeOrNull("batchSize", d.BatchSize),
            Epochs = Whole("epochs", d.Epochs),
            Patience = WholeOrNull("patience", d.Patience),
            MinDelta = Number("minDelta", d.MinDelta),
            ValidationFrequency = Whole("validationFrequency", d.ValidationFrequency),
            Tolerance = NumberOrNull("tolerance", d.Tolerance),
            TargetLoss = NumberOrNull("targetLoss", d.TargetLoss),
            ClipNorm = NumberOrNull("clipNorm", d.ClipNorm),
            Diagnostics = Flag("diagnostics", d.Diagnostics),
            Seed = Seed(d.Seed),
            Precision = Member("precision", d.Precision),
        };
    }

    /// <summary><c>null</c>, <c>"balanced"</c>, or an object of finite weights by class name.</summary>
    private ClassWeighting? ClassWeight(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null: return null;
            case JsonValueKind.String when element.GetString() == "balanced": return ClassWeighting.Balanced;
            case JsonValueKind.Object:
                var weights = new Dictionary<string, double>();
                foreach (var entry in element.EnumerateObject())
                    weights[entry.Name] = Finite(element, entry.Name, $"{path}.{entry.Name}");
                return ClassWeighting.Of(weights);
            default: throw Error(path, $"must be \"balanced\" or an object of weights by class, not {Describe(element)}");
        }
    }
}

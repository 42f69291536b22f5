using Backprop.Runs;

namespace Backprop.Serialization;

/// <summary>
/// <c>options</c>: the run's <see cref="MlpOptions"/>, whole — every property under its own name (camel case), null for
/// "none", enums by name, class weights as <c>"balanced"</c> or an object of weights by class. <see cref="ModelReader"/>
/// reads it back to equal options (<c>ModelReader.Options.cs</c>): a new property is one line here and one there.
/// </summary>
internal static partial class ModelWriter
{
    private static void Options(JsonText json, MlpOptions o)
    {
        json.BeginObject("options");
        json.Numbers("hiddenLayers", o.HiddenLayers.Select(w => (double)w));
        json.Strings("activations", o.Activations);
        json.String("outputActivation", o.OutputActivation);
        json.String("initializer", o.Initializer);
        json.Boolean("bias", o.Bias);
        json.Numbers("dropout", o.Dropout);
        StringsOrNull(json, "features", o.Features);
        json.Strings("oneHot", o.OneHot);
        json.Boolean("standardize", o.Standardize);
        StringsOrNull(json, "standardizeColumns", o.StandardizeColumns);
        json.Boolean("classify", o.Classify);
        StringsOrNull(json, "classes", o.Classes);
        json.String("missing", o.Missing.ToString());
        json.String("delimiter", o.Delimiter?.ToString());
        json.String("decimalSeparator", o.DecimalSeparator.ToString());
        json.Number("maxCategories", o.MaxCategories);
        json.String("matInputs", o.MatInputs);
        json.String("matLabels", o.MatLabels);
        json.Number("validationFraction", o.ValidationFraction);
        json.String("validationData", o.ValidationData);
        json.Boolean("stratify", o.Stratify);
        json.Boolean("shuffle", o.Shuffle);
        json.String("sampleWeightColumn", o.SampleWeightColumn);
        ClassWeight(json, o.ClassWeight);
        json.String("loss", o.Loss);
        json.String("reduction", o.Reduction.ToString());
        json.Number("l2", o.L2);
        json.String("optimizer", o.Optimizer);
        json.Number("learningRate", o.LearningRate);
        json.Number("momentum", o.Momentum);
        json.Number("weightDecay", o.WeightDecay);
        json.String("schedule", o.Schedule);
        json.Number("scheduleGamma", o.ScheduleGamma);
        json.Number("scheduleStep", o.ScheduleStep);
        json.Number("scheduleMinimum", o.ScheduleMinimum);
        json.Number("plateauFactor", o.PlateauFactor);
        json.Number("plateauPatience", o.PlateauPatience);
        json.Number("plateauMinimum", o.PlateauMinimum);
        WholeOrNull(json, "batchSize", o.BatchSize);
        json.Number("epochs", o.Epochs);
        WholeOrNull(json, "patience", o.Patience);
        json.Number("minDelta", o.MinDelta);
        json.Number("validationFrequency", o.ValidationFrequency);
        NumberOrNull(json, "tolerance", o.Tolerance);
        NumberOrNull(json, "targetLoss", o.TargetLoss);
        NumberOrNull(json, "clipNorm", o.ClipNorm);
        json.Boolean("diagnostics", o.Diagnostics);
        json.Number("seed", o.Seed);
        json.String("precision", o.Precision.ToString());
        json.EndObject();
    }

    private static void StringsOrNull(JsonText json, string name, IReadOnlyList<string>? values)
    {
        if (values is null) json.Null(name); else json.Strings(name, values);
    }

    private static void WholeOrNull(JsonText json, string name, int? value)
    {
        if (value is int v) json.Number(name, v); else json.Null(name);
    }

    private static void ClassWeight(JsonText json, Training.Weights.ClassWeighting? weighting)
    {
        if (weighting is null) json.Null("classWeight");
        else if (weighting.IsBalanced) json.String("classWeight", "balanced");
        else
        {
            json.BeginObject("classWeight");
            foreach (var (name, weight) in weighting.Weights!) json.Number(name, weight);
            json.EndObject();
        }
    }
}

namespace Backprop.Serialization;

/// <summary><c>training.settings</c>: every field written, <c>null</c> for "none", so that a resumed run can compare them all.</summary>
internal static partial class ModelWriter
{
    private static void Settings(JsonText json, RunSettings s)
    {
        json.BeginObject("settings");
        json.String("schedule", s.Schedule);
        NumberOrNull(json, "clipNorm", s.ClipNorm);
        if (s.Patience is int patience) json.Number("patience", patience); else json.Null("patience");
        json.Number("minDelta", s.MinDelta);
        json.Number("validationFrequency", s.ValidationFrequency);
        if (s.ClassWeights is { } weights) json.Numbers("classWeights", weights); else json.Null("classWeights");
        json.String("sampleWeight", s.SampleWeight);
        json.String("validationData", s.ValidationData);
        json.EndObject();
    }
}

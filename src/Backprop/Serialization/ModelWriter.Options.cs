using Backprop.Runs;

namespace Backprop.Serialization;

/// <summary>
/// <c>options</c>: the run's <see cref="MlpOptions"/>, whole — every property under its own name (camel case), null for
/// "none", enums by name, class weights as <c>"balanced"</c> or an object of weights by class. <see cref="ModelReader"/>
/// reads it back to equal options (<c>ModelReader.Options.cs</c>); both go through <see cref="OptionProperties"/>, so a new
/// property needs no line here.
/// </summary>
internal static partial class ModelWriter
{
    private static void Options(JsonText json, MlpOptions o)
    {
        json.BeginObject("options");
        foreach (var (property, name, _) in OptionProperties.All) Option(json, name, property.GetValue(o));
        json.EndObject();
    }

    /// <summary>One property's value, by its type.</summary>
    private static void Option(JsonText json, string name, object? value)
    {
        switch (value)
        {
            case null: json.Null(name); break;
            case bool flag: json.Boolean(name, flag); break;
            case int whole: json.Number(name, whole); break;
            case ulong seed: json.Number(name, seed); break;
            case double number: json.Number(name, number); break;
            case string text: json.String(name, text); break;
            case char character: json.String(name, character.ToString()); break;
            case Enum member: json.String(name, member.ToString()); break;
            case IReadOnlyList<int> widths: json.Numbers(name, widths.Select(w => (double)w)); break;
            case IReadOnlyList<double> numbers: json.Numbers(name, numbers); break;
            case IReadOnlyList<string> texts: json.Strings(name, texts); break;
            case Training.Weights.ClassWeighting weighting: ClassWeight(json, weighting); break;
            default: throw new InvalidOperationException($"MlpOptions.{name}: the model file has no way to write a {value.GetType().Name}");
        }
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

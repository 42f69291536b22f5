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
        int Whole(string name, int fallback) => Has(name) ? Integer(s, name, Path(name)) : fallback;
        bool Flag(string name, bool fallback)
        {
            if (!Has(name)) return fallback;
            var v = s.GetProperty(name);
            return v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean()
                : throw Error(Path(name), $"must be true or false, not {Describe(v)}");
        }
        string Text(string name, string fallback) => Has(name) ? Required(s, name, Path(name), JsonValueKind.String).GetString()! : fallback;
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
        ulong Seed(ulong fallback)
        {
            if (!Has("seed")) return fallback;
            return Required(s, "seed", Path("seed"), JsonValueKind.Number).TryGetUInt64(out ulong seed) ? seed
                : throw Error(Path("seed"), $"must be a whole number from 0 to {ulong.MaxValue}, not {s.GetProperty("seed").GetRawText()}");
        }

        var d = new MlpOptions();
        var options = new MlpOptions();
        foreach (var (property, name, nullable) in OptionProperties.All)
        {
            if (!Has(name)) continue;
            var type = property.PropertyType;
            object? fallback = property.GetValue(d);
            object? value = nullable && IsNull(name) ? null
                : type == typeof(bool) || type == typeof(bool?) ? Flag(name, fallback as bool? ?? false)
                : type == typeof(int) || type == typeof(int?) ? Whole(name, 0)
                : type == typeof(double) || type == typeof(double?) ? Number(name, 0)
                : type == typeof(ulong) ? Seed(d.Seed)
                : type == typeof(string) ? Text(name, "")
                : type == typeof(char) || type == typeof(char?) ? Character(name, ',')
                : type.IsEnum ? Member(name, type)
                : type == typeof(IReadOnlyList<int>) ? Widths(name)
                : type == typeof(IReadOnlyList<double>) ? Numbers(name, [])
                : type == typeof(IReadOnlyList<string>) ? Names(name, [])
                : type == typeof(ClassWeighting) ? ClassWeight(s.GetProperty(name), Path(name))
                : throw new InvalidOperationException($"{Path(name)}: the model file has no way to read a {type.Name}");
            property.SetValue(options, value);
        }
        return options;

        IReadOnlyList<int> Widths(string name)
        {
            var widths = Numbers(name, []);
            if (widths.Any(w => w != Math.Floor(w) || w < 0 || w > int.MaxValue)) throw Error(Path(name), "must hold whole numbers");
            return widths.Select(w => (int)w).ToArray();
        }

        object Member(string name, Type type)
        {
            string text = Text(name, "");
            return Enum.TryParse(type, text, ignoreCase: true, out object? value) && Enum.IsDefined(type, value!)
                && text.Length > 0 && !char.IsDigit(text.TrimStart('-')[0])
                ? value! : throw Error(Path(name), $"\"{text}\" is not one of {string.Join(", ", Enum.GetNames(type))}");
        }
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

using System.Reflection;
using Backprop.Diagnostics;

namespace Backprop.Runs;

/// <summary>
/// The settings of a run, one per <see cref="MlpOptions"/> property, built once: the property's <see cref="Setting"/>
/// (named <c>MlpOptions.Property</c>; the CLI prints its option instead). The rules table, the resume comparison and
/// every message that names a property of the run take the setting from here, so they name it alike.
/// </summary>
internal static class OptionCatalog
{
    /// <summary>The public properties of <see cref="MlpOptions"/>, in the order they are declared.</summary>
    public static IReadOnlyList<PropertyInfo> Properties { get; } =
        [.. typeof(MlpOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetIndexParameters().Length == 0).OrderBy(p => p.MetadataToken)];

    private static readonly Dictionary<string, Setting> ByProperty = Build();

    /// <summary>The setting of the property <paramref name="property"/> (<c>nameof(MlpOptions.Dropout)</c>).</summary>
    /// <exception cref="ArgumentException"><see cref="MlpOptions"/> has no such property.</exception>
    public static Setting Of(string property) => ByProperty.TryGetValue(property, out var setting) ? setting
        : throw new ArgumentException($"MlpOptions has no property '{property}'", nameof(property));

    /// <summary>The property whose setting <paramref name="setting"/> is (under any of its names); null when it is none of them.</summary>
    public static string? PropertyOf(Setting setting) => ByProperty.FirstOrDefault(p => p.Value.Equals(setting)).Key;

    /// <summary>
    /// Each property's setting: the static <see cref="Setting"/> named <c>MlpOptions.Property</c> (a setting other entry
    /// points know by other names is that one's alias), or a new one for a property no message named before.
    /// </summary>
    private static Dictionary<string, Setting> Build()
    {
        var named = typeof(Setting).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetValue(null)).OfType<Setting>().ToList();
        return Properties.ToDictionary(p => p.Name,
            p => named.FirstOrDefault(s => s.Name == $"MlpOptions.{p.Name}") ?? new Setting($"MlpOptions.{p.Name}"));
    }
}

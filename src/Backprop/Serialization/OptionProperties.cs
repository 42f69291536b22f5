using System.Reflection;
using Backprop.Runs;

namespace Backprop.Serialization;

/// <summary>
/// The properties of <see cref="MlpOptions"/> as the model file's <c>options</c> section holds them: every public
/// property, in the order it is declared (<see cref="OptionCatalog.Properties"/>), under its name in camel case. Writing
/// and reading go through this one list, so a new property is saved and read back without a line of its own here (a
/// property of a type neither knows fails <c>OptionsSectionTests</c>).
/// </summary>
internal static class OptionProperties
{
    private static readonly NullabilityInfoContext Nullability = new();

    /// <summary>Each property with its name in the file and whether it may be null.</summary>
    public static IReadOnlyList<(PropertyInfo Property, string Name, bool Nullable)> All { get; } =
        OptionCatalog.Properties
            .Select(p => (p, char.ToLowerInvariant(p.Name[0]) + p.Name[1..], Nullability.Create(p).WriteState == NullabilityState.Nullable))
            .ToArray();
}

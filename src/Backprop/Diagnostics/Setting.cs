using System.Runtime.CompilerServices;

namespace Backprop.Diagnostics;

/// <summary>
/// A setting that a message names, such as the share of rows held out for validation. A message names it through
/// <see cref="SettingNames.Current"/>: by default by the C# name a library caller sets
/// (<c>PreparationOptions.ValidationSplit</c>), and inside a <see cref="SettingNames.Use"/> scope by that caller's own
/// name for it (the CLI's <c>--validation-split</c>). One setting may go by several library names, one per entry point
/// (<see cref="Named"/>: <c>MlpOptions.ValidationFraction</c> too); these are equal, so a caller names them all at once.
/// The library's settings are the static members of this class.
/// </summary>
/// <example><c>throw new BackpropException($"{Setting.Delimiter} must be one ASCII character")</c></example>
public sealed partial class Setting : IEquatable<Setting>
{
    private readonly Setting? _of;

    /// <summary>A setting a library caller knows as <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public Setting(string name) : this(name, null)
    {
    }

    private Setting(string name, Setting? of)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        _of = of;
    }

    /// <summary>The C# name a library caller sets: a property (<c>CsvReadOptions.Delimiter</c>) or a parameter (<c>folds</c>).</summary>
    public string Name { get; }

    /// <summary>This setting as another entry point names it (equal to this one, so a caller's names cover both).</summary>
    public Setting Named(string name) => new(name, Root);

    private Setting Root => _of ?? this;

    /// <summary>The setting as messages name it now: <see cref="SettingNames.Current"/>'s name for it.</summary>
    public override string ToString() => SettingNames.Current.Name(this);

    /// <summary>
    /// The setting given <paramref name="value"/>, as messages put it now (<see cref="SettingNames.Assignment"/>):
    /// <c>PreprocessingOptions.Missing = MissingValues.Drop</c> for a library caller, <c>--missing drop</c> in the CLI.
    /// A string is shown as given (a placeholder such as <c>K</c>, or a number already formatted).
    /// </summary>
    public string With(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return SettingNames.Current.Assignment(this, value);
    }

    /// <summary>True when <paramref name="other"/> is this setting under any of its names.</summary>
    public bool Equals(Setting? other) => other is not null && ReferenceEquals(Root, other.Root);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Setting);

    /// <inheritdoc/>
    public override int GetHashCode() => RuntimeHelpers.GetHashCode(Root);
}

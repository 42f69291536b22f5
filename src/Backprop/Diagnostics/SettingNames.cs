using System.Globalization;

namespace Backprop.Diagnostics;

/// <summary>
/// How messages name <see cref="Setting"/>s. <see cref="Library"/>, the default, names them as C# does
/// (<c>CsvReadOptions.Delimiter</c>, <c>PreprocessingOptions.Missing = MissingValues.Drop</c>); a program with names of
/// its own (the CLI's options) derives from this class and installs them with <see cref="Use"/> around its calls into
/// the library.
/// </summary>
/// <remarks>
/// The names installed hold for the current flow of execution only (an <see cref="AsyncLocal{T}"/>): the calling thread,
/// and the tasks, <see cref="Parallel"/> loops and threads it starts while they are installed. Other callers, on other
/// threads or in other tasks at the same time, keep their own names. Messages are worded when they are thrown, so a
/// message thrown inside a scope names the scope's settings wherever it is caught.
/// </remarks>
public class SettingNames
{
    private static readonly AsyncLocal<SettingNames?> s_current = new();

    /// <summary>For a program's own names.</summary>
    protected SettingNames()
    {
    }

    /// <summary>The library's names: each setting's <see cref="Setting.Name"/>.</summary>
    public static SettingNames Library { get; } = new();

    /// <summary>The names installed for the current flow by <see cref="Use"/>, else <see cref="Library"/>.</summary>
    public static SettingNames Current => s_current.Value ?? Library;

    /// <summary>
    /// Installs <paramref name="names"/> for the current flow until the returned scope is disposed, which brings back
    /// the names installed before. Dispose it on the flow that installed it (a <c>using</c> around the calls).
    /// </summary>
    public static IDisposable Use(SettingNames names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var scope = new Scope(s_current.Value);
        s_current.Value = names;
        return scope;
    }

    /// <summary>The name of <paramref name="setting"/>: its <see cref="Setting.Name"/> unless overridden.</summary>
    public virtual string Name(Setting setting) => setting.Name;

    /// <summary>The setting given <paramref name="value"/>: <c>Name = Value</c> unless overridden.</summary>
    public virtual string Assignment(Setting setting, object value) => $"{Name(setting)} = {Value(value)}";

    /// <summary>
    /// A value of <paramref name="setting"/> in this caller's words (the CLI's <c>robust</c> for <c>RobustScale = true</c>), or null
    /// for the library's words (<c>true</c>, <c>Mean</c>).
    /// </summary>
    protected internal virtual string? Shown(Setting setting, object? value) => null;

    /// <summary>
    /// A value as C# writes it: an enum member with its type (<c>MissingValues.Drop</c>), a character quoted
    /// (<c>';'</c>), <c>true</c>/<c>false</c>, numbers in the invariant culture, a string as given.
    /// </summary>
    protected virtual string Value(object value) => value switch
    {
        Enum member => $"{member.GetType().Name}.{member}",
        char c => $"'{c}'",
        bool b => b ? "true" : "false",
        string text => text,
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private sealed class Scope(SettingNames? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            s_current.Value = previous;
        }
    }
}

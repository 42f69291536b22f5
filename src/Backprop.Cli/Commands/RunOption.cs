using System.CommandLine;
using Backprop.Diagnostics;
using Backprop.Estimators;

namespace Backprop.Cli.Commands;

/// <summary>
/// One row of the option table (<see cref="RunOptions"/>): an option, the property of the run it sets — an
/// <see cref="MlpOptions"/> path (<c>MlpOptions.Dropout</c>), a <see cref="FitControl"/> one, or a command's own
/// (<c>command</c>) — and how its text becomes that property's value. Its help, range and completions live on the option.
/// </summary>
/// <param name="Option">The option as the command line has it.</param>
/// <param name="Path">The property it sets, as library messages name it.</param>
/// <param name="Options">Sets the property on the run's options; null when the option is not an <see cref="MlpOptions"/> one.</param>
/// <param name="Control">Sets the property on the run's control; null when the option is not a <see cref="FitControl"/> one.</param>
internal sealed record RunOption(Option Option, string Path, Func<ParseResult, MlpOptions, MlpOptions>? Options = null,
    Func<ParseResult, FitControl, FitControl>? Control = null)
{
    /// <summary>
    /// A row for <c>MlpOptions.<paramref name="property"/></c>, set from the option's value when it is given or has a
    /// default (which is the <see cref="MlpOptions"/> default); left at the default otherwise.
    /// </summary>
    public static RunOption Of<T>(Option<T> option, string property, Func<MlpOptions, T, MlpOptions> set) =>
        new(option, "MlpOptions." + property, (parse, o) => parse.GetResult(option) is null ? o : set(o, parse.GetValue(option)!));

    /// <summary>A row for <c>FitControl.<paramref name="property"/></c>, set from the option's value when it is given.</summary>
    public static RunOption OfControl<T>(Option<T> option, string property, Func<FitControl, T, FitControl> set) =>
        new(option, "FitControl." + property, Control: (parse, c) => parse.GetResult(option) is null ? c : set(c, parse.GetValue(option)!));

    /// <summary>A row the command reads itself (what to print, where to draw): no property of the run.</summary>
    public static RunOption Command(Option option) => new(option, "command");

    /// <summary>The run described by the rows given on <paramref name="parse"/>, the rest at the <see cref="MlpOptions"/> defaults.</summary>
    public static MlpOptions Read(ParseResult parse, IEnumerable<RunOption> rows) =>
        rows.Aggregate(new MlpOptions(), (o, row) => row.Options is null ? o : row.Options(parse, o));

    /// <summary>
    /// The options a resumed run continues with: <paramref name="saved"/> (the model file's), with each property whose
    /// option is typed on <paramref name="parse"/> taken from <paramref name="given"/> (the command line read whole), so
    /// that <c>--resume m.json --epochs 400</c> continues the saved run without repeating its options.
    /// </summary>
    public static MlpOptions Overlay(ParseResult parse, IEnumerable<RunOption> rows, MlpOptions given, MlpOptions saved)
    {
        var typed = rows.Where(r => r.Options is not null && parse.GetResult(r.Option) is { Implicit: false })
            .Select(r => r.Path["MlpOptions.".Length..]).ToHashSet();
        // --standardize sets all three: whether to standardise, which columns, and whether robustly.
        if (typed.Contains(nameof(MlpOptions.Standardize)))
            typed.UnionWith([nameof(MlpOptions.StandardizeColumns), nameof(MlpOptions.RobustScale)]);
        var overlaid = saved with { };
        foreach (var property in OptionCatalog.Properties.Where(p => typed.Contains(p.Name))) property.SetValue(overlaid, property.GetValue(given));
        return overlaid;
    }

    /// <summary>The control described by the rows given on <paramref name="parse"/>.</summary>
    public static FitControl ReadControl(ParseResult parse, IEnumerable<RunOption> rows) =>
        rows.Aggregate(new FitControl(), (c, row) => row.Control is null ? c : row.Control(parse, c));

    /// <summary>The option of the row whose path is <paramref name="setting"/>'s name, for messages; null when no row has it.</summary>
    public static string? OptionOf(Setting setting) =>
        RunOptions.All.FirstOrDefault(r => r.Path == setting.Name)?.Option.Name;
}

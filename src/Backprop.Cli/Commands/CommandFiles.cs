using System.CommandLine;
using System.Runtime.CompilerServices;
using Backprop.Serialization;

namespace Backprop.Cli.Commands;

/// <summary>
/// The files a command reads and writes, declared once where the command is built; its action runs through
/// <see cref="Runs"/>, which refuses, before the body does any work, an output that is one of the inputs or another
/// output (<see cref="OutputPath.EnsureDistinct"/>): <c>--out v.csv is the --validation-data file; choose another output</c>.
/// Side files count as outputs too (a search's progress file, a diverged run's weights, the pictures of <c>--plots</c>).
/// A test walks the command tree and tries every output against every input a declaration names.
/// </summary>
internal sealed class CommandFiles
{
    private static readonly ConditionalWeakTable<Command, CommandFiles> Declared = new();

    private readonly List<(Symbol Symbol, string Name, Func<ParseResult, string?> Path, string? RewrittenBy)> _inputs = [];
    private readonly List<(Symbol Symbol, Func<ParseResult, IEnumerable<(string Name, string? Path)>> Paths)> _outputs = [];
    private readonly List<Symbol> _other = [];

    private readonly Command _command;

    private CommandFiles(Command command) => _command = command;

    /// <summary>A new declaration for <paramref name="command"/>.</summary>
    public static CommandFiles Of(Command command)
    {
        var files = new CommandFiles(command);
        Declared.AddOrUpdate(command, files);
        return files;
    }

    /// <summary>The declaration of <paramref name="command"/>; null for a command that declared none (it writes nothing).</summary>
    public static CommandFiles? Find(Command command) => Declared.TryGetValue(command, out var files) ? files : null;

    /// <summary>The options and arguments read as files, by name, each with the output that may replace it (null: none may).</summary>
    public IEnumerable<(Symbol Symbol, string Name, string? RewrittenBy)> Inputs => _inputs.Select(i => (i.Symbol, i.Name, i.RewrittenBy));

    /// <summary>The options written to.</summary>
    public IEnumerable<Symbol> Outputs => _outputs.Select(o => o.Symbol);

    /// <summary>Options that name a path that is neither read nor written as a file of its own (a folder for a cache).</summary>
    public IEnumerable<Symbol> Others => _other;

    /// <summary>An option that names a file the command reads (with the labels beside MNIST images).</summary>
    public CommandFiles Reads<T>(Option<T> option) where T : class? => Read(option, option.Name, p => p.GetValue(option) as string);

    /// <summary>
    /// An input that the output <paramref name="rewrittenBy"/> may replace (a run continued in its own file); every other output may not.
    /// </summary>
    public CommandFiles Reads<T>(Option<T> option, Option rewrittenBy) where T : class? =>
        Read(option, option.Name, p => p.GetValue(option) as string, rewrittenBy.Name);

    /// <summary>An argument that names a file the command reads, called <paramref name="name"/> in messages.</summary>
    public CommandFiles Reads(Argument<string> argument, string name = "input") => Read(argument, name, p => p.GetValue(argument));

    private CommandFiles Read(Symbol symbol, string name, Func<ParseResult, string?> path, string? rewrittenBy = null)
    {
        _inputs.Add((symbol, name, path, rewrittenBy));
        return this;
    }

    /// <summary>An option that names a file the command writes, and the side files written with it (<paramref name="also"/>).</summary>
    public CommandFiles Writes<T>(Option<T> option, Func<string, IEnumerable<(string Name, string Path)>>? also = null) where T : class? =>
        Write(option, p => p.GetValue(option) as string, also);

    /// <summary>An option that names a folder the command writes the files <paramref name="files"/> in.</summary>
    public CommandFiles WritesIn(Option<string?> folder, Func<string, IEnumerable<string>> files)
    {
        _outputs.Add((folder, p => p.GetValue(folder) is string path && path != OutputPath.Standard
            ? files(path).Select(f => ((string)folder.Name, (string?)Path.Combine(path, f)))
            : []));
        return this;
    }

    /// <summary>An option that names a path the command neither reads nor writes as a file (a folder for a cache named apart).</summary>
    public CommandFiles Uses(Option option)
    {
        _other.Add(option);
        return this;
    }

    private CommandFiles Write(Option option, Func<ParseResult, string?> value, Func<string, IEnumerable<(string Name, string Path)>>? also)
    {
        _outputs.Add((option, p => Paths(option.Name, value(p), also)));
        return this;
    }

    private static IEnumerable<(string Name, string? Path)> Paths(string name, string? path,
        Func<string, IEnumerable<(string Name, string Path)>>? also)
    {
        if (path is null) yield break;
        yield return (name, path);
        if (path == OutputPath.Standard || also is null) yield break;
        foreach (var (side, sidePath) in also(path)) yield return (side, sidePath);
    }

    /// <summary>Every input of the command line, by option, with the labels file beside MNIST images.</summary>
    public IReadOnlyList<(string Option, string? Path)> InputPaths(ParseResult parse) =>
        _inputs.SelectMany(i => InputFiles.Of(i.Name, i.Path(parse))).ToList();

    /// <summary>Every output of the command line, side files included.</summary>
    public IReadOnlyList<(string Option, string? Path)> OutputPaths(ParseResult parse) => _outputs.SelectMany(o => o.Paths(parse)).ToList();

    /// <summary>Refuses an output that is an input or another output (<see cref="OutputPath.EnsureDistinct"/>).</summary>
    public void Check(ParseResult parse)
    {
        var outputs = OutputPaths(parse);
        OutputPath.EnsureDistinct(outputs, _inputs.Where(i => i.RewrittenBy is null).SelectMany(i => InputFiles.Of(i.Name, i.Path(parse))).ToList());
        foreach (var input in _inputs.Where(i => i.RewrittenBy is not null))
            OutputPath.EnsureDistinct(outputs.Where(o => o.Option != input.RewrittenBy), InputFiles.Of(input.Name, input.Path(parse)).ToList());
    }

    /// <summary>
    /// Sets the command's action: <see cref="CliApp.Guard"/> around the check of the files, then <paramref name="body"/>.
    /// </summary>
    public void Runs(Func<ParseResult, TextWriter, int> body) =>
        _command.SetAction(parse => CliApp.Guard(parse, output =>
        {
            Check(parse);
            return body(parse, output);
        }));
}

using System.CommandLine;
using System.Text.RegularExpressions;
using Backprop.Cli.Commands;

namespace Backprop.Tests.Cli;

/// <summary>
/// Every command of the CLI that writes declares its files in one place (<see cref="CommandFiles"/>), and the guard
/// that reads the declaration refuses every output — side files too — that is one of the inputs, directly or through a
/// symbolic link, in one line, before any work, leaving the input byte for byte as it was.
/// </summary>
public sealed partial class CommandFilesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Arguments a command needs to parse that are not files (the guard runs before they are used).</summary>
    private static readonly Dictionary<string, string[]> Needed = new()
    {
        ["plot"] = ["network"],
        ["examples run"] = ["blog"],
    };

    /// <summary>String options whose description mentions a file but which name none (a variable inside a MAT-file, a separator).</summary>
    private static readonly HashSet<string> NotPaths = ["--x-var", "--y-var", "--delimiter", "--decimal"];

    private static readonly string[] WritingOptions = ["--out", "--log", "--plots"];

    private static IEnumerable<(string Path, Command Command)> Commands(Command command, string path = "") =>
        command.Subcommands.SelectMany(c => Commands(c, (path + " " + c.Name).Trim())).Prepend((path, command));

    /// <summary>The command tree the tests walk; its own options (a command may build new ones each time) read the command lines.</summary>
    private readonly Command _root = CliRunner.Parse([]).RootCommandResult.Command;

    private List<(string Path, Command Command)> Tree() => Commands(_root).Skip(1).ToList();

    [GeneratedRegex(@"\b(file|folder|CSV|Parquet)\b")]
    private static partial Regex MentionsAFile();

    [Fact]
    public void Every_command_that_writes_declares_every_path_it_takes()
    {
        var tree = Tree();
        var declared = tree.Where(c => CommandFiles.Find(c.Command) is not null).Select(c => c.Path).Order().ToList();
        Assert.Equal(["attribute", "examples run", "explain", "export", "import", "import-mat", "plot", "plot boundary", "plot compare",
            "plot gradients", "predict", "report", "search", "train"], declared);
        foreach (var (path, command) in tree)
        {
            var files = CommandFiles.Find(command);
            var writing = command.Options.Where(o => WritingOptions.Contains(o.Name)).ToList();
            if (files is null)
            {
                Assert.True(writing.Count == 0, $"'{path}' takes {string.Join(", ", writing.Select(o => o.Name))} but declares no files");
                continue;
            }
            Assert.All(writing, o => Assert.Contains(o, files.Outputs));
            var known = files.Inputs.Select(i => i.Symbol).Concat(files.Outputs).Concat(files.Others).ToHashSet();
            var paths = command.Options.Where(o => o.ValueType == typeof(string) && !NotPaths.Contains(o.Name)).Cast<Symbol>()
                .Concat(command.Arguments.Where(a => a.ValueType == typeof(string)))
                .Where(s => MentionsAFile().IsMatch(s.Description ?? ""));
            Assert.All(paths, s => Assert.True(known.Contains(s), $"'{path}' takes the path {s.Name} but does not declare it"));
        }
    }

    [Fact]
    public void Every_command_refuses_every_output_that_is_one_of_its_inputs_directly_or_through_a_link()
    {
        int refusals = 0;
        foreach (var (path, command) in Tree())
        {
            if (CommandFiles.Find(command) is not { } files) continue;
            var inputs = files.Inputs.ToList();
            foreach (var output in files.Outputs.Cast<Option>())
            {
                foreach (var input in inputs)
                {
                    // Each file the output writes (side files and pictures too), made to be this input.
                    foreach (var (name, written) in Written(path, files, output))
                    {
                        if (input.RewrittenBy == name) continue; // --resume m.json --out m.json continues a run in its file
                        refusals += Refused(path, files, output, input, name, written, link: false);
                        if (Path.GetFileName(written) == "o.out") refusals += Refused(path, files, output, input, name, written, link: true);
                    }
                }
            }
        }
        // train 33 (5 inputs × --out, its diverged file, --log, 2 pictures, 2 links; not --resume by --out), search 3, attribute 8, 28 others
        // (plot gradients 2, plot boundary 4; plot compare checks its models itself: PlotSubcommandTests)
        Assert.Equal(72, refusals);
    }

    /// <summary>The files <paramref name="output"/> writes when given its usual value, as the guard sees them.</summary>
    private List<(string Name, string Path)> Written(string command, CommandFiles files, Option output)
    {
        string folder = Path.Combine(_folder.Path, "out");
        var parse = _root.Parse(Arguments(command, files, [], (output, Path.Combine(folder, output.Name == "--plots" ? "pictures" : "o.out"))));
        return files.OutputPaths(parse).Where(o => o.Path is not null && o.Path.StartsWith(folder, StringComparison.Ordinal))
            .Select(o => (o.Option, o.Path!)).ToList();
    }

    private int Refused(string command, CommandFiles files, Option output, (Symbol Symbol, string Name, string? RewrittenBy) input,
        string name, string written, bool link)
    {
        using var place = new TempFolder();
        string inputFolder = Directory.CreateDirectory(Path.Combine(place.Path, "in")).FullName;
        // The input at the very path the output would write (for a side file: the file beside the output).
        string target = written.Replace(Path.Combine(_folder.Path, "out"), inputFolder, StringComparison.Ordinal);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        byte[] content = [.. "an input that must survive\n"u8, (byte)_cases++];
        File.WriteAllBytes(target, content);
        string outputValue = Path.Combine(_folder.Path, "out", output.Name == "--plots" ? "pictures" : "o.out")
            .Replace(Path.Combine(_folder.Path, "out"), inputFolder, StringComparison.Ordinal);
        if (link)
        {
            string linkPath = Path.Combine(place.Path, "link.out");
            File.CreateSymbolicLink(linkPath, target);
            outputValue = linkPath;
        }
        var others = files.Inputs.Where(i => i.Symbol != input.Symbol)
            .Select(i => (i.Symbol, place.Write($"other-{i.Name.TrimStart('-')}.csv", "another input\n"))).ToList();
        var entries = Directory.GetFileSystemEntries(place.Path, "*", SearchOption.AllDirectories).Order().ToList();
        string[] args = Arguments(command, files, [(input.Symbol, target), .. others], (output, outputValue), place.Path);
        var outcome = CliRunner.Run(args);
        string what = $"backprop {string.Join(' ', args)}";
        Assert.True(outcome.ExitCode == 1, $"{what}: exit {outcome.ExitCode}, {outcome.Error}");
        Assert.True(outcome.Error.Contains($" is the {input.Name} file; choose another output"), $"{what}: {outcome.Error}");
        CliRunner.AssertUserError(outcome, $"{name} ", $" is the {input.Name} file; choose another output");
        Assert.Equal(content, File.ReadAllBytes(target));
        Assert.Equal(entries, Directory.GetFileSystemEntries(place.Path, "*", SearchOption.AllDirectories).Order().ToList());
        return 1;
    }

    private int _cases;

    /// <summary>A command line: the command, what it needs, the inputs, the output tried, the other outputs in <paramref name="spare"/>.</summary>
    private static string[] Arguments(string command, CommandFiles files, IEnumerable<(Symbol Symbol, string Path)> inputs,
        (Option Option, string Path) output,
        string? spare = null)
    {
        var args = new List<string>(command.Split(' '));
        args.AddRange(Needed.GetValueOrDefault(command, []));
        foreach (var (symbol, path) in inputs)
        {
            if (symbol is Option option) args.Add(option.Name);
            args.Add(path);
        }
        args.AddRange([output.Option.Name, output.Path]);
        foreach (var other in files.Outputs.Cast<Option>().Where(o => o != output.Option))
            args.AddRange([other.Name, Path.Combine(spare ?? Path.GetTempPath(), "spare-" + other.Name.TrimStart('-'))]);
        return [.. args];
    }
}

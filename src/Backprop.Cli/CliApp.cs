using System.CommandLine;
using Backprop.Cli.Commands;
using Backprop.Diagnostics;

namespace Backprop.Cli;

/// <summary>The <c>backprop</c> command tree. Runs in-process with any writers, so tests see exactly what a user sees.</summary>
public static class CliApp
{
    /// <summary>A cancellation (Ctrl+C) given by the caller in place of the console's, for tests.</summary>
    internal static CancellationToken Cancellation => _cancellation.Value;

    private static readonly AsyncLocal<CancellationToken> _cancellation = new();

    /// <summary>The table formats besides CSV that the commands read (<see cref="Data.TableFormats"/>).</summary>
    static CliApp() => Parquet.ParquetFormat.Register();

    /// <summary>
    /// Parses and runs <paramref name="args"/>; returns the exit code (0 success, 1 user error; interrupted and saved: 130
    /// Ctrl+C or <paramref name="cancellation"/>, 143 SIGTERM, 129 SIGHUP). The library's messages name the CLI's options
    /// meanwhile (<see cref="OptionNames"/>), for this call only: library calls elsewhere keep their C# names.
    /// </summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken cancellation = default)
    {
        using var names = SettingNames.Use(OptionNames.Instance);
        _cancellation.Value = cancellation;
        var root = Root();
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        if (args is [] or ["help"])
        {
            output.Write(Suggestions.Overview(root));
            return 0;
        }
        if (args is ["__complete", .. var words])
        {
            foreach (string candidate in Completion.Candidates(root, words)) output.WriteLine(candidate);
            return 0;
        }
        if (args is ["-v"])
        {
            output.WriteLine(typeof(CliApp).Assembly.GetName().Version?.ToString(3) ?? "unknown");
            return 0;
        }
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // A mistyped command, option or value: one line naming it (and what was likely meant), not the help page.
            error.WriteLine(Shown.Line(Suggestions.Explain(parsed, root)));
            return 1;
        }
        return parsed.Invoke(configuration);
    }

    /// <summary>The command tree, every command's help ending with its examples.</summary>
    private static RootCommand Root()
    {
        var root = new RootCommand("Train, inspect and use multilayer perceptrons trained by backpropagation.")
        {
            TrainCommand.Create(),
            CvCommand.Create(),
            SearchCommand.Create(),
            PredictCommand.Create(),
            AttributeCommand.Create(),
            EvaluateCommand.Create(),
            ExamplesCommand.Create(),
            GradcheckCommand.Create(),
            ExplainCommand.Create(),
            ImportMatCommand.Create(),
            PlotCommand.Create(),
            ReportCommand.Create(),
            PlaygroundCommand.Create(),
            ExportCommand.Create(),
            ImportCommand.Create(),
            Completion.Command(),
        };
        HelpExamples.Add(root);
        return root;
    }

    /// <summary>Parses <paramref name="args"/> against the command tree without running anything (for tests of help examples).</summary>
    internal static ParseResult Parse(string[] args) => Root().Parse(args);

    /// <summary>
    /// Runs a command body: a <see cref="BackpropException"/> (bad input, bad settings) becomes one line on
    /// standard error and exit code 1; anything else is a bug and keeps its stack trace.
    /// </summary>
    internal static int Guard(ParseResult parse, Func<TextWriter, int> body)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        try
        {
            _ = Backprop.Tensors.Gemm.MaxThreads; // a bad BACKPROP_THREADS is refused before anything is read or written
            // Categories not seen in training, scored as none of the known ones: counted over the whole command, noted once.
            using var unseen = Data.Preprocessing.UnseenCategoryTally.Track();
            int code = body(output);
            if (unseen.Report() is { Rows: > 0 } report) error.WriteLine($"note: {report.Message}");
            return code;
        }
        catch (BackpropException e)
        {
            output.Flush();
            // One line, whatever the message quotes: a line break inside it would read as a second error; and no control
            // character from a file reaches the terminal raw (an escape sequence could retitle or clear it), nor a line of a megabyte.
            string line = string.Join(" ", e.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            error.WriteLine($"error: {Shown.Line(line)}");
            return 1;
        }
    }
}

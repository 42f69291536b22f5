namespace Backprop.Diagnostics;

/// <summary>
/// A problem with what the user gave (a file, a value, a setting), as opposed to a bug.
/// It names the file and the place in it where it can, so the CLI prints it as one line:
/// <c>data.csv:4:2: 'abc' is not a number</c>. A setting is named through <see cref="Setting"/>: by its C# name
/// (<c>CsvReadOptions.Delimiter</c>), or by the CLI's option while the CLI runs a command.
/// </summary>
public class BackpropException : Exception
{
    /// <summary>A problem in <paramref name="file"/> at <paramref name="location"/> (either may be null).</summary>
    public BackpropException(string problem, string? file = null, string? location = null, Exception? inner = null)
        : base(Format(problem, file, location), inner)
    {
        Problem = problem;
        File = file;
        Location = location;
    }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }

    /// <summary>The file concerned, if any.</summary>
    public string? File { get; }

    /// <summary>Where in the file: <c>line:column</c>, a JSON path, a variable name.</summary>
    public string? Location { get; }

    private static string Format(string problem, string? file, string? location) =>
        (file, location) switch
        {
            (null, null) => problem,
            (null, _) => $"{location}: {problem}",
            (_, null) => $"{file}: {problem}",
            _ => $"{file}:{location}: {problem}",
        };
}

using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Parsing;

namespace Backprop.Cli;

/// <summary>
/// What a mistyped command line most likely meant: the command or option nearest by edit distance (Damerau–Levenshtein,
/// so a swapped pair of letters counts once), offered only when it is close enough to be a typo.
/// </summary>
internal static class Suggestions
{
    /// <summary>The nearest of <paramref name="candidates"/> to <paramref name="typed"/>, or null when none is within a third of its length (at least
    /// 2).</summary>
    public static string? Nearest(string typed, IEnumerable<string> candidates)
    {
        int limit = Math.Max(2, typed.Length / 3);
        return candidates.Select(c => (Name: c, Distance: Distance(typed.ToLowerInvariant(), c.ToLowerInvariant())))
            .Where(c => c.Distance <= limit).OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal).Select(c => c.Name)
                .FirstOrDefault();
    }

    /// <summary>The optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }

    /// <summary>
    /// The one line for a command line that did not parse: an unknown command or option with the nearest real one, else
    /// the parser's own first message.
    /// </summary>
    public static string Explain(ParseResult parsed, RootCommand root)
    {
        var command = parsed.CommandResult.Command;
        string help = $"(see 'backprop {(command == root ? "" : CommandPath(parsed) + " ")}--help')";
        var unmatched = parsed.UnmatchedTokens.FirstOrDefault();
        if (unmatched is not null)
        {
            bool option = unmatched.StartsWith('-');
            var names = option
                ? command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith('-'))
                : command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name);
            string what = option ? $"option '{unmatched}'{(command == root ? "" : $" for '{CommandPath(parsed)}'")}" : $"command '{unmatched}'";
            return Nearest(unmatched, names) is string near
                ? $"error: unknown {what}; did you mean '{near}'? {help}"
                : $"error: unknown {what} {help}";
        }
        if (Typed(parsed) is string typed) return $"error: {typed} {help}";
        // The parser's own message can run over lines (a list of suggestions): one line, whatever it holds.
        var lines = parsed.Errors[0].Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string message = string.Join(" ", lines);
        return $"error: {message} {help}";
    }

    /// <summary>
    /// The line for a value that is not of its option's type (<c>--verbose: 'abc' is not a whole number; use 0, 1 or 2</c>),
    /// rather than the parser's, which names a .NET type (<c>System.Nullable`1[System.Int32]</c>); null for other errors.
    /// </summary>
    private static string? Typed(ParseResult parsed)
    {
        foreach (var error in parsed.Errors)
        {
            var result = error.SymbolResult switch { OptionResult o => o, ArgumentResult { Parent: OptionResult o } => o, _ => null };
            if (result is null || result.Tokens.Count == 0) continue;
            var option = result.Option;
            var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
            string token = result.Tokens[^1].Value;
            var invariant = System.Globalization.CultureInfo.InvariantCulture;
            string? kind = type switch
            {
                _ when type == typeof(int) => int.TryParse(token, invariant, out _) ? null
                    : System.Numerics.BigInteger.TryParse(token, invariant, out _) ? $"a whole number from {int.MinValue} to {int.MaxValue}"
                    : "a whole number",
                _ when type == typeof(ulong) => ulong.TryParse(token, invariant, out _) ? null : $"a whole number from 0 to {ulong.MaxValue}",
                _ when type == typeof(double) => double.TryParse(token, invariant, out _) ? null : "a number",
                _ when type == typeof(bool) => bool.TryParse(token, out _) ? null : "true or false",
                _ => null,
            };
            if (kind is null) continue;
            var values = option.GetCompletions(CompletionContext.Empty).Select(c => c.Label).ToList();
            string use = values.Count is > 1 and <= 6 ? $"; use {string.Join(", ", values[..^1])} or {values[^1]}" : "";
            return $"{option.Name}: '{token}' is not {kind}{use}";
        }
        return null;
    }

    private static string CommandPath(ParseResult parsed)
    {
        var names = new List<string>();
        for (var result = parsed.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            if (result.Command is not RootCommand) names.Insert(0, result.Command.Name);
        return string.Join(" ", names);
    }

    /// <summary>The overview a bare <c>backprop</c> prints: every command with its one line, and three commands to try.</summary>
    public static string Overview(RootCommand root)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine("backprop: train, inspect and use multilayer perceptrons trained by backpropagation.").AppendLine();
        text.AppendLine("Commands:");
        foreach (var command in root.Subcommands.Where(c => !c.Hidden))
            text.AppendLine($"  {command.Name,-12} {command.Description}");
        text.AppendLine().AppendLine("Try:");
        text.AppendLine("  backprop examples run xor                  # train XOR on built-in data and print the numbers");
        text.AppendLine("  backprop explain mazur                     # every number of one backpropagation step, checked against Mazur's post");
        text.AppendLine("  backprop train --data d.csv --target y --layers 8 --out model.json");
        text.AppendLine().AppendLine("'backprop COMMAND --help' tells more about a command.");
        return text.ToString();
    }
}
